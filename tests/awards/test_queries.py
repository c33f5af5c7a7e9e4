"""Query counts of the registrations and award types pages: pinned, and flat as the data grows."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

import pytest
from django.urls import reverse

from tests.factories import (
    AwardTypeFactory,
    BlocYearFactory,
    BoardUserFactory,
    MembershipFactory,
    ProvinceFactory,
    RegistrationFactory,
    UnitNameFactory,
    UnitUserFactory,
)

pytestmark = pytest.mark.django_db

SMALL = {"members": 4, "award_types": 3}
LARGE = {"members": 30, "award_types": 8}


def build_world(*, members: int, award_types: int) -> SimpleNamespace:
    """Build a 2025 bloc-year whose members each had a former name and registered for two titles.

    The first member heads the bloc, the second is a plain member; every registration has its
    history, and one was withdrawn, so that the history lists creations and a deletion.
    """
    province = ProvinceFactory()
    types = [AwardTypeFactory(province=province) for _ in range(award_types)]
    bloc_year = BlocYearFactory(bloc__province=province, year=2025)
    memberships = [MembershipFactory(bloc_year=bloc_year, head=(i == 0)) for i in range(members)]
    for i, membership in enumerate(memberships):
        UnitNameFactory(unit=membership.unit, valid_until=datetime.date(2025, 7, 1))
        for award_type in (types[i % award_types], types[(i + 1) % award_types]):
            RegistrationFactory(membership=membership, award_type=award_type)
    memberships[1].registrations.first().delete()
    return SimpleNamespace(
        bloc_year=bloc_year,
        board=BoardUserFactory(province=province),
        secretariat=UnitUserFactory(unit=memberships[0].unit),
        member_staff=UnitUserFactory(unit=memberships[1].unit),
    )


PAGES = {
    "registrations": lambda w: reverse(
        "awards:registration_list", args=[w.bloc_year.bloc_id, w.bloc_year.year]
    ),
    "award types": lambda w: reverse("awards:awardtype_list"),
}

# The most queries each page may make, whatever the size of the data: the session and the user
# (2), the bloc-year, its members, their names of the year and their registrations (4), the
# history (1), what the navigation bar names (1); unit staff's rights cost two more, and the
# member's form lists the award types.
PINNED = {
    ("registrations", "board"): 8,
    ("registrations", "secretariat"): 10,
    ("registrations", "member_staff"): 12,
    ("award types", "board"): 4,
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
