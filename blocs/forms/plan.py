"""The form of the bloc's plan for its year."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Layout, Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from blocs.forms.pledge import DATE_INPUT
from blocs.models import Plan
from core.forms import CleanTextMixin, HiddenFieldsChecked


class PlanForm(HiddenFieldsChecked, CleanTextMixin, forms.ModelForm):
    """Number, date, subject and contents of the plan."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    class Meta:
        model = Plan
        fields = ["number", "issued_on", "subject", "basis", "content"]
        widgets = {
            "issued_on": DATE_INPUT,
            "basis": forms.Textarea(attrs={"rows": 3}),
            "content": forms.Textarea(attrs={"rows": 8}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version if self.instance.pk else 0
        self.helper = FormHelper()
        self.helper.layout = Layout(
            "version",
            Div(
                Div(Field("number"), css_class="col-md-4"),
                Div(Field("issued_on"), css_class="col-md-4"),
                css_class="row",
            ),
            "subject",
            "basis",
            "content",
        )
        self.helper.add_input(Submit("submit", _("Save")))
