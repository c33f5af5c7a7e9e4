"""Writes to meetings: recording a conference, its people, agenda and opinions, its attendance.

Every function takes plain values, so that the pages and the demo data record meetings the
same way. The rows of a meeting (chairs, guests, agenda items, opinions) are given as lists of
dicts in their order; saving a list replaces the meeting's rows of that kind.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import NotRequired, TypedDict

from django.db import transaction
from django.db.models import ProtectedError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from blocs.models import BlocYear
from blocs.selectors.people import member_staff
from core.errors import DomainError
from core.formats import page_date
from core.services import clean_or_refuse, versioned_for_update
from meetings.models import (
    AgendaItem,
    Attendance,
    Chair,
    Document,
    Guest,
    Meeting,
    MeetingPart,
    Opinion,
)
from units.models import Unit
from units.services.notifications import notify


class ChairData(TypedDict):
    name: str
    title: NotRequired[str]
    unit: NotRequired[Unit | None]


class GuestData(TypedDict):
    name: str
    title: NotRequired[str]
    organisation: NotRequired[str]


class AgendaItemData(TypedDict):
    title: str
    presenter: NotRequired[str]


class OpinionData(TypedDict):
    content: str
    unit: NotRequired[Unit | None]
    speaker_name: NotRequired[str]
    speaker_title: NotRequired[str]


class AttendanceData(TypedDict):
    unit: Unit
    present: bool
    representative_name: NotRequired[str]
    representative_title: NotRequired[str]
    absence_reason: NotRequired[str]


# The fields of a meeting itself that its form edits, in the order the form shows them.
MEETING_FIELDS = (
    "kind",
    "title",
    "date",
    "start_time",
    "day_part",
    "end_time",
    "venue_kind",
    "host_unit",
    "venue",
    "basis",
    "secretary_name",
    "secretary_title",
    "secretary_unit",
    "report_title",
    "report_summary",
    "conclusions",
    "signed_pledge",
    "note",
)
CHAIR_FIELDS = ("name", "title", "unit")
GUEST_FIELDS = ("name", "title", "organisation")
AGENDA_FIELDS = ("title", "presenter")
OPINION_FIELDS = ("unit", "speaker_name", "speaker_title", "content")
ATTENDANCE_FIELDS = ("representative_name", "representative_title", "absence_reason")


def _assign(obj, name: str, value) -> bool:
    """Set a field (a key by its object) and tell whether its value changed."""
    field = obj._meta.get_field(name)
    if field.is_relation:
        old, new = getattr(obj, field.attname), (value.pk if value is not None else None)
    else:
        old, new = getattr(obj, name), value
    if old == new:
        return False
    setattr(obj, name, value)
    return True


def _save_parts(
    meeting: Meeting, model: type[MeetingPart], rows: Sequence[dict], fields: tuple[str, ...]
) -> None:
    """Make the meeting's rows of this kind the given ones, numbered in their order.

    Rows are matched by their number, so that an edit changes the rows it touched and the
    history shows what changed rather than every row deleted and added again.
    """
    existing = list(model.objects.filter(meeting=meeting).order_by("position"))
    for position, row in enumerate(rows, start=1):
        unknown = set(row) - set(fields)
        if unknown:
            raise TypeError(f"{model.__name__} has no field {', '.join(sorted(unknown))}")
        if position <= len(existing):
            part, changed = existing[position - 1], False
        else:
            part, changed = model(meeting=meeting, position=position), True
        for name in fields:
            default = None if model._meta.get_field(name).is_relation else ""
            changed |= _assign(part, name, row.get(name, default))
        if not changed:
            continue
        try:
            clean_or_refuse(part)
        except DomainError as error:
            raise DomainError(
                _("%(row)s %(number)d: %(error)s")
                % {
                    "row": str(model._meta.verbose_name).capitalize(),
                    "number": position,
                    "error": error.message,
                }
            ) from error
        part.save()
    for part in existing[len(rows) :]:
        part.delete()


def _save_all_parts(
    meeting: Meeting,
    *,
    chairs: Sequence[ChairData] | None,
    guests: Sequence[GuestData] | None,
    agenda: Sequence[AgendaItemData] | None,
    opinions: Sequence[OpinionData] | None,
) -> None:
    for model, rows, fields in (
        (Chair, chairs, CHAIR_FIELDS),
        (Guest, guests, GUEST_FIELDS),
        (AgendaItem, agenda, AGENDA_FIELDS),
        (Opinion, opinions, OPINION_FIELDS),
    ):
        if rows is not None:
            _save_parts(meeting, model, rows, fields)


@transaction.atomic
def meeting_create(
    *,
    bloc_year: BlocYear,
    kind: str,
    title: str,
    date: datetime.date,
    start_time: datetime.time | None = None,
    day_part: str = "",
    end_time: datetime.time | None = None,
    venue_kind: str = Meeting.VenueKind.PREMISES,
    host_unit: Unit | None = None,
    venue: str = "",
    basis: str = "",
    secretary_name: str = "",
    secretary_title: str = "",
    secretary_unit: Unit | None = None,
    report_title: str = "",
    report_summary: str = "",
    conclusions: str = "",
    signed_pledge=None,
    note: str = "",
    chairs: Sequence[ChairData] = (),
    guests: Sequence[GuestData] = (),
    agenda: Sequence[AgendaItemData] = (),
    opinions: Sequence[OpinionData] = (),
) -> Meeting:
    """Record a meeting of a bloc-year with its chairs, guests, agenda and opinions."""
    meeting = Meeting(
        bloc_year=bloc_year,
        kind=kind,
        title=title,
        date=date,
        start_time=start_time,
        day_part=day_part,
        end_time=end_time,
        venue_kind=venue_kind,
        host_unit=host_unit,
        venue=venue,
        basis=basis,
        secretary_name=secretary_name,
        secretary_title=secretary_title,
        secretary_unit=secretary_unit,
        report_title=report_title,
        report_summary=report_summary,
        conclusions=conclusions,
        signed_pledge=signed_pledge,
        note=note,
    )
    clean_or_refuse(meeting)
    meeting.save()
    _save_all_parts(meeting, chairs=chairs, guests=guests, agenda=agenda, opinions=opinions)
    if meeting.date >= timezone.localdate():
        _tell_members(meeting)
    return meeting


def _tell_members(meeting: Meeting) -> None:
    """Tell the member units' staff of a meeting to come."""
    bloc_year = meeting.bloc_year
    when = page_date(meeting.date)
    if meeting.start_time:
        when = f"{meeting.start_time:%H:%M} {when}"
    notify(
        users=member_staff(bloc_year),
        subject=_("%(bloc)s: %(title)s on %(when)s")
        % {"bloc": bloc_year.bloc.name, "title": meeting.title, "when": when},
        body=meeting.venue,
        url=reverse(
            "meetings:meeting_detail", args=[bloc_year.bloc_id, bloc_year.year, meeting.pk]
        ),
        key=f"meeting:{meeting.pk}",
    )


