"""What awards puts in the pages of units and blocs (core.slots): its sections of a bloc-year,
the links of the board's dashboard, and a unit's awards over the years."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from awards.selectors.facts import unit_awards
from blocs.slots import (
    BOARD_DASHBOARD,
    BOARD_DASHBOARD_YEAR,
    YEAR_OVERVIEW,
    YEAR_SECTIONS,
    year_url,
)
from core.slots import Link, Menu, Panel, slot_fill
from units.slots import UNIT_PAGE

slot_fill(
    YEAR_SECTIONS,
    Link(
        pgettext_lazy("tab", "Title registrations"),
        year_url("awards:registration_list"),
        order=50,
        key="registrations",
    ),
    Menu("review", pgettext_lazy("tab", "Year-end review"), order=70, testid="tab-review"),
    Link(
        _("Scores"),
        year_url("awards:score_list"),
        order=71,
        key="scores",
        menu="review",
        testid="tab-scores",
    ),
    Link(
        _("Ballots"),
        year_url("awards:ballot_list"),
        order=72,
        key="ballots",
        menu="review",
        testid="tab-ballots",
    ),
    Link(
        _("Nominations"),
        year_url("awards:nomination_list"),
        order=73,
        key="nominations",
        menu="review",
        testid="tab-nominations",
    ),
)
slot_fill(
    YEAR_OVERVIEW,
    Link(
        _("Titles the member units registered for"),
        year_url("awards:registration_list"),
        order=10,
    ),
)
slot_fill(
    BOARD_DASHBOARD,
    Link(_("Award rules"), lambda **_values: reverse("awards:regulations"), order=10),
    Link(_("Award types"), lambda **_values: reverse("awards:awardtype_list"), order=20),
)
slot_fill(
    BOARD_DASHBOARD_YEAR,
    Link(
        _("Nominations of %(year)s and the province's decisions"),
        lambda *, year, **_values: reverse("awards:province_nominations", args=[year]),
        order=10,
        testid="province-nominations",
    ),
)
slot_fill(
    UNIT_PAGE,
    Panel(
        "awards/includes/unit_awards.html",
        lambda _context, unit: {"award_rows": unit_awards(unit)},
        order=10,
    ),
)
