"""What the meeting pages post, built from a meeting as the page shows it."""

from __future__ import annotations

from django.urls import reverse

from meetings.models import Meeting
from meetings.services import meetings as services


def url_of(name: str, meeting: Meeting) -> str:
    bloc_year = meeting.bloc_year
    return reverse(f"meetings:{name}", args=[bloc_year.bloc_id, bloc_year.year, meeting.pk])


def rows(prefix: str, items: list[dict], *, initial: int = 0) -> dict:
    """Return a form set of the meeting form as the page posts it."""
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(items)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, item in enumerate(items):
        data.update({f"{prefix}-{index}-{name}": value for name, value in item.items()})
    return data


def meeting_data(meeting: Meeting | None = None, **changes) -> dict:
    """Return the meeting form filled as the page shows it (or as a new one), with changes."""
    if meeting is None:
        data = {
            "kind": "launch",
            "title": "Hội nghị phát động thi đua, ký giao ước thi đua năm 2025",
            "date": "2025-02-15",
            "start_time": "08:00",
            "end_time": "11:00",
            "venue_kind": "online",
            "host_unit": "",
            "venue": "",
        }
        parts = {"chairs": [], "guests": [], "agenda": [], "opinions": []}
    else:
        data = {
            "version": meeting.version,
            "kind": meeting.kind,
            "title": meeting.title,
            "date": meeting.date.isoformat(),
            "start_time": meeting.start_time.strftime("%H:%M") if meeting.start_time else "",
            "end_time": meeting.end_time.strftime("%H:%M") if meeting.end_time else "",
            "venue_kind": meeting.venue_kind,
            "host_unit": meeting.host_unit_id or "",
            "venue": meeting.venue,
        }
        parts = {
            "chairs": [
                {"name": c.name, "title": c.title, "unit": c.unit_id or ""}
                for c in meeting.chairs.all()
            ],
            "guests": [
                {"name": g.name, "title": g.title, "organisation": g.organisation}
                for g in meeting.guests.all()
            ],
            "agenda": [
                {"title": a.title, "presenter": a.presenter} for a in meeting.agenda_items.all()
            ],
            "opinions": [
                {
                    "unit": o.unit_id or "",
                    "speaker_name": o.speaker_name,
                    "speaker_title": o.speaker_title,
                    "content": o.content,
                }
                for o in meeting.opinions.all()
            ],
        }
    for name in services.MEETING_FIELDS:
        if name not in data:
            value = getattr(meeting, name) if meeting is not None else ""
            data[name] = getattr(value, "pk", value) if value is not None else ""
    for prefix, items in parts.items():
        items = changes.pop(prefix, items)
        data.update(rows(prefix, items, initial=len(parts[prefix])))
    return {**data, **changes}


def attendance_data(meeting: Meeting, statuses: dict, *, version: int | None = None) -> dict:
    """Return the attendance form: for each unit, "present", ("present", name, title) or
    ("absent", reason)."""
    data = {
        "version": meeting.version if version is None else version,
        "attendance-TOTAL_FORMS": str(len(statuses)),
        "attendance-INITIAL_FORMS": str(len(statuses)),
        "attendance-MIN_NUM_FORMS": "0",
        "attendance-MAX_NUM_FORMS": "1000",
    }
    for index, (unit, status) in enumerate(statuses.items()):
        if isinstance(status, str):
            status = (status,)
        row = {"unit": unit.pk, "status": status[0]}
        if status[0] == "present":
            row["representative_name"] = status[1] if len(status) > 1 else ""
            row["representative_title"] = status[2] if len(status) > 2 else ""
        else:
            row["absence_reason"] = status[1] if len(status) > 1 else ""
        data.update({f"attendance-{index}-{name}": value for name, value in row.items()})
    return data
