"""Query counts of the meeting list and the meeting page: pinned, and flat as the data grows."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

import pytest
from django.urls import reverse

from meetings.models import Meeting
from meetings.services import meetings as services
from tests.factories import (
    BlocYearFactory,
    BoardUserFactory,
    MembershipFactory,
    ProvinceFactory,
    UnitFactory,
    UnitNameFactory,
    UnitUserFactory,
)

pytestmark = pytest.mark.django_db

SMALL = {"members": 3, "meetings": 2, "rows": 1}
LARGE = {"members": 15, "meetings": 10, "rows": 6}


def build_world(*, members: int, meetings: int, rows: int) -> SimpleNamespace:
    """Build a bloc-year whose meetings have every kind of row, units with former names."""
    province = ProvinceFactory()
    bloc_year = BlocYearFactory(bloc__province=province, year=2025)
    units = []
    for index in range(members):
        unit = UnitFactory(province=province)
        UnitNameFactory(unit=unit, valid_until=datetime.date(2026, 1, 1))
        head = {"head": True} if index == 0 else {}
        MembershipFactory(bloc_year=bloc_year, unit=unit, **head)
        units.append(unit)
    for number in range(meetings):
        meeting = services.meeting_create(
            bloc_year=bloc_year,
            kind=Meeting.Kind.OTHER,
            title=f"Hội nghị số {number}",
            date=datetime.date(2025, 1 + number % 12, 10),
            host_unit=units[number % members],
            secretary_name="Thư ký",
            secretary_unit=units[0],
            chairs=[{"name": f"Chủ trì {i}", "unit": units[i % members]} for i in range(rows)],
            guests=[{"name": f"Khách mời {i}"} for i in range(rows)],
            agenda=[{"title": f"Nội dung {i}"} for i in range(rows)],
            opinions=[{"unit": units[i % members], "content": f"Ý kiến {i}"} for i in range(rows)],
        )
        services.meeting_attendance_save(
            meeting=meeting,
            version=meeting.version,
            rows=[{"unit": unit, "present": i % 4 != 0} for i, unit in enumerate(units)],
        )
    return SimpleNamespace(
        bloc_year=bloc_year,
        meeting=meeting,
        board=BoardUserFactory(province=province),
        unit_staff=UnitUserFactory(unit=units[0]),
    )


PAGES = {
    "meeting list": lambda w: reverse(
        "meetings:meeting_list", args=[w.bloc_year.bloc_id, w.bloc_year.year]
    ),
    "meeting detail": lambda w: w.meeting.get_absolute_url(),
}

# Each includes the session and the user (2); the rights checks of a unit's staff cost one query
# each. The meeting page loads each kind of row with its units and their former names, and the
# history of the meeting and of each kind of row; its document box, the minutes issued (1) and,
# for a unit's staff, whether it may issue them (1).
PINNED = {
    ("meeting list", "board"): 6,
    ("meeting list", "unit_staff"): 8,
    ("meeting detail", "board"): 22,
    ("meeting detail", "unit_staff"): 26,
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
