"""Where each bloc-year stands: the steps of its year, each done (on the day its record says),
due on a date of the province's calendar, or overdue — derived from the records every time,
never kept as a second state.

Each app declares the steps whose records it holds (`step_add`, from its `slots` module), with
a function that tells, for many bloc-years in one query, which have done the step and when.
So the queries of `year_progress` are bounded: three for the calendar, one per step, however
many bloc-years are asked about.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import Count
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from blocs.models import BlocYear, BlocYearDate, CalendarDate, DayOff, Membership, Milestone, Pledge
from blocs.models.closing import Handover
from blocs.slots import year_url
from core.workdays import working_days_after

# Who the step waits on.
SECRETARIAT, BOARD = "secretariat", "board"
DONE, OVERDUE, DUE, WAITING = "done", "overdue", "due", "waiting"

# bloc_year id -> the day the step was done, or None when done on a day no record gives.
DoneDays = dict[int, datetime.date | None]


@dataclass(frozen=True)
class Step:
    """A step of a bloc's year: what it is, which calendar date it is due by, who does it,
    where it is done, and how to tell it is done."""

    key: str
    label: str | Promise
    order: int
    done: Callable[[list[BlocYear], datetime.date], DoneDays]
    # Gets `bloc_year=`, as the links of blocs.slots do.
    url: Callable[..., str]
    milestone: str = ""
    waits_on: str = SECRETARIAT


@dataclass(frozen=True)
class StepState:
    step: Step
    state: str
    done_on: datetime.date | None
    due_on: datetime.date | None
    url: str

    @property
    def is_late(self) -> bool:
        return self.state == OVERDUE


_STEPS: dict[str, Step] = {}


def step_add(*steps: Step) -> None:
    """Declare steps of the year (once each: a step's key names it)."""
    for step in steps:
        _STEPS[step.key] = step


def steps() -> list[Step]:
    """Return the steps of a year, in order."""
    return sorted(_STEPS.values(), key=lambda step: step.order)


@dataclass
class Calendar:
    """The calendar dates, own dates and days off the bloc-years asked about need."""

    dates: dict[tuple[int, int, str], CalendarDate]
    own: dict[tuple[int, str], datetime.date]
    days_off: dict[int, frozenset[datetime.date]]

    @classmethod
    def of(cls, bloc_years: list[BlocYear]) -> Calendar:
        provinces = {bloc_year.bloc.province_id for bloc_year in bloc_years}
        years = {bloc_year.year for bloc_year in bloc_years}
        dates = {
            (date.province_id, date.year, date.milestone): date
            for date in CalendarDate.objects.filter(province__in=provinces, year__in=years)
        }
        own = {
            (date.bloc_year_id, date.milestone): date.due_on
            for date in BlocYearDate.objects.filter(bloc_year__in=bloc_years)
        }
        days: dict[int, set] = defaultdict(set)
        for province_id, day in DayOff.objects.filter(province__in=provinces).values_list(
            "province_id", "day"
        ):
            days[province_id].add(day)
        return cls(dates, own, {pk: frozenset(found) for pk, found in days.items()})

    def due(
        self,
        bloc_year: BlocYear,
        milestone: str,
        done_by_milestone: dict[str, datetime.date | None],
        seen: frozenset[str] = frozenset(),
    ) -> datetime.date | None:
        """Return the day the bloc-year is expected to reach the milestone, if the calendar
        says; a date counted after another milestone starts from the day the bloc reached it,
        or else from the day it was due."""
        entry = self.dates.get((bloc_year.bloc.province_id, bloc_year.year, milestone))
        if entry is None or milestone in seen:
            return None
        if entry.blocs_may_change and (bloc_year.pk, milestone) in self.own:
            return self.own[bloc_year.pk, milestone]
        if entry.due_on is not None:
            return entry.due_on
        start = done_by_milestone.get(entry.after) or self.due(
            bloc_year, entry.after, done_by_milestone, seen | {milestone}
        )
        if start is None:
            return None
        days_off = self.days_off.get(bloc_year.bloc.province_id, frozenset())
        return working_days_after(start, entry.working_days, days_off)


def year_progress(
    bloc_years: Iterable[BlocYear], *, today: datetime.date
) -> dict[int, list[StepState]]:
    """Return, for each bloc-year (loaded with its bloc), the state of each step of its year."""
    bloc_years = list(bloc_years)
    if not bloc_years:
        return {}
    calendar = Calendar.of(bloc_years)
    every_step = steps()
    done = {step.key: step.done(bloc_years, today) for step in every_step}
    progress = {}
    for bloc_year in bloc_years:
        done_by_milestone = {
            step.milestone: done[step.key].get(bloc_year.pk)
            for step in every_step
            if step.milestone and bloc_year.pk in done[step.key]
        }
        states = []
        for step in every_step:
            due_on = (
                calendar.due(bloc_year, step.milestone, done_by_milestone)
                if step.milestone
                else None
            )
            url = step.url(bloc_year=bloc_year)
            if bloc_year.pk in done[step.key]:
                state = StepState(step, DONE, done[step.key][bloc_year.pk], due_on, url)
            elif due_on is not None and due_on < today:
                state = StepState(step, OVERDUE, None, due_on, url)
            elif due_on is not None:
                state = StepState(step, DUE, None, due_on, url)
            else:
                state = StepState(step, WAITING, None, None, url)
            states.append(state)
        progress[bloc_year.pk] = states
    return progress


def done_days(rows: Iterable[tuple[int, datetime.date | None]], *, last: bool = False) -> DoneDays:
    """Return the earliest day (the last with `last`) per bloc-year from (bloc_year id, day)
    rows; a row without a day counts as done on a day not known."""
    found: DoneDays = {}
    for pk, day in rows:
        current = found.get(pk)
        better = day is not None and (current is None or (day > current if last else day < current))
        if pk not in found or better:
            found[pk] = day
    return found


def _opened(bloc_years: list[BlocYear], _today: datetime.date) -> DoneDays:
    return {bloc_year.pk: None for bloc_year in bloc_years}


def _leaders(bloc_years: list[BlocYear], _today: datetime.date) -> DoneDays:
    heads = Membership.objects.filter(
        bloc_year__in=bloc_years, role=Membership.Role.HEAD
    ).values_list("bloc_year_id", "elected_on")
    return done_days(heads)


def _pledge(bloc_years: list[BlocYear], _today: datetime.date) -> DoneDays:
    # Signed: the pledge carries its day, or its members signed it.
    pledges = (
        Pledge.objects.filter(bloc_year__in=bloc_years)
        .annotate(signatures_count=Count("signatures"))
        .values_list("bloc_year_id", "signed_on", "signatures_count")
    )
    return {pk: day for pk, day, count in pledges if day is not None or count}


def _handover(bloc_years: list[BlocYear], _today: datetime.date) -> DoneDays:
    return done_days(
        Handover.objects.filter(bloc_year__in=bloc_years).values_list(
            "bloc_year_id", "handed_over_on"
        )
    )


step_add(
    Step(
        "opened",
        _("Year opened"),
        order=10,
        done=_opened,
        url=lambda *, bloc_year, **_values: bloc_year.get_absolute_url(),
        waits_on=BOARD,
    ),
    Step(
        "leaders",
        _("Head and deputies"),
        order=20,
        done=_leaders,
        url=year_url("blocs:blocyear_leadership"),
    ),
    Step(
        "pledge",
        _("Pledge signed"),
        order=30,
        done=_pledge,
        url=year_url("blocs:pledge_detail"),
        milestone=Milestone.PLEDGE,
    ),
    Step(
        "handover",
        _("Handover to next year's head"),
        order=100,
        done=_handover,
        url=year_url("blocs:handover_detail"),
    ),
)


def own_dates(bloc_year: BlocYear) -> list[dict]:
    """Return the milestones whose date the bloc-year may set itself: the province's date (or
    count) and the bloc-year's own, if any."""
    allowed = CalendarDate.objects.filter(
        province=bloc_year.bloc.province_id, year=bloc_year.year, blocs_may_change=True
    )
    own = {date.milestone: date for date in BlocYearDate.objects.filter(bloc_year=bloc_year)}
    return [
        {"entry": entry, "own": own.get(entry.milestone)}
        for entry in sorted(
            allowed, key=lambda entry: list(Milestone.values).index(entry.milestone)
        )
    ]


@dataclass(frozen=True)
class UnitTask:
    """Something a member unit's focal point does for its own unit in a bloc-year: sign the
    pledge, register its titles, give its self-score."""

    key: str
    label: str | Promise
    order: int
    # The memberships (of open bloc-years) for which the task is still to do.
    pending: Callable[[list[Membership]], set[int]]
    # Gets `membership=`.
    url: Callable[..., str]
    milestone: str = ""


@dataclass(frozen=True)
class PendingTask:
    task: UnitTask
    membership: Membership
    due_on: datetime.date | None
    is_late: bool
    url: str


_TASKS: dict[str, UnitTask] = {}


def unit_task_add(*tasks: UnitTask) -> None:
    """Declare tasks of a member unit (once each: a task's key names it)."""
    for task in tasks:
        _TASKS[task.key] = task


def unit_tasks(memberships: Iterable[Membership], *, today: datetime.date) -> list[PendingTask]:
    """Return what the units still have to do in their open bloc-years (memberships loaded with
    their bloc-year and bloc), the late first, then by date."""
    memberships = [m for m in memberships if m.bloc_year.is_open]
    if not memberships:
        return []
    calendar = Calendar.of([m.bloc_year for m in memberships])
    found = []
    for task in sorted(_TASKS.values(), key=lambda task: task.order):
        pending = task.pending(memberships)
        for membership in memberships:
            if membership.pk not in pending:
                continue
            due_on = (
                calendar.due(membership.bloc_year, task.milestone, {}) if task.milestone else None
            )
            late = due_on is not None and due_on < today
            found.append(
                PendingTask(task, membership, due_on, late, task.url(membership=membership))
            )
    return sorted(found, key=lambda item: (not item.is_late, item.due_on or datetime.date.max))


def _unsigned(memberships: list[Membership]) -> set[int]:
    with_pledge = Pledge.objects.filter(bloc_year__in={m.bloc_year_id for m in memberships})
    unsigned = Membership.objects.filter(
        pk__in=[m.pk for m in memberships],
        bloc_year__in=with_pledge.values("bloc_year_id"),
        pledge_signature__isnull=True,
    )
    return set(unsigned.values_list("pk", flat=True))


unit_task_add(
    UnitTask(
        "pledge_signature",
        _("Sign the pledge"),
        order=30,
        pending=_unsigned,
        url=lambda *, membership, **_values: reverse(
            "blocs:pledge_sign",
            args=[membership.bloc_year.bloc_id, membership.bloc_year.year, membership.pk],
        ),
        milestone=Milestone.PLEDGE,
    ),
)
