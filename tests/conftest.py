"""One small world and the fixed cast of personas who work in it.

Province A (Đắk Lắk) has two blocs. In 2025 "Khối thi đua số 1" is led by Công an tỉnh (H,
head) and Viện kiểm sát (D, first deputy), with Sở Tư pháp (M) a plain member; "Khối thi đua
số 2" is led by Bộ Chỉ huy Quân sự tỉnh (O) with Tòa án (P) as a member. Province B (Cao Bằng)
has one bloc whose 2025 holds its Sở Tư pháp.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    BlocFactory,
    BlocYearFactory,
    BoardUserFactory,
    MembershipFactory,
    NationalUserFactory,
    ProvinceFactory,
    UnitFactory,
    UnitUserFactory,
)


def _unit(province, short_name: str, abbreviation: str):
    return UnitFactory(
        province=province,
        short_name=short_name,
        full_name=f"{short_name} {province.name}",
        abbreviation=abbreviation,
    )


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Run the browser tests last, after pytest's own reordering: Playwright's sync API leaves
    an event loop running in the main thread for the rest of the session, where the pyHanko
    calls of the other tests (asyncio.run) would then fail."""
    items.sort(key=lambda item: "e2e" in item.keywords)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Start each test with an empty cache: rate limits count there."""
    cache.clear()


@pytest.fixture
def world(db) -> SimpleNamespace:
    """Build both provinces with their blocs, 2025 years, units and leaders."""
    a = ProvinceFactory(name="Đắk Lắk", code="dak-lak")
    b = ProvinceFactory(name="Cao Bằng", code="cao-bang")
    w = SimpleNamespace(province_a=a, province_b=b)
    w.unit_h = _unit(a, "Công an tỉnh", "CA")
    w.unit_d = _unit(a, "Viện kiểm sát nhân dân tỉnh", "VKSND")
    w.unit_m = _unit(a, "Sở Tư pháp", "Sở TP")
    w.unit_o = _unit(a, "Bộ Chỉ huy Quân sự tỉnh", "Bộ CHQS")
    w.unit_p = _unit(a, "Tòa án nhân dân tỉnh", "TAND")
    w.unit_b = _unit(b, "Sở Tư pháp", "Sở TP")

    w.bloc_1 = BlocFactory(province=a, name="Khối thi đua số 1", symbol="KTĐ1")
    w.bloc_2 = BlocFactory(province=a, name="Khối thi đua số 2", symbol="KTĐ2")
    w.bloc_b = BlocFactory(province=b, name="Khối thi đua số 1", symbol="KTĐ1")
    w.bloc_year_1 = BlocYearFactory(bloc=w.bloc_1, year=2025)
    w.bloc_year_2 = BlocYearFactory(bloc=w.bloc_2, year=2025)
    w.bloc_year_b = BlocYearFactory(bloc=w.bloc_b, year=2025)

    MembershipFactory(bloc_year=w.bloc_year_1, unit=w.unit_h, head=True)
    MembershipFactory(bloc_year=w.bloc_year_1, unit=w.unit_d, deputy=True)
    MembershipFactory(bloc_year=w.bloc_year_1, unit=w.unit_m)
    MembershipFactory(bloc_year=w.bloc_year_2, unit=w.unit_o, head=True)
    MembershipFactory(bloc_year=w.bloc_year_2, unit=w.unit_p)
    MembershipFactory(bloc_year=w.bloc_year_b, unit=w.unit_b, head=True)
    return w


@pytest.fixture
def province_a(world):
    return world.province_a


@pytest.fixture
def province_b(world):
    return world.province_b


@pytest.fixture
def unit_h(world):
    return world.unit_h


@pytest.fixture
def unit_d(world):
    return world.unit_d


@pytest.fixture
def unit_m(world):
    return world.unit_m


@pytest.fixture
def unit_o(world):
    return world.unit_o


@pytest.fixture
def unit_b(world):
    return world.unit_b


@pytest.fixture
def bloc_1(world):
    return world.bloc_1


@pytest.fixture
def bloc_2(world):
    return world.bloc_2


@pytest.fixture
def bloc_b(world):
    return world.bloc_b


@pytest.fixture
def bloc_year_1(world):
    return world.bloc_year_1


@pytest.fixture
def bloc_year_2(world):
    return world.bloc_year_2


@pytest.fixture
def bloc_year_b(world):
    return world.bloc_year_b


@pytest.fixture
def board(world):
    """Staff of province A's emulation board."""
    return BoardUserFactory(username="ban_tdkt_daklak", province=world.province_a)


@pytest.fixture
def secretariat(world):
    """Staff of H, the head unit of bloc 1 in 2025."""
    return UnitUserFactory(username="ca_daklak", unit=world.unit_h)


@pytest.fixture
def deputy_staff(world):
    """Staff of D, the deputy unit of bloc 1 in 2025."""
    return UnitUserFactory(username="vks_daklak", unit=world.unit_d)


@pytest.fixture
def member_staff(world):
    """Staff of M, a plain member of bloc 1 in 2025."""
    return UnitUserFactory(username="stp_daklak", unit=world.unit_m)


@pytest.fixture
def other_bloc_staff(world):
    """Staff of O, the head of province A's bloc 2."""
    return UnitUserFactory(username="bchqs_daklak", unit=world.unit_o)


@pytest.fixture
def other_province_staff(world):
    """Staff of a unit of province B."""
    return UnitUserFactory(username="stp_caobang", unit=world.unit_b)


@pytest.fixture
def other_province_board(world):
    """Staff of province B's emulation board."""
    return BoardUserFactory(username="ban_tdkt_caobang", province=world.province_b)


@pytest.fixture
def national(world):
    """A national admin: reads every province, writes nothing."""
    return NationalUserFactory(username="quoc_gia")


@pytest.fixture
def client_for(db):
    """Return a helper that gives a test client logged in as the user (anonymous for None)."""

    def login(user) -> Client:
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    return login


@pytest.fixture
def pinned_queries(client_for, django_assert_max_num_queries):
    """Return a check that a page makes at most `most` queries for a persona, and no more on
    a larger world.

    `build_world(**small)` and `build_world(**large)` return worlds with the persona as an
    attribute; `page(world)` is the page's address. Each page is opened once before it is
    measured, so that the measured request finds the caches filled.
    """

    def check(*, build_world, small: dict, large: dict, page, persona: str, most: int) -> None:
        counts = []
        for size, limit in ((small, most), (large, None)):
            world = build_world(**size)
            client = client_for(getattr(world, persona))
            assert client.get(page(world)).status_code == 200
            if limit is not None:
                with django_assert_max_num_queries(limit) as queries:
                    client.get(page(world))
            else:
                with CaptureQueriesContext(connection) as queries:
                    client.get(page(world))
            counts.append(len(queries))
        small_count, large_count = counts
        assert large_count == small_count

    return check
