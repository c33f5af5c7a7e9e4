"""The form of a member of a ballot round's counting committee."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Layout, Submit
from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from awards.models import BallotCounter
from core.forms import CheckedFormSet, CleanTextMixin, HiddenFieldsChecked, RowVersionField
from units.forms.units import UnitInYearChoiceField


class CounterForm(HiddenFieldsChecked, forms.Form):
    """A member of the committee: role, name, title, and the member unit they stand for."""

    version = RowVersionField()

    role = forms.ChoiceField(label=_("Role"), choices=BallotCounter.Role.choices)
    name = forms.CharField(
        label=pgettext_lazy("person", "Name"),
        max_length=150,
        help_text=_("With the rank where one is used."),
    )
    title = forms.CharField(label=_("Title"), max_length=150, required=False)
    unit = UnitInYearChoiceField(
        label=_("Unit"),
        queryset=None,
        required=False,
        help_text=_("A member unit of the bloc-year."),
    )

    def __init__(self, *args, units, year: int, action: str, submit_label, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units.prefetch_related("names")
        self.fields["unit"].year = year
        self.helper = FormHelper()
        self.helper.form_action = action
        self.helper.layout = Layout(
            "version",
            Div(
                Div("role", css_class="col-md-3"),
                Div("name", css_class="col-md-3"),
                Div("title", css_class="col-md-3"),
                Div("unit", css_class="col-md-3"),
                css_class="row",
            ),
        )
        self.helper.add_input(Submit("save", submit_label))


class CommitteeRowForm(HiddenFieldsChecked, CleanTextMixin, forms.Form):
    """A member of the committee as a row of the form of the whole committee."""

    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    version = RowVersionField()
    role = forms.ChoiceField(label=_("Role"), choices=BallotCounter.Role.choices)
    name = forms.CharField(label=pgettext_lazy("person", "Name"), max_length=150)
    title = forms.CharField(label=_("Title"), max_length=150, required=False)
    unit = UnitInYearChoiceField(label=_("Unit"), queryset=None, required=False)

    def __init__(self, *args, units, choices: list[tuple], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        # Set after the queryset: every row's options come from this one list, not a query.
        self.fields["unit"].choices = choices


class CommitteeFormSet(CheckedFormSet):
    """The whole committee, in order; a ticked row is taken out, a blank extra row left out."""

    def rows(self) -> list[dict]:
        return [
            form.cleaned_data
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]


def committee_formset(data=None, *, counters, units, year: int) -> CommitteeFormSet:
    """Return the form of the whole committee, a row per member and an empty one to add."""
    formset_class = forms.formset_factory(
        CommitteeRowForm, formset=CommitteeFormSet, extra=1, can_delete=True
    )
    initial = [
        {
            "id": c.pk,
            "version": c.version,
            "role": c.role,
            "name": c.name,
            "title": c.title,
            "unit": c.unit_id,
        }
        for c in counters
    ]
    units = units.prefetch_related("names")
    choices = [("", "---------")]
    choices += [(unit.pk, unit.name_in_year(year).short_name) for unit in units]
    return formset_class(
        data,
        initial=initial,
        prefix="committee",
        form_kwargs={"units": units, "choices": choices},
    )


committee_helper = FormHelper()
committee_helper.form_tag = False
committee_helper.template = "bootstrap5/table_inline_formset.html"
