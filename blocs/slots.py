"""The slots of blocs' pages that higher apps fill (core.slots), and the sections of a bloc-year
that blocs itself declares.

The tabs of a bloc-year's pages are the links of YEAR_SECTIONS: each app declares its own
sections there once, with the number that places them, and `{% year_tabs %}` shows them.
"""

from __future__ import annotations

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from blocs.models import Bloc
from core.slots import Link, Panel, slot_fill
from units.slots import PROVINCE_PAGE, UNIT_PAGE

# The tabs of a bloc-year; links get `bloc_year`.
YEAR_SECTIONS = "blocs.year_sections"
# Links under the member list of a bloc-year's page; they get `bloc_year`.
YEAR_OVERVIEW = "blocs.year_overview"
# Boxes on the pledge and the handover pages, given the pledge or the handover.
PLEDGE_PAGE = "blocs.pledge_page"
HANDOVER_PAGE = "blocs.handover_page"
# Links of the board's dashboard: beside the province's name (no values), and under the year's
# blocs (they get `year`).
BOARD_DASHBOARD = "blocs.board_dashboard"
BOARD_DASHBOARD_YEAR = "blocs.board_dashboard_year"
# Links of a province on the list of heads and deputies of a year; they get `province`, `year`.
PROVINCE_LEADERSHIP = "blocs.province_leadership"


def _province_blocs(_context, province) -> dict:
    """Return the province's blocs, with how many years each has, for its page."""
    return {
        "province": province,
        "blocs": Bloc.objects.filter(province=province).annotate(year_count=Count("years")),
    }


def _unit_years(context, unit) -> dict:
    """Return the unit's bloc-years and the years it led, for its page; a peer's page shows
    only the bloc-years the viewer may see."""
    memberships = list(
        unit.memberships.for_user(context["request"].user)
        .select_related("bloc_year__bloc", "decision")
        .order_by("-year")
    )
    return {"memberships": memberships, "led": [m for m in memberships if m.is_leader]}


def year_url(name: str):
    """Return how a section finds its address from the bloc-year (URL name `name`)."""

    def url(*, bloc_year, **_values) -> str:
        return reverse(name, args=[bloc_year.bloc_id, bloc_year.year])

    return url


slot_fill(
    YEAR_SECTIONS,
    Link(
        _("Overview"),
        lambda *, bloc_year, **_values: bloc_year.get_absolute_url(),
        order=10,
        key="overview",
    ),
    Link(_("Members"), year_url("blocs:members"), order=20, key="members"),
    Link(_("Leadership"), year_url("blocs:blocyear_leadership"), order=30, key="leadership"),
    Link(pgettext_lazy("tab", "Pledge"), year_url("blocs:pledge_detail"), order=40, key="pledge"),
    Link(_("Handover"), year_url("blocs:handover_detail"), order=80, key="handover"),
)
slot_fill(PROVINCE_PAGE, Panel("blocs/includes/province_blocs.html", _province_blocs, order=10))
slot_fill(UNIT_PAGE, Panel("blocs/includes/unit_years.html", _unit_years, order=10))
