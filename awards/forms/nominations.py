"""Forms of the nominations: a manual nomination, a return, the province's decision."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from awards.models import Nomination
from core.forms import HiddenFieldsChecked
from units.forms.units import UnitInYearChoiceField


class NominationForm(forms.Form):
    unit = UnitInYearChoiceField(queryset=None, label=_("Member unit"))
    award_type = forms.ModelChoiceField(queryset=None, label=_("Title or award"))
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Why the unit is nominated without a ballot."),
    )

    def __init__(self, *args, units, award_types, year: int, facts_url: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units.prefetch_related("names")
        self.fields["unit"].year = year
        self.fields["award_type"].queryset = award_types
        if facts_url:
            # Choosing the unit or the award reloads the facts that bear on the nomination.
            for name in ("unit", "award_type"):
                self.fields[name].widget.attrs.update(
                    {
                        "hx-get": facts_url,
                        "hx-trigger": "change",
                        "hx-target": "#nomination-facts",
                        "hx-swap": "outerHTML",
                        "hx-include": "#id_unit, #id_award_type",
                    }
                )
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", _("Nominate")))


class NominationEditForm(HiddenFieldsChecked, forms.Form):
    """A draft or returned nomination: its award (not for one from a ballot) and its reason."""

    award_type = forms.ModelChoiceField(queryset=None, label=_("Title or award"))
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required for a nomination without a ballot."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, nomination, award_types, facts_url: str = "", **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "award_type": nomination.award_type_id,
                "reason": nomination.reason,
                "version": nomination.version,
            },
        )
        super().__init__(*args, **kwargs)
        self.fields["award_type"].queryset = award_types
        if nomination.ballot_id:
            self.fields["award_type"].disabled = True
            self.fields["award_type"].help_text = _(
                "The award the conference voted for: it cannot be changed here."
            )
        elif facts_url:
            self.fields["award_type"].widget.attrs.update(
                {
                    "hx-get": facts_url,
                    "hx-trigger": "change",
                    "hx-target": "#nomination-facts",
                    "hx-swap": "outerHTML",
                    "hx-vals": f'{{"unit": "{nomination.unit_id}"}}',
                }
            )
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", _("Save")))


class DeleteForm(HiddenFieldsChecked, forms.Form):
    """The confirmation of a removal: the version the user saw."""

    version = forms.IntegerField(widget=forms.HiddenInput)


class ReturnForm(HiddenFieldsChecked, forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=1000)
    # Today unless the user says otherwise, as for a past year's record.
    returned_on = forms.DateField(label=_("Date returned"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)


OUTCOMES = [
    ("", "—"),
    (Nomination.Status.APPROVED, _("Approve")),
    (Nomination.Status.REJECTED, _("Reject")),
    (Nomination.Status.DOWNGRADED, _("Downgrade to certificate of merit")),
]


class DecisionForm(forms.Form):
    number = forms.CharField(label=_("Number"), max_length=50)
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    signer = forms.CharField(label=_("Signer"), max_length=200)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args, nominations, **kwargs):
        super().__init__(*args, **kwargs)
        self.nominations = nominations
        for nomination in nominations:
            self.fields[f"outcome_{nomination.pk}"] = forms.ChoiceField(
                label=str(nomination), choices=OUTCOMES, required=False
            )

    def outcomes(self) -> dict:
        return {
            nomination: self.cleaned_data[f"outcome_{nomination.pk}"]
            for nomination in self.nominations
            if self.cleaned_data.get(f"outcome_{nomination.pk}")
        }
