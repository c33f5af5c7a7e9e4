"""Query counts of the list, detail and dashboard pages: pinned, and flat as the data grows."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

import pytest
from django.urls import reverse

from blocs.models import Membership, Pledge
from blocs.services.calendar import calendar_rows, calendar_save
from tests.factories import (
    BlocFactory,
    BlocYearFactory,
    BoardUserFactory,
    LeadershipDecisionFactory,
    NationalUserFactory,
    ProvinceFactory,
    RotationSlotFactory,
    UnitFactory,
    UnitNameFactory,
    UnitUserFactory,
)

pytestmark = pytest.mark.django_db

LAST_YEAR = 2025
SMALL = {"blocs": 3, "years": 3, "members": 5, "provinces": 2}
# Ten times the memberships (6 × 5 × 15 = 450 against 45), and more of everything a page lists.
LARGE = {"blocs": 6, "years": 5, "members": 15, "provinces": 6}


def build_world(*, blocs: int, years: int, members: int, provinces: int) -> SimpleNamespace:
    """Build a province whose blocs keep the same members every year, led in turn.

    Every unit has a former name (the pages print the name of each year), every year has a
    head elected and a first deputy assigned by a provincial decision; other provinces each
    have a bloc and a unit, for the pages that count them.
    """
    province = ProvinceFactory()
    for _ in range(provinces - 1):
        BlocFactory(province=UnitFactory().province)
    units = [UnitFactory(province=province) for _ in range(blocs * members)]
    for unit in units:
        UnitNameFactory(unit=unit, valid_until=datetime.date(LAST_YEAR, 7, 1))
    memberships = []
    bloc_years = []
    for b in range(blocs):
        bloc = BlocFactory(province=province)
        own = units[b * members : (b + 1) * members]
        for position, unit in enumerate(own, start=1):
            RotationSlotFactory(bloc=bloc, unit=unit, position=position)
        for year in range(LAST_YEAR - years + 1, LAST_YEAR + 1):
            bloc_year = BlocYearFactory(bloc=bloc, year=year)
            bloc_years.append(bloc_year)
            decision = LeadershipDecisionFactory(province=province, date=datetime.date(year, 1, 5))
            head = year % members
            for i, unit in enumerate(own):
                membership = Membership(bloc_year=bloc_year, unit=unit, year=year)
                if i == head:
                    membership.role, membership.basis = Membership.Role.HEAD, "elected"
                    membership.elected_on = datetime.date(year - 1, 12, 20)
                elif i == (head + 1) % members:
                    membership.role, membership.deputy_rank = Membership.Role.DEPUTY, 1
                    membership.basis, membership.decision = "decision", decision
                memberships.append(membership)
    Membership.objects.bulk_create(memberships)
    # The year's calendar and a pledge each year, so that where each year stands has dates
    # and records to weigh.
    for year in range(LAST_YEAR - years + 1, LAST_YEAR + 1):
        rows, _source = calendar_rows(province=province, year=year)
        calendar_save(province=province, year=year, rows=rows)
    Pledge.objects.bulk_create(
        Pledge(bloc_year=bloc_year, title="Giao ước", signed_on=datetime.date(bloc_year.year, 3, 1))
        for bloc_year in bloc_years
    )
    first = units[0]
    return SimpleNamespace(
        province=province,
        unit=first,
        bloc=bloc_years[0].bloc,
        bloc_year=bloc_years[years - 1],
        board=BoardUserFactory(province=province),
        unit_staff=UnitUserFactory(unit=first),
        national=NationalUserFactory(),
    )


PAGES = {
    "dashboard": lambda w: reverse("dashboard"),
    "province list": lambda w: reverse("units:province_list"),
    "province detail": lambda w: w.province.get_absolute_url(),
    "bloc detail": lambda w: w.bloc.get_absolute_url(),
    "bloc-year detail": lambda w: w.bloc_year.get_absolute_url(),
    "unit detail": lambda w: w.unit.get_absolute_url(),
}

# The most queries each page may make, whatever the size of the data. Each includes the
# session and the user (2); the rights checks of a unit's staff cost one or two more.
PINNED = {
    # + where each bloc-year stands (blocs.selectors.progress): the calendar and one query
    # per step, whatever the number of bloc-years; a unit's page adds its memberships and one
    # query per task of a unit.
    ("dashboard", "board"): 20,
    ("dashboard", "unit_staff"): 26,
    ("dashboard", "national"): 3,
    ("province list", "national"): 3,
    ("province list", "board"): 4,
    ("province detail", "board"): 6,
    ("province detail", "national"): 5,
    ("bloc detail", "board"): 10,
    ("bloc detail", "unit_staff"): 11,
    # + where the year stands: the calendar (3) and one per step of the year (11); the board
    # may set the bloc's own dates (2).
    ("bloc-year detail", "board"): 27,
    ("bloc-year detail", "unit_staff"): 28,
    ("unit detail", "board"): 10,  # + the award history (awards.templatetags)
    ("unit detail", "unit_staff"): 10,
}


@pytest.mark.parametrize(
    ("page_name", "persona"), list(PINNED), ids=[f"{page} as {who}" for page, who in PINNED]
)
def test_the_page_makes_a_pinned_number_of_queries_that_does_not_grow_with_the_data(
    pinned_queries, page_name, persona
):
    pinned_queries(
        build_world=build_world,
        small=SMALL,
        large=LARGE,
        page=PAGES[page_name],
        persona=persona,
        most=PINNED[page_name, persona],
    )
