"""The form of a ballot round: the vote-count record's figures and a grid of votes."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Layout
from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import HiddenFieldsChecked


def vote_field_name(unit_id: int, award_type_id: int) -> str:
    return f"votes_{unit_id}_{award_type_id}"


class BallotForm(HiddenFieldsChecked, forms.Form):
    round_number = forms.IntegerField(label=_("Round"), min_value=1, initial=1)
    issued = forms.IntegerField(label=_("Ballots issued"), min_value=0)
    returned = forms.IntegerField(label=_("Ballots returned"), min_value=0)
    valid = forms.IntegerField(label=_("Valid ballots"), min_value=0)
    invalid = forms.IntegerField(label=_("Invalid ballots"), min_value=0)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, units, award_types, year: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.units = list(units)
        self.award_types = list(award_types)
        self.grid = []
        for unit in self.units:
            cells = []
            for award_type in self.award_types:
                name = vote_field_name(unit.pk, award_type.pk)
                self.fields[name] = forms.IntegerField(
                    label=f"{unit.name_in_year(year).short_name}: {award_type.label}",
                    min_value=0,
                    required=False,
                    widget=forms.NumberInput(attrs={"class": "form-control form-control-sm"}),
                )
                cells.append(name)
            self.grid.append((unit, cells))
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Div(
                *(
                    Div(name, css_class="col-6 col-md-2")
                    for name in ("round_number", "issued", "returned", "valid", "invalid")
                ),
                css_class="row",
            ),
            "note",
            "version",
        )

    def grid_rows(self):
        """Return (unit, bound fields) per row, for the template."""
        return [(unit, [self[name] for name in cells]) for unit, cells in self.grid]

    def votes(self) -> dict[tuple[int, int], int]:
        return {
            (unit.pk, award_type.pk): self.cleaned_data.get(vote_field_name(unit.pk, award_type.pk))
            or 0
            for unit in self.units
            for award_type in self.award_types
        }
