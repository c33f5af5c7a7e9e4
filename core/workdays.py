"""Working days as Vietnamese offices count them: Monday to Friday, less the public holidays of
Vietnam (the `holidays` package's calendar, Tết included) and the days off a province adds
(a swapped day, a local holiday)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from functools import lru_cache

import holidays

# Far enough for any deadline counted in working days: Tết alone closes offices for a week.
_SEARCH_LIMIT = 400


@lru_cache(maxsize=64)
def public_holiday_names(year: int) -> dict[datetime.date, str]:
    """Return Vietnam's public holidays of that year with their Vietnamese names, observed
    days included."""
    return dict(sorted(holidays.country_holidays("VN", years=year, language="vi").items()))


def public_holidays(year: int) -> frozenset[datetime.date]:
    """Return Vietnam's public holidays of that year."""
    return frozenset(public_holiday_names(year))


def is_working_day(day: datetime.date, days_off: Iterable[datetime.date] = ()) -> bool:
    """Whether offices work that day."""
    return day.weekday() < 5 and day not in public_holidays(day.year) and day not in days_off


def working_days_after(
    start: datetime.date, count: int, days_off: Iterable[datetime.date] = ()
) -> datetime.date:
    """Return the day that is `count` working days after `start` (before it when negative);
    `start` itself is not counted, as in "within 10 working days of the conference"."""
    days_off = frozenset(days_off)
    step = 1 if count >= 0 else -1
    day, left = start, abs(count)
    for _ in range(_SEARCH_LIMIT * max(1, left)):
        if not left:
            return day
        day += datetime.timedelta(days=step)
        if is_working_day(day, days_off):
            left -= 1
    raise ValueError("no working day found")  # pragma: no cover - a year has working days


def working_days_between(
    start: datetime.date, end: datetime.date, days_off: Iterable[datetime.date] = ()
) -> int:
    """Return how many working days lie after `start` up to and including `end` (negative
    when `end` comes first)."""
    days_off = frozenset(days_off)
    if end < start:
        return -working_days_between(end, start, days_off)
    count, day = 0, start
    while day < end:
        day += datetime.timedelta(days=1)
        if is_working_day(day, days_off):
            count += 1
    return count
