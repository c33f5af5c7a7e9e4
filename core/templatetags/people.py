"""People written on pages as documents write them: "name, title organisation" (core.text)."""

from __future__ import annotations

from django import template

from core.text import person

register = template.Library()


@register.simple_tag
def person_line(name, title="", organisation=None, year=None) -> str:
    """Write a person: `organisation` is a name, or a unit named as it was in `year`."""
    if organisation is not None and hasattr(organisation, "name_in_year"):
        organisation = organisation.name_in_year(year).full_name
    return person(name or "", title or "", str(organisation or ""))
