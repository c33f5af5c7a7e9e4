"""Slots: places in a lower app's pages that higher apps fill, in an order of their own."""

from __future__ import annotations

import pytest
from django.template import engines
from django.test import RequestFactory

from core import slots
from core.slots import Link, Menu, Panel, slot_fill, slot_items


@pytest.fixture(autouse=True)
def empty_slots(monkeypatch):
    """Give each test slots of its own, leaving the app's as they are."""
    monkeypatch.setattr(slots, "_SLOTS", slots.defaultdict(list))


def link(order: int, label: str = "x") -> Link:
    return Link(label, lambda **values: f"/{label}/{values.get('year', '')}", order=order)


def test_what_fills_a_slot_comes_in_its_order_whatever_the_order_it_was_filled_in():
    slot_fill("page", link(30, "c"), link(10, "a"))
    slot_fill("page", Menu("m", "menu", order=20), link(40, "d"))

    assert [item.order for item in slot_items("page")] == [10, 20, 30, 40]
    assert slot_items("another page") == []


def test_a_page_shows_the_links_of_its_slot_with_the_values_it_gives():
    slot_fill("page", link(20, "b"), Link("Năm %(year)s", lambda *, year: f"/y/{year}/", order=10))
    template = engines["django"].from_string(
        '{% load slots %}{% slot_links "page" year=2025 as links %}'
        "{% for link in links %}[{{ link.label }} {{ link.url }}]{% endfor %}"
    )

    assert template.render({}) == "[Năm 2025 /y/2025/][b /b/2025]"


def test_a_page_renders_the_panels_of_its_slot_for_its_object():
    slot_fill(
        "page",
        Panel("includes/messages.html", lambda context, obj: {"messages": [obj]}, order=1),
    )
    template = engines["django"].from_string('{% load slots %}{% slot_panels "page" thing %}')
    request = RequestFactory().get("/")

    html = template.render({"thing": "Đã lưu <b>"}, request=request)

    assert "Đã lưu &lt;b&gt;" in html


def test_an_empty_slot_shows_nothing():
    template = engines["django"].from_string(
        '{% load slots %}{% slot_panels "none" thing %}'
        '{% slot_links "none" as links %}{{ links|length }}'
    )

    assert template.render({"thing": 1}) == "0"
