"""Template helpers for units: their names as they were in a given year."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def name_in(unit, year: int) -> str:
    """Return the unit's short name as it was at the end of that year."""
    return unit.name_in_year(int(year)).short_name


@register.filter
def name_record_in(unit, year: int):
    """Return the name record (short, full, abbreviation) the unit had at the end of that year."""
    return unit.name_in_year(int(year))


@register.filter
def full_name_in(unit, year: int) -> str:
    """Return the unit's full name as it was at the end of that year."""
    return unit.name_in_year(int(year)).full_name


@register.filter
def minutes(duration) -> int:
    """Return a timedelta as whole minutes."""
    return round(duration.total_seconds() / 60) if duration else 0
