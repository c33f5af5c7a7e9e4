from __future__ import annotations

from django.contrib import messages
from django.db.models import F, Prefetch
from django.db.models.functions import Coalesce
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import DetailView, ListView

from blocs.frame import bloc_year_for
from blocs.models import BlocYear
from core.access import object_for_user
from core.errors import DomainError
from core.forms import VersionForm
from core.history import history_entries
from meetings.forms.meetings import (
    MeetingForm,
    attendance_formset,
    formset_helper,
    member_units,
    part_formsets,
)
from meetings.models import AgendaItem, Attendance, Chair, Guest, Meeting, Opinion, Quorum
from meetings.services import meetings as services


def _meeting(request, bloc_pk: int, year: int, pk: int, perm: str, queryset=None) -> Meeting:
    queryset = queryset if queryset is not None else Meeting.objects.all()
    return object_for_user(
        queryset.select_related("bloc_year", "bloc_year__bloc", "bloc_year__bloc__province"),
        request.user,
        perm,
        pk=pk,
        bloc_year__bloc_id=bloc_pk,
        bloc_year__year=year,
    )


# The rows of a meeting whose history its page shows, each named by one of its fields.
PART_LABELS = (
    (Chair, F("name")),
    (Guest, F("name")),
    (AgendaItem, F("title")),
    (Opinion, Coalesce("unit__short_name", "speaker_name")),
    (Attendance, F("unit__short_name")),
)


