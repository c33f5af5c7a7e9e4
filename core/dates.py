"""The dates a record may carry: a bloc-year's records lie around their year, and the other dated
facts (legal texts, a unit's names and mergers) within the life of the state and a few years
ahead. A date outside is a typing error, and an issued document's date decides the year of its
number: 31/12/9999 would open a numbering year nobody can use."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from core.formats import page_date

EARLIEST = datetime.date(1945, 9, 2)
YEARS_AHEAD = 10


def year_window(year: int) -> tuple[datetime.date, datetime.date]:
    """Return the first and the last day a record of that bloc-year may be dated.

    From 1 October of the year before, when the conferences that close a year elect the next
    year's head and may sign its pledge, to the end of the following year, when the handover,
    the tờ trình and the province's decisions come.
    """
    return datetime.date(year - 1, 10, 1), datetime.date(year + 1, 12, 31)


def year_window_error(day: datetime.date, year: int, *, label: str | None = None) -> str | None:
    """Return why a date cannot be that of a record of the bloc-year, or None when it can."""
    first, last = year_window(year)
    if first <= day <= last:
        return None
    message = _(
        "%(label)s must lie between %(first)s and %(last)s, the period of the year %(year)s."
    )
    return message % {
        "label": label or _("The date"),
        "first": page_date(first),
        "last": page_date(last),
        "year": year,
    }


def sane_date(day: datetime.date) -> None:
    """Refuse a date before the state's founding or more than a few years ahead (a validator)."""
    last = datetime.date(timezone.localdate().year + YEARS_AHEAD, 12, 31)
    if not EARLIEST <= day <= last:
        raise ValidationError(
            _("The date must lie between %(first)s and %(last)s.")
            % {"first": page_date(EARLIEST), "last": page_date(last)},
            code="date_out_of_range",
        )
