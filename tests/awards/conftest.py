"""Award types of province A (a flag, a certificate of merit), one of B, and registrations."""

from __future__ import annotations

import pytest

from awards.models import AwardType
from blocs.models import BlocYear
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
