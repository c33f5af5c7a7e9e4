from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Fieldset, Layout
from django import forms
from django.utils.translation import gettext_lazy as _

from blocs.models import BlocYear, Pledge
from core.forms import CheckedFormSet, CleanTextMixin, HiddenFieldsChecked
from meetings.models import AgendaItem, Chair, Guest, Meeting, Opinion
from meetings.services.meetings import (
    AGENDA_FIELDS,
    ATTENDANCE_FIELDS,
    CHAIR_FIELDS,
    GUEST_FIELDS,
    MEETING_FIELDS,
    OPINION_FIELDS,
)
from units.models import Unit


def member_units(bloc_year: BlocYear) -> list[Unit]:
    """Return the member units of the bloc-year with their former names, by name."""
    return list(
        Unit.objects.filter(memberships__bloc_year=bloc_year)
        .prefetch_related("names")
        .order_by("short_name")
    )


def unit_choices(bloc_year: BlocYear, units: list[Unit]) -> list[tuple]:
    """Return the choices of a unit field: each member under its name of that year."""
    return [("", "---------")] + [
        (unit.pk, unit.name_in_year(bloc_year.year).short_name) for unit in units
    ]


class MembersOnlyMixin:
    """Limit the form's unit fields to the members of the bloc-year, listed once for all forms."""

    unit_fields: tuple[str, ...] = ()

    def __init__(self, *args, bloc_year: BlocYear, units: list[Unit], **kwargs):
        super().__init__(*args, **kwargs)
        choices = unit_choices(bloc_year, units)
        for name in self.unit_fields:
            field = self.fields[name]
            field.queryset = Unit.objects.filter(pk__in=[unit.pk for unit in units])
            # Set after the queryset: the rendered options come from this list, not a query.
            field.choices = choices


class MeetingForm(HiddenFieldsChecked, MembersOnlyMixin, CleanTextMixin, forms.ModelForm):
    """A meeting itself: kind, title, time, venue, secretary, the report adopted, conclusions."""

    unit_fields = ("host_unit", "secretary_unit")
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Meeting
        fields = list(MEETING_FIELDS)
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "end_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "basis": forms.Textarea(attrs={"rows": 2}),
            "report_summary": forms.Textarea(attrs={"rows": 5}),
            "conclusions": forms.Textarea(attrs={"rows": 5}),
            "note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        bloc_year = kwargs["bloc_year"]
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version
        # The pledges a meeting of the year may sign: the year's own, or the next year's.
        self.fields["signed_pledge"].queryset = Pledge.objects.filter(
            bloc_year__bloc_id=bloc_year.bloc_id,
            bloc_year__year__in=(bloc_year.year, bloc_year.year + 1),
        ).order_by("bloc_year__year")
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            "version",
            Fieldset(
                _("The meeting"),
                Div(
                    Div(Field("kind"), css_class="col-md-4"),
                    Div(Field("title"), css_class="col-md-8"),
                    css_class="row",
                ),
                Div(
                    Div(Field("date"), css_class="col-md-3"),
                    Div(Field("start_time"), css_class="col-md-3"),
                    Div(Field("day_part"), css_class="col-md-3"),
                    Div(Field("end_time"), css_class="col-md-3"),
                    css_class="row",
                ),
                "basis",
            ),
            Fieldset(
                _("Venue"),
                Div(
                    Div(Field("venue_kind"), css_class="col-md-4"),
                    Div(Field("host_unit"), css_class="col-md-4"),
                    Div(Field("venue"), css_class="col-md-4"),
                    css_class="row",
                ),
            ),
            Fieldset(
                _("Secretary"),
                Div(
                    Div(Field("secretary_name"), css_class="col-md-4"),
                    Div(Field("secretary_title"), css_class="col-md-4"),
                    Div(Field("secretary_unit"), css_class="col-md-4"),
                    css_class="row",
                ),
            ),
            Fieldset(
                _("Outcome"),
                "report_title",
                "report_summary",
                "conclusions",
                "signed_pledge",
                "note",
            ),
        )


