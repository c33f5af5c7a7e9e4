"""The three ways to set a bloc-year's head and deputies: confirm the rotation proposal, record
the election at the conference, or record the provincial decision that assigns them."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Layout, Submit
from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from blocs.models import BlocYear, LeadershipDecision
from core.forms import HiddenFieldsChecked
from units.models import Unit

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class LeadershipForm(HiddenFieldsChecked, forms.Form):
    """What every way of setting the leadership shares: the lock and the confirmation to replace.

    `members` are the units of the bloc-year (with their former names loaded), `has_leaders`
    whether the year already has a head or deputies, which the user must agree to replace.
    """

    version = forms.CharField(widget=forms.HiddenInput)
    replace = forms.BooleanField(
        label=_("Replace the current head and deputies (they stay in the history)"),
        required=False,
    )
    submit_label = _("Save")
    action = ""  # the URL name the form posts to

    def __init__(
        self,
        *args,
        bloc_year: BlocYear,
        members: Sequence[Unit],
        version: str,
        has_leaders: bool,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.bloc_year = bloc_year
        self.members = {unit.pk: unit for unit in members}
        self.has_leaders = has_leaders
        self.picks_leaders = False
        self.fields["version"].initial = version
        if not has_leaders:
            self.fields["replace"].widget = forms.HiddenInput()
        self.helper = FormHelper()
        self.helper.form_action = reverse(self.action, args=[bloc_year.bloc_id, bloc_year.year])
        self.helper.layout = Layout(*self.layout_fields(), "version", "replace")
        self.helper.add_input(Submit("submit", self.submit_label))

    def layout_fields(self) -> list:
        return []

    def member_choices(self, *, blank: bool) -> list[tuple]:
        year = self.bloc_year.year
        choices = [(pk, unit.name_in_year(year).short_name) for pk, unit in self.members.items()]
        choices.sort(key=lambda choice: choice[1])
        return [("", "—"), *choices] if blank else choices

    def add_leader_fields(self) -> None:
        """Add the head and one field per possible deputy, in rank order."""
        self.fields["head"] = forms.TypedChoiceField(
            label=self.bloc_year.bloc.head_term, choices=self.member_choices(blank=True), coerce=int
        )
        self.add_deputy_fields()

    def add_deputy_fields(self) -> None:
        """Add one field per possible deputy, in rank order."""
        self.picks_leaders = True
        for rank in range(1, self.bloc_year.max_deputies + 1):
            self.fields[f"deputy_{rank}"] = forms.TypedChoiceField(
                label=f"{self.bloc_year.bloc.deputy_term} {rank}"
                if self.bloc_year.max_deputies > 1
                else self.bloc_year.bloc.deputy_term,
                choices=self.member_choices(blank=True),
                coerce=int,
                required=False,
                empty_value=None,
            )

    def leader_field_names(self) -> list[str]:
        return ["head", *(f"deputy_{r}" for r in range(1, self.bloc_year.max_deputies + 1))]

    def clean(self):
        data = super().clean()
        if self.has_leaders and not data.get("replace"):
            self.add_error(
                "replace",
                _(
                    "This year already has a head or deputies. Tick the box to replace them; "
                    "the current ones stay in the history."
                ),
            )
        if self.picks_leaders:
            self._clean_leaders(data)
        return data

    def _clean_leaders(self, data) -> None:
        head = data.get("head")
        deputies = []
        for rank in range(1, self.bloc_year.max_deputies + 1):
            name = f"deputy_{rank}"
            pk = data.get(name)
            if pk is None:
                continue
            if pk == head:
                self.add_error(name, _("The head cannot also be a deputy."))
            elif pk in deputies:
                self.add_error(name, _("A unit is named twice among the deputies."))
            else:
                deputies.append(pk)
        data["head_unit"] = self.members.get(head) if head else None
        data["deputy_units"] = [self.members[pk] for pk in deputies]


class ConfirmProposalForm(LeadershipForm):
    """Confirm the head the rotation rule proposes, with the deputies it proposes or others
    the conference chose (or none): each is recorded with its own basis."""

    head = forms.IntegerField(widget=forms.HiddenInput)
    # The deputies proposed as the user saw them, to refuse a proposal changed meanwhile.
    deputies = forms.CharField(widget=forms.HiddenInput, required=False)
    agreed_on = forms.DateField(
        label=_("Agreed at the conference of"),
        required=False,
        widget=DATE_WIDGET,
        help_text=_("The day the year-end conference agreed to the rotation, if it did."),
    )
    submit_label = _("Confirm the proposal")
    action = "blocs:leadership_confirm"

    def __init__(self, *args, proposal=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_deputy_fields()
        if proposal is not None and proposal.head is not None:
            self.fields["head"].initial = proposal.head.unit.pk
            self.fields["deputies"].initial = ",".join(str(u.pk) for u in proposal.deputy_units)
            for rank, unit in enumerate(proposal.deputy_units, start=1):
                if f"deputy_{rank}" in self.fields:
                    self.fields[f"deputy_{rank}"].initial = unit.pk
        for rank in range(1, self.bloc_year.max_deputies + 1):
            self.fields[f"deputy_{rank}"].help_text = _(
                "As proposed, another member the conference chose, or none."
            )
        self.helper.layout = Layout(
            "head",
            "deputies",
            *(f"deputy_{rank}" for rank in range(1, self.bloc_year.max_deputies + 1)),
            "agreed_on",
            "version",
            "replace",
        )

    def clean_deputies(self) -> list[int]:
        text = self.cleaned_data["deputies"]
        try:
            return [int(pk) for pk in text.split(",") if pk.strip()]
        except ValueError:
            raise forms.ValidationError(_("The proposal sent is not readable.")) from None

    def proposed(self) -> tuple[int, list[int]]:
        """Return the head and deputies (primary keys) the user saw proposed."""
        return self.cleaned_data["head"], self.cleaned_data["deputies"]


class ElectionForm(LeadershipForm):
    """Record the head and deputies elected at the year-end conference of the year before."""

    elected_on = forms.DateField(
        label=_("Date of the conference"),
        widget=DATE_WIDGET,
        help_text=_("Usually the year-end conference of the year before."),
    )
    submit_label = _("Record the election")
    action = "blocs:leadership_elect"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_leader_fields()
        self.helper.layout = Layout(
            Div(*(Field(name) for name in self.leader_field_names())),
            "elected_on",
            "version",
            "replace",
        )

    def clean_elected_on(self) -> datetime.date:
        day = self.cleaned_data["elected_on"]
        year = self.bloc_year.year
        if day.year not in (year - 1, year):
            raise forms.ValidationError(
                _(
                    "The conference that elects the leaders of %(year)d is held in %(before)d or "
                    "%(year)d."
                )
                % {"year": year, "before": year - 1}
            )
        return day


class DecisionForm(LeadershipForm):
    """Record the provincial decision that assigns the head and deputies (board only)."""

    number = forms.CharField(
        label=_("Decision number"),
        max_length=LeadershipDecision._meta.get_field("number").max_length,
        help_text=_("For example: 888/QĐ-UBND."),
    )
    date = forms.DateField(label=_("Date of issue"), widget=DATE_WIDGET)
    signer = forms.CharField(
        label=_("Signed by"),
        max_length=LeadershipDecision._meta.get_field("signer").max_length,
        required=False,
    )
    subject = forms.CharField(
        label=_("Subject"),
        max_length=LeadershipDecision._meta.get_field("subject").max_length,
        required=False,
        help_text=_("For example: phân công Trưởng, Phó các Khối thi đua năm 2021."),
    )
    submit_label = _("Record the decision")
    action = "blocs:leadership_decide"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_leader_fields()
        self.helper.layout = Layout(
            Div(
                Div(Field("number"), css_class="col-sm-6"),
                Div(Field("date"), css_class="col-sm-6"),
                css_class="row",
            ),
            "signer",
            "subject",
            Div(*(Field(name) for name in self.leader_field_names())),
            "version",
            "replace",
        )
