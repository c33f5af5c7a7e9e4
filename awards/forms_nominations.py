"""Forms of the nominations: a manual nomination, a return, the province's decision."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from awards.models import Nomination


class NominationForm(forms.Form):
    unit = forms.ModelChoiceField(queryset=None, label=_("Member unit"))
    award_type = forms.ModelChoiceField(queryset=None, label=_("Title or award"))
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Why the unit is nominated without a ballot."),
    )

    def __init__(self, *args, units, award_types, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["award_type"].queryset = award_types
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", _("Nominate")))


class ReturnForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=1000)
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
