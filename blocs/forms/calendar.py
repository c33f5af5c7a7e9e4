"""The forms of the year's calendar: the province's dates, its days off, a bloc-year's own date."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from blocs.forms.pledge import DATE_INPUT
from blocs.models import DayOff, Milestone
from blocs.models.calendar import MAX_WORKING_DAYS
from core.dates import sane_date
from core.forms import CheckedFormSet, CleanTextMixin, HiddenFieldsChecked, RowVersionField

SMALL = "form-control form-control-sm"


class CalendarRowForm(HiddenFieldsChecked, forms.Form):
    """One date of the year: a day, or a number of working days after another date."""

    milestone = forms.ChoiceField(choices=Milestone.choices, widget=forms.HiddenInput)
    version = RowVersionField()
    due_on = forms.DateField(label=_("Deadline"), required=False, widget=DATE_INPUT)
    working_days = forms.IntegerField(
        label=_("or working days"), required=False, min_value=1, max_value=MAX_WORKING_DAYS
    )
    after = forms.ChoiceField(
        label=_("after"), required=False, choices=[("", "—"), *Milestone.choices]
    )
    blocs_may_change = forms.BooleanField(label=_("Blocs set their own"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("due_on", "working_days"):
            self.fields[name].widget.attrs["class"] = SMALL
        self.fields["after"].widget.attrs["class"] = "form-select form-select-sm"
        self.fields["blocs_may_change"].widget.attrs["class"] = "form-check-input"

    @property
    def label(self) -> str:
        return Milestone(self["milestone"].value()).label

    def clean(self):
        data = super().clean()
        due_on, days, after = data.get("due_on"), data.get("working_days"), data.get("after")
        if due_on and days:
            self.add_error("working_days", _("Give a date or working days, not both."))
        elif days and not after:
            self.add_error("after", _("Say after which date the working days are counted."))
        elif after and not days and not due_on:
            self.add_error("working_days", _("Give the number of working days."))
        if after and after == data.get("milestone"):
            self.add_error("after", _("A date cannot be counted after itself."))
        return data


class BaseCalendarFormSet(CheckedFormSet):
    """The dates of the year, one row per milestone in their order."""

    def clean(self):
        super().clean()
        sent = [form.cleaned_data.get("milestone") for form in self.forms]
        if sent != list(Milestone.values):
            raise forms.ValidationError(
                _("The page sent the calendar incomplete or altered. Reload it."),
                code="hidden_altered",
            )


CalendarFormSet = forms.formset_factory(
    CalendarRowForm, formset=BaseCalendarFormSet, extra=0, max_num=len(Milestone)
)


class DayOffForm(CleanTextMixin, forms.ModelForm):
    """A day the province's offices do not work, besides the national holidays."""

    class Meta:
        model = DayOff
        fields = ["day", "name"]
        widgets = {"day": DATE_INPUT}
        help_texts = {"name": _("For example: nghỉ bù ngày 02/9, or a local holiday.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["day"].validators.append(sane_date)


class OwnDateForm(HiddenFieldsChecked, forms.Form):
    """A bloc-year's own date for a milestone the province lets its blocs set."""

    milestone = forms.ChoiceField(choices=Milestone.choices, widget=forms.HiddenInput)
    version = RowVersionField()
    due_on = forms.DateField(
        label=_("Our date"),
        required=False,
        widget=DATE_INPUT,
        help_text=_("Leave empty to follow the province's date."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["due_on"].widget.attrs["class"] = "form-control"