@transaction.atomic
def meeting_update(
    *,
    meeting: Meeting,
    version: int,
    chairs: Sequence[ChairData] | None = None,
    guests: Sequence[GuestData] | None = None,
    agenda: Sequence[AgendaItemData] | None = None,
    opinions: Sequence[OpinionData] | None = None,
    **fields,
) -> Meeting:
    """Change a meeting and, for each list given, replace its rows of that kind.

    Refuses a save made on a copy that someone else changed since it was loaded.
    """
    unknown = set(fields) - set(MEETING_FIELDS)
    if unknown:
        raise TypeError(f"meeting_update() got unexpected fields {', '.join(sorted(unknown))}")
    meeting = versioned_for_update(Meeting, pk=meeting.pk, version=version)
    for name, value in fields.items():
        setattr(meeting, name, value)
    meeting.version += 1
    clean_or_refuse(meeting)
    meeting.save()
    _save_all_parts(meeting, chairs=chairs, guests=guests, agenda=agenda, opinions=opinions)
    if meeting.date >= timezone.localdate():
        _tell_members(meeting)
    return meeting


def _tell_members(meeting: Meeting) -> None:
    """Tell the member units' staff of a meeting to come."""
    bloc_year = meeting.bloc_year
    when = page_date(meeting.date)
    if meeting.start_time:
        when = f"{meeting.start_time:%H:%M} {when}"
    notify(
        users=member_staff(bloc_year),
        subject=_("%(bloc)s: %(title)s on %(when)s")
        % {"bloc": bloc_year.bloc.name, "title": meeting.title, "when": when},
        body=meeting.venue,
        url=reverse(
            "meetings:meeting_detail", args=[bloc_year.bloc_id, bloc_year.year, meeting.pk]
        ),
        key=f"meeting:{meeting.pk}",
    )