class PartForm(MembersOnlyMixin, CleanTextMixin, forms.ModelForm):
    """A row of a meeting in a table of rows: the help texts would repeat on every row."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.help_text = ""


class ChairForm(PartForm):
    unit_fields = ("unit",)

    class Meta:
        model = Chair
        fields = list(CHAIR_FIELDS)


class GuestForm(PartForm):
    class Meta:
        model = Guest
        fields = list(GUEST_FIELDS)


class AgendaItemForm(PartForm):
    class Meta:
        model = AgendaItem
        fields = list(AGENDA_FIELDS)


class OpinionForm(PartForm):
    unit_fields = ("unit",)

    class Meta:
        model = Opinion
        fields = list(OPINION_FIELDS)
        widgets = {"content": forms.Textarea(attrs={"rows": 2})}


class PartFormSet(CheckedFormSet):
    """The rows of one kind of a meeting, in order; a blank extra row is left out."""

    def rows(self) -> list[dict]:
        """Return the rows to keep as the service takes them."""
        return [
            {name: value for name, value in form.cleaned_data.items() if name != "DELETE"}
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]


def part_formset(form: type[forms.Form], extra: int) -> type[PartFormSet]:
    return forms.formset_factory(form, formset=PartFormSet, extra=extra, can_delete=True)


# Each kind of row: its prefix, heading, form set, and the fields of its model it shows.
PARTS = {
    "chairs": (_("Chair or co-chairs"), part_formset(ChairForm, 1), CHAIR_FIELDS),
    "guests": (_("Guests"), part_formset(GuestForm, 2), GUEST_FIELDS),
    "agenda": (_("Agenda"), part_formset(AgendaItemForm, 3), AGENDA_FIELDS),
    "opinions": (_("Opinions"), part_formset(OpinionForm, 2), OPINION_FIELDS),
}


def part_formsets(meeting: Meeting | None, bloc_year: BlocYear, data=None) -> dict:
    """Return the form sets of a meeting's chairs, guests, agenda and opinions."""
    units = member_units(bloc_year)
    existing = {
        "chairs": meeting.chairs.all() if meeting else [],
        "guests": meeting.guests.all() if meeting else [],
        "agenda": meeting.agenda_items.all() if meeting else [],
        "opinions": meeting.opinions.all() if meeting else [],
    }
    formsets = {}
    for prefix, (heading, formset_class, fields) in PARTS.items():
        initial = [
            {name: getattr(part, f"{name}_id" if name == "unit" else name) for name in fields}
            for part in existing[prefix]
        ]
        formset = formset_class(
            data,
            prefix=prefix,
            initial=initial,
            form_kwargs={"bloc_year": bloc_year, "units": units},
        )
        formset.heading = heading
        formsets[prefix] = formset
    return formsets


formset_helper = FormHelper()
formset_helper.form_tag = False
formset_helper.template = "bootstrap5/table_inline_formset.html"


class AttendanceForm(HiddenFieldsChecked, CleanTextMixin, forms.Form):
    """One member unit's attendance: present with its representative, or absent and why."""

    PRESENT, ABSENT = "present", "absent"

    unit = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(
        label=_("Attendance"),
        choices=[(PRESENT, _("Present")), (ABSENT, _("Absent"))],
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )
    representative_name = forms.CharField(
        label=_("Representative's name"), max_length=150, required=False
    )
    representative_title = forms.CharField(
        label=_("Representative's title"), max_length=200, required=False
    )
    absence_reason = forms.CharField(label=_("Reason for absence"), max_length=300, required=False)

    def __init__(self, *args, members: dict[int, Unit], year: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.members = members
        self.year = year
        for name in ATTENDANCE_FIELDS:
            self.fields[name].widget.attrs["class"] = "form-control form-control-sm"

    @property
    def member(self) -> Unit | None:
        """Return the unit of the row, for its name on the page."""
        try:
            return self.members.get(int(self["unit"].value()))
        except (TypeError, ValueError):
            return None

    @property
    def is_present(self) -> bool:
        return self["status"].value() != self.ABSENT

    def clean_unit(self) -> Unit:
        unit = self.members.get(self.cleaned_data["unit"])
        if unit is None:
            raise forms.ValidationError(_("The unit is not a member of this bloc-year."))
        return unit

    def clean(self):
        data = super().clean()
        # What does not apply to the status chosen is dropped rather than refused: a unit
        # switched to absent still shows the representative typed before.
        if data.get("status") == self.ABSENT:
            data["representative_name"] = data["representative_title"] = ""
        else:
            data["absence_reason"] = ""
        return data

    def row(self) -> dict:
        """Return the row as the service takes it."""
        data = self.cleaned_data
        return {
            "unit": data["unit"],
            "present": data["status"] == self.PRESENT,
            **{name: data[name] for name in ATTENDANCE_FIELDS},
        }


class BaseAttendanceFormSet(CheckedFormSet):
    def rows(self) -> list[dict]:
        """Return the rows as the service takes them, leaving out blank rows a client added."""
        return [form.row() for form in self.forms if form.cleaned_data]

    def present_count(self) -> int:
        """Count the rows marked present, as typed (valid or not)."""
        return sum(form.is_present for form in self.forms)


AttendanceFormSet = forms.formset_factory(
    AttendanceForm, formset=BaseAttendanceFormSet, extra=0, max_num=1000
)


def attendance_formset(meeting: Meeting, data=None) -> BaseAttendanceFormSet:
    """Return the attendance form of a meeting: a row per member unit, filled with what is known."""
    bloc_year = meeting.bloc_year
    units = member_units(bloc_year)
    recorded = {row.unit_id: row for row in meeting.attendances.all()}
    initial = []
    for unit in units:
        row = recorded.get(unit.pk)
        initial.append(
            {
                "unit": unit.pk,
                "status": AttendanceForm.ABSENT
                if row is not None and not row.present
                else AttendanceForm.PRESENT,
                **{name: getattr(row, name) if row else "" for name in ATTENDANCE_FIELDS},
            }
        )
    return AttendanceFormSet(
        data,
        prefix="attendance",
        initial=initial,
        form_kwargs={"members": {unit.pk: unit for unit in units}, "year": bloc_year.year},
    )
