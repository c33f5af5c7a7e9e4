"""Award types of province A (a flag, a certificate of merit), one of B, and registrations."""

from __future__ import annotations

import datetime

import pytest

from awards.models import AwardType
from blocs.models import BlocYear
from meetings.models import Attendance, Meeting
from meetings.services.meetings import meeting_create
from tests.factories import AwardTypeFactory, RegistrationFactory


@pytest.fixture
def flag(province_a) -> AwardType:
    return AwardTypeFactory(
        province=province_a,
        name="Cờ thi đua của UBND tỉnh",
        short_name="Cờ UBND tỉnh",
        kind=AwardType.Kind.FLAG,
        position=1,
    )


@pytest.fixture
def merit(province_a) -> AwardType:
    return AwardTypeFactory(
        province=province_a,
        name="Bằng khen của Chủ tịch UBND tỉnh",
        short_name="BK Chủ tịch UBND tỉnh",
        kind=AwardType.Kind.MERIT,
        position=2,
    )


@pytest.fixture
def flag_b(province_b) -> AwardType:
    return AwardTypeFactory(
        province=province_b,
        name="Cờ thi đua của UBND tỉnh",
        short_name="Cờ UBND tỉnh",
        kind=AwardType.Kind.FLAG,
        position=1,
    )


@pytest.fixture
def proposable(flag, merit) -> tuple[AwardType, AwardType]:
    """The province's flag and certificate of merit, both voted on by its blocs."""
    for award_type in (flag, merit):
        award_type.proposable_by_bloc = True
        award_type.save()
    return flag, merit


@pytest.fixture
def meeting(bloc_year_1, unit_h, unit_d, unit_m) -> Meeting:
    """Bloc 1's year-end conference, with its three member units present."""
    meeting = meeting_create(
        bloc_year=bloc_year_1,
        kind=Meeting.Kind.YEAR_END,
        title="Hội nghị tổng kết công tác thi đua, khen thưởng năm 2025",
        date=datetime.date(2026, 1, 20),
        host_unit=unit_h,
    )
    for unit in (unit_h, unit_d, unit_m):
        Attendance.objects.create(meeting=meeting, unit=unit, present=True)
    return meeting


@pytest.fixture
def membership_h(unit_h, bloc_year_1):
    return unit_h.memberships.get(bloc_year=bloc_year_1)


@pytest.fixture
def membership_m(unit_m, bloc_year_1):
    return unit_m.memberships.get(bloc_year=bloc_year_1)


@pytest.fixture
def registration_m(membership_m, merit):
    """Sở Tư pháp (M) registered for the chairman's certificate of merit in 2025."""
    return RegistrationFactory(membership=membership_m, award_type=merit, document_number="5/ĐK")


@pytest.fixture
def registration_h(membership_h, flag):
    """Công an tỉnh (H) registered for the provincial flag in 2025."""
    return RegistrationFactory(membership=membership_h, award_type=flag)


@pytest.fixture
def closed(bloc_year_1) -> BlocYear:
    """Bloc 1's 2025, handed over and closed."""
    bloc_year_1.state = BlocYear.State.CLOSED
    bloc_year_1.save()
    return bloc_year_1
