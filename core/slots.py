"""Places in a lower app's pages that higher apps fill: the tabs of a bloc-year, a box on a
record's page, a link on a dashboard.

A lower app names its slots (in its `slots` module) and shows what fills them through the
`slots` template library; a higher app fills them from its AppConfig.ready(). So a lower app
names no higher one, in its code or its templates. Each item carries a number that orders it:
a page is the same whatever order the apps are loaded in.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class Link:
    """A link on a lower app's page; `url` gets the values the page passes to the slot."""

    label: str | Promise
    url: Callable[..., str]
    order: int
    # What the page calls it (to mark the current tab), the menu it goes in, its test id.
    key: str = ""
    menu: str = ""
    testid: str = ""


@dataclass(frozen=True)
class Menu:
    """A menu of links (those whose `menu` is its key), shown where its order puts it."""

    key: str
    label: str | Promise
    order: int
    testid: str = ""


@dataclass(frozen=True)
class Panel:
    """A box on a lower app's page: its template, and what it shows of the page's object
    (`context` gets the page's template context and the object)."""

    template_name: str
    context: Callable[..., dict]
    order: int


_SLOTS: dict[str, list[Link | Menu | Panel]] = defaultdict(list)


def slot_fill(slot: str, *items: Link | Menu | Panel) -> None:
    """Add links, menus or panels to a slot of a lower app's page."""
    _SLOTS[slot].extend(items)


def slot_items(slot: str) -> list[Link | Menu | Panel]:
    """Return what fills a slot, in order."""
    return sorted(_SLOTS.get(slot, ()), key=lambda item: item.order)
