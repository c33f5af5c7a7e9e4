"""Showing what higher apps put in a page's slots (core.slots)."""

from __future__ import annotations

from dataclasses import dataclass

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from core.slots import Link, Panel, slot_items

register = template.Library()


@dataclass(frozen=True)
class ShownLink:
    """A link of a slot as this page shows it: its label filled in, its address."""

    label: str
    url: str
    testid: str


@register.simple_tag
def slot_links(slot: str, **values) -> list[ShownLink]:
    """Return the links of a slot, given the page's values:
    `{% slot_links "blocs.board_dashboard_year" year=year as links %}`. A label may name the
    values (`%(year)s`)."""
    shown = []
    for item in slot_items(slot):
        if isinstance(item, Link):
            label = str(item.label)
            shown.append(
                ShownLink(
                    label=label % values if "%(" in label else label,
                    url=item.url(**values),
                    testid=item.testid,
                )
            )
    return shown


@register.simple_tag(takes_context=True)
def slot_panels(context, slot: str, obj) -> SafeString:
    """Render the panels of a slot for the page's object, in order."""
    request = context.get("request")
    shown = [
        render_to_string(item.template_name, item.context(context, obj), request=request)
        for item in slot_items(slot)
        if isinstance(item, Panel)
    ]
    # Each panel is a template rendered with autoescaping: joining them escapes nothing away.
    return mark_safe("".join(shown))
