"""The year's calendar of a province: the dates it expects, proposed from the year before (or
from common practice the first time), its days off, and a bloc-year's own dates."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from blocs.models import BlocYear, BlocYearDate, CalendarDate, DayOff, Milestone
from core.errors import DomainError
from core.services import clean_or_refuse, stale
from core.text import nfc
from units.models import Province

CALENDAR_FIELDS = ("due_on", "after", "working_days", "blocs_may_change")


@dataclass(frozen=True)
class Usual:
    """A date as provinces commonly set it: a day of the year (`next_year` for January after
    the year ends) or working days after another date."""

    month: int = 0
    day: int = 0
    next_year: bool = False
    after: str = ""
    working_days: int | None = None
    blocs_may_change: bool = False

    def row(self, year: int) -> dict:
        due_on = datetime.date(year + self.next_year, self.month, self.day) if self.month else None
        return {
            "due_on": due_on,
            "after": self.after,
            "working_days": self.working_days,
            "blocs_may_change": self.blocs_may_change,
        }


# The first time a province opens its calendar: registrations and pledge in the first quarter,
# the mid-year review in July, the year-end conference in January, the dossier ten working days
# after it, the council at the end of March (Luật Thi đua, khen thưởng 2022; Nghị định
# 98/2023/NĐ-CP; the provinces' own rules move these days).
USUAL = {
    Milestone.REGISTRATION: Usual(month=3, day=15),
    Milestone.PLEDGE: Usual(month=3, day=31),
    Milestone.MID_YEAR: Usual(month=7, day=31, blocs_may_change=True),
    Milestone.YEAR_END: Usual(month=1, day=20, next_year=True, blocs_may_change=True),
    Milestone.DOSSIER: Usual(after=Milestone.YEAR_END, working_days=10),
    Milestone.COUNCIL: Usual(month=3, day=31, next_year=True),
}


def _a_year_later(day: datetime.date | None) -> datetime.date | None:
    if day is None:
        return None
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def calendar_rows(*, province: Province, year: int) -> tuple[list[dict], str]:
    """Return the year's dates, one row per milestone with its version (0 when not saved),
    and where they come from: "saved", "previous" (last year's, a year later) or "usual"."""
    saved = {d.milestone: d for d in CalendarDate.objects.filter(province=province, year=year)}
    if saved:
        source = "saved"
    else:
        before = CalendarDate.objects.filter(province=province, year=year - 1)
        previous = {d.milestone: d for d in before}
        source = "previous" if previous else "usual"
    rows = []
    for milestone in Milestone:
        if milestone in saved:
            entry = saved[milestone]
            row = {name: getattr(entry, name) for name in CALENDAR_FIELDS}
            row["version"] = entry.version
        elif source == "previous" and milestone in previous:
            entry = previous[milestone]
            row = {name: getattr(entry, name) for name in CALENDAR_FIELDS}
            row["due_on"] = _a_year_later(entry.due_on)
            row["version"] = 0
        elif source == "usual":
            row = {**USUAL[milestone].row(year), "version": 0}
        else:
            row = {**dict.fromkeys(CALENDAR_FIELDS), "version": 0}
        rows.append({"milestone": milestone, **row})
    return rows, source


def _check_no_cycle(rows: list[dict]) -> None:
    after = {row["milestone"]: row.get("after") or "" for row in rows}
    for start in after:
        seen, milestone = {start}, after[start]
        while milestone:
            if milestone in seen:
                raise DomainError(
                    _("The dates are counted after each other in a circle: %(what)s.")
                    % {"what": Milestone(start).label}
                )
            seen.add(milestone)
            milestone = after.get(milestone, "")


@transaction.atomic
def calendar_save(*, province: Province, year: int, rows: list[dict]) -> list[CalendarDate]:
    """Save the year's dates; a row with neither a date nor a count removes that date.

    Each row carries the version it was loaded with (0: not saved yet); all are saved or none.
    """
    _check_no_cycle(rows)
    Province.objects.select_for_update().get(pk=province.pk)
    existing = {
        d.milestone: d
        for d in CalendarDate.objects.select_for_update().filter(province=province, year=year)
    }
    saved = []
    for row in rows:
        milestone, version = row["milestone"], row.get("version") or 0
        entry = existing.get(milestone)
        if (entry.version if entry else 0) != version:
            raise stale()
        empty = row.get("due_on") is None and not row.get("working_days")
        if empty:
            if entry is not None:
                entry.delete()
            continue
        if entry is None:
            entry = CalendarDate(province=province, year=year, milestone=milestone)
        else:
            entry.version += 1
        entry.due_on = row.get("due_on")
        entry.after = row.get("after") or ""
        entry.working_days = row.get("working_days")
        entry.blocs_may_change = bool(row.get("blocs_may_change"))
        if entry.due_on is not None:
            entry.after, entry.working_days = "", None
        clean_or_refuse(entry)
        entry.save()
        saved.append(entry)
    return saved


def day_off_add(*, province: Province, day: datetime.date, name: str) -> DayOff:
    """Add a day the province's offices do not work."""
    day_off = DayOff(province=province, day=day, name=nfc(name))
    clean_or_refuse(day_off)
    day_off.save()
    return day_off


def day_off_remove(*, province: Province, pk: int) -> None:
    """Remove one of the province's days off (not an official record: a mistake is undone)."""
    deleted, _rows = DayOff.objects.filter(province=province, pk=pk).delete()
    if not deleted:
        raise stale()


@transaction.atomic
def bloc_year_date_set(
    *, bloc_year: BlocYear, milestone: str, due_on: datetime.date | None, version: int
) -> BlocYearDate | None:
    """Set the bloc-year's own date for a milestone, where the province allows it; no date
    goes back to the province's."""
    allowed = CalendarDate.objects.filter(
        province=bloc_year.bloc.province_id,
        year=bloc_year.year,
        milestone=milestone,
        blocs_may_change=True,
    ).exists()
    if not allowed:
        raise DomainError(_("The province sets this date for every bloc."))
    BlocYear.objects.select_for_update().get(pk=bloc_year.pk)
    own = BlocYearDate.objects.filter(bloc_year=bloc_year, milestone=milestone).first()
    if (own.version if own else 0) != version:
        raise stale()
    if due_on is None:
        if own is not None:
            own.delete()
        return None
    if own is None:
        own = BlocYearDate(bloc_year=bloc_year, milestone=milestone)
    else:
        own.version += 1
    own.due_on = due_on
    clean_or_refuse(own)
    own.save()
    return own