@transaction.atomic
def meeting_attendance_save(
    *, meeting: Meeting, version: int, rows: Sequence[AttendanceData]
) -> Meeting:
    """Record the attendance of every member unit of the meeting's bloc-year, one row each."""
    meeting = versioned_for_update(Meeting, pk=meeting.pk, version=version)
    bloc_year = meeting.bloc_year
    members = {
        m.unit_id: m.unit for m in bloc_year.memberships.select_related("unit").order_by("unit")
    }
    given: dict[int, AttendanceData] = {}
    for row in rows:
        unit = row["unit"]
        if unit.pk not in members:
            raise DomainError(
                _("%(unit)s is not a member of %(bloc_year)s.")
                % {"unit": unit, "bloc_year": bloc_year}
            )
        if unit.pk in given:
            raise DomainError(_("%(unit)s is listed twice.") % {"unit": unit})
        unknown = set(row) - {"unit", "present", *ATTENDANCE_FIELDS}
        if unknown:
            raise TypeError(f"Attendance has no field {', '.join(sorted(unknown))}")
        given[unit.pk] = row
    missing = [str(unit) for pk, unit in members.items() if pk not in given]
    if missing:
        raise DomainError(
            _("Record the attendance of every member unit; missing: %(units)s.")
            % {"units": ", ".join(sorted(missing))}
        )
    existing = {row.unit_id: row for row in meeting.attendances.all()}
    for unit_id, row in given.items():
        attendance = existing.pop(unit_id, None)
        changed = attendance is None
        if attendance is None:
            attendance = Attendance(meeting=meeting, unit=members[unit_id])
        changed |= _assign(attendance, "present", bool(row["present"]))
        for name in ATTENDANCE_FIELDS:
            changed |= _assign(attendance, name, row.get(name, ""))
        if changed:
            try:
                clean_or_refuse(attendance)
            except DomainError as error:
                raise DomainError(f"{members[unit_id]}: {error.message}") from error
            attendance.save()
    # Units that left the bloc-year since the attendance was last recorded.
    for attendance in existing.values():
        attendance.delete()
    meeting.version += 1
    meeting.save()
    return meeting


@transaction.atomic
def meeting_delete(*, meeting: Meeting, version: int) -> None:
    """Delete a meeting of an open year with everything recorded of it."""
    meeting = versioned_for_update(Meeting, pk=meeting.pk, version=version)
    if not meeting.bloc_year.is_open:
        raise DomainError(_("The year is closed: its meetings can no longer be deleted."))
    issued = Document.objects.of_record(meeting).first()
    if issued is not None:
        raise DomainError(
            _("Its minutes were issued as %(symbol)s: a meeting with an issued record stays.")
            % {"symbol": issued.symbol}
        )
    try:
        meeting.delete()
    except ProtectedError as error:  # its ballots, or a record issued from one of its parts
        records = sorted({str(obj._meta.verbose_name_plural) for obj in error.protected_objects})
        raise DomainError(
            _("Other records stand on this meeting (%(records)s): it stays.")
            % {"records": ", ".join(records)}
        ) from error
