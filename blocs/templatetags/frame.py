"""The tabs of a bloc-year's pages, from the sections each app declares (blocs.slots)."""

from __future__ import annotations

from django import template

from blocs.slots import YEAR_SECTIONS
from core.slots import Link, Menu, slot_items

register = template.Library()


@register.inclusion_tag("blocs/includes/year_nav.html")
def year_tabs(bloc_year, section: str) -> dict:
    """Show the sections of the bloc-year as tabs, menus holding theirs; `section` is the key of
    the page's own."""
    items = slot_items(YEAR_SECTIONS)
    menus = {item.key: item for item in items if isinstance(item, Menu)}
    tabs: list[dict] = []
    opened: dict[str, dict] = {}
    for item in items:
        if not isinstance(item, Link):
            continue
        tab = {
            "label": item.label,
            "url": item.url(bloc_year=bloc_year),
            "testid": item.testid,
            "active": item.key == section,
        }
        menu = menus.get(item.menu)
        if menu is None:
            tabs.append(tab)
            continue
        if menu.key not in opened:
            opened[menu.key] = {"label": menu.label, "testid": menu.testid, "links": []}
            tabs.append(opened[menu.key])
        opened[menu.key]["links"].append(tab)
    for menu in opened.values():
        menu["active"] = any(link["active"] for link in menu["links"])
    return {"tabs": tabs}
