"""The handover's forms, and the reason given when the board closes or reopens a year."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Fieldset, Layout
from django import forms
from django.utils.translation import gettext_lazy as _

from blocs.forms.pledge import DATE_INPUT, items_formset
from blocs.models import Handover
from core.forms import CleanTextMixin, HiddenFieldsChecked, RowVersionField
from units.models import Unit


class HandoverForm(HiddenFieldsChecked, CleanTextMixin, forms.ModelForm):
    """Who handed the year over to whom, when and where."""

    version = RowVersionField()

    class Meta:
        model = Handover
        fields = [
            "from_unit",
            "from_representative",
            "from_representative_title",
            "to_unit",
            "to_representative",
            "to_representative_title",
            "handed_over_on",
            "place",
            "note",
        ]
        widgets = {"handed_over_on": DATE_INPUT, "note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, bloc_year, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["from_unit"].queryset = Unit.objects.filter(
            memberships__bloc_year=bloc_year
        ).order_by("short_name")
        # The incoming head is a member of the bloc this year or, once it is open, the next.
        self.fields["to_unit"].queryset = (
            Unit.objects.filter(
                memberships__bloc_year__bloc_id=bloc_year.bloc_id,
                memberships__year__in=(bloc_year.year, bloc_year.year + 1),
                merged_into__isnull=True,
            )
            .distinct()
            .order_by("short_name")
        )
        self.fields["version"].initial = self.instance.version if self.instance.pk else 0
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            "version",
            Div(
                Div(
                    Fieldset(
                        _("Outgoing head"),
                        "from_unit",
                        "from_representative",
                        "from_representative_title",
                    ),
                    css_class="col-md-6",
                ),
                Div(
                    Fieldset(
                        _("Incoming head"),
                        "to_unit",
                        "to_representative",
                        "to_representative_title",
                    ),
                    css_class="col-md-6",
                ),
                css_class="row",
            ),
            Div(
                Div(Field("handed_over_on"), css_class="col-md-4"),
                Div(Field("place"), css_class="col-md-8"),
                css_class="row",
            ),
            "note",
        )


class HandoverItemForm(HiddenFieldsChecked, CleanTextMixin, forms.Form):
    """One thing handed over: a file of records, the seal, the rotating flag."""

    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    description = forms.CharField(label=_("Item"), max_length=300)
    quantity = forms.CharField(label=_("Quantity"), max_length=50, required=False)
    note = forms.CharField(label=_("Note"), max_length=250, required=False)


HandoverItemFormSet = items_formset(HandoverItemForm)


class ReasonForm(CleanTextMixin, forms.Form):
    """Why the board closes or reopens a year."""

    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, required: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].required = required
