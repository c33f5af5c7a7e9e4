"""The form of a bloc's details: name, kind, document symbol, description."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from blocs.models import Bloc
from core.forms import CleanTextMixin, HiddenFieldsChecked
from units.models import Province

BLOC_EDITABLE_FIELDS = ("name", "kind", "symbol", "description")


class BlocForm(HiddenFieldsChecked, CleanTextMixin, forms.ModelForm):
    """A bloc's details; the version guards against two people saving it at once."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Bloc
        fields = list(BLOC_EDITABLE_FIELDS)
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, province: Province, **kwargs):
        super().__init__(*args, **kwargs)
        self.province = province
        self.fields["version"].initial = self.instance.version
        self.fields["version"].required = self.instance.pk is not None
        self.helper = FormHelper()
        label = _("Save") if self.instance.pk else _("Create the bloc")
        self.helper.add_input(Submit("submit", label))

    def clean(self):
        data = super().clean()
        # The province is not a field of the form, so Django leaves these two checks out.
        others = Bloc.objects.filter(province=self.province).exclude(pk=self.instance.pk)
        if data.get("name") and others.filter(name=data["name"]).exists():
            self.add_error("name", _("This province already has a bloc with this name."))
        if data.get("symbol") and others.filter(symbol=data["symbol"]).exists():
            self.add_error(
                "symbol", _("Another bloc of this province already uses this document symbol.")
            )
        return data