class MeetingListView(ListView):
    """The meetings of a bloc-year, in date order, with where they were held and the quorum."""

    template_name = "meetings/meeting_list.html"
    context_object_name = "meetings"

    def get_queryset(self):
        self.bloc_year = bloc_year_for(
            self.request, self.kwargs["bloc_pk"], self.kwargs["year"], "blocs.view_blocyear"
        )
        return (
            Meeting.objects.filter(bloc_year=self.bloc_year)
            .with_attendance_counts()
            .select_related("bloc_year", "host_unit")
            .prefetch_related("host_unit__names")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["bloc_year"] = self.bloc_year
        context["can_add"] = self.request.user.has_perm("meetings.add_meeting", self.bloc_year)
        return context


class MeetingDetailView(DetailView):
    """A meeting as its minutes tell it: time, place, people, attendance and quorum, outcome."""

    context_object_name = "meeting"

    def get_object(self, queryset=None):
        def with_unit(model):
            return model.objects.select_related("unit").prefetch_related("unit__names")

        return _meeting(
            self.request,
            self.kwargs["bloc_pk"],
            self.kwargs["year"],
            self.kwargs["pk"],
            "meetings.view_meeting",
            Meeting.objects.select_related("host_unit", "secretary_unit").prefetch_related(
                "host_unit__names",
                "secretary_unit__names",
                Prefetch("chairs", with_unit(Chair)),
                "guests",
                "agenda_items",
                Prefetch("opinions", with_unit(Opinion)),
                Prefetch("attendances", with_unit(Attendance).order_by("unit__short_name")),
            ),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meeting, user = self.object, self.request.user
        context["bloc_year"] = meeting.bloc_year
        context["quorum"] = meeting.quorum()
        context["can_edit"] = user.has_perm("meetings.change_meeting", meeting)
        context["can_delete"] = user.has_perm("meetings.delete_meeting", meeting)
        context["history"] = history_entries(
            Meeting.history.filter(id=meeting.pk),
            *(
                model.history.filter(meeting_id=meeting.pk).annotate(history_label=label)
                for model, label in PART_LABELS
            ),
        )
        return context


def meeting_new(request, bloc_pk: int, year: int):
    """Show and save a new meeting (board, or the secretariat while the year is open)."""
    bloc_year = bloc_year_for(request, bloc_pk, year, "meetings.add_meeting")
    return _meeting_form_page(request, bloc_year, None)


def meeting_edit(request, bloc_pk: int, year: int, pk: int):
    """Show and save a meeting with its chairs, guests, agenda and opinions."""
    meeting = _meeting(request, bloc_pk, year, pk, "meetings.change_meeting")
    return _meeting_form_page(request, meeting.bloc_year, meeting)


def _meeting_form_page(request, bloc_year: BlocYear, meeting: Meeting | None):
    data = request.POST if request.method == "POST" else None
    instance = meeting if meeting is not None else Meeting(bloc_year=bloc_year)
    form = MeetingForm(data, instance=instance, bloc_year=bloc_year, units=member_units(bloc_year))
    formsets = part_formsets(meeting, bloc_year, data)
    if data is not None and form.is_valid() and all(f.is_valid() for f in formsets.values()):
        values = {name: form.cleaned_data[name] for name in services.MEETING_FIELDS}
        rows = {prefix: formset.rows() for prefix, formset in formsets.items()}
        try:
            if meeting is None:
                meeting = services.meeting_create(bloc_year=bloc_year, **values, **rows)
            else:
                meeting = services.meeting_update(
                    meeting=meeting, version=form.cleaned_data["version"], **values, **rows
                )
        except DomainError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("The meeting was saved."))
            if "continue" in request.POST:
                return redirect(
                    "meetings:meeting_edit", bloc_year.bloc_id, bloc_year.year, meeting.pk
                )
            return redirect(meeting)
    return render(
        request,
        "meetings/meeting_form.html",
        {
            "form": form,
            "formsets": formsets.values(),
            "formset_helper": formset_helper,
            "bloc_year": bloc_year,
            "meeting": meeting,
        },
    )


def meeting_attendance(request, bloc_pk: int, year: int, pk: int):
    """Show and save the attendance of every member unit, with the quorum it gives.

    A POST with `preview` only counts the quorum of what was typed: htmx asks for it on every
    change and gets the quorum box alone; without JavaScript the button does it.
    """
    meeting = _meeting(request, bloc_pk, year, pk, "meetings.change_meeting")
    data = request.POST if request.method == "POST" else None
    formset = attendance_formset(meeting, data)
    version_form = VersionForm(data, initial={"version": meeting.version})
    if data is not None and "preview" not in data:
        if formset.is_valid() and version_form.is_valid():
            try:
                services.meeting_attendance_save(
                    meeting=meeting,
                    version=version_form.cleaned_data["version"],
                    rows=formset.rows(),
                )
            except DomainError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("The attendance was saved."))
                return redirect(meeting)
        else:
            messages.error(request, _("Please correct the rows marked below."))
    context = {
        "meeting": meeting,
        "bloc_year": meeting.bloc_year,
        "formset": formset,
        "version_form": version_form,
        "quorum": Quorum.of(
            meeting.bloc_year, present=formset.present_count(), members=len(formset.forms)
        ),
    }
    template = "meetings/meeting_attendance.html"
    if request.htmx and data is not None and "preview" in data:
        template += "#quorum"
    return render(request, template, context)


@require_GET
def meeting_confirm_delete(request, bloc_pk: int, year: int, pk: int):
    """Ask before deleting a meeting (board or secretariat, while the year is open)."""
    meeting = _meeting(request, bloc_pk, year, pk, "meetings.delete_meeting")
    return render(
        request,
        "meetings/meeting_confirm_delete.html",
        {"meeting": meeting, "bloc_year": meeting.bloc_year},
    )


@require_POST
def meeting_delete(request, bloc_pk: int, year: int, pk: int):
    """Delete a meeting with everything recorded of it."""
    meeting = _meeting(request, bloc_pk, year, pk, "meetings.delete_meeting")
    form = VersionForm(request.POST)
    try:
        services.meeting_delete(
            meeting=meeting, version=form.cleaned_data["version"] if form.is_valid() else -1
        )
    except DomainError as error:
        messages.error(request, error.message)
        return redirect(meeting)
    messages.success(request, _("The meeting was deleted."))
    return redirect("meetings:meeting_list", bloc_pk, year)
