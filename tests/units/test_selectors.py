"""The provinces with their counts of blocs and units, as the province list and the national
dashboard show them."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import BlocFactory, BlocYearFactory, ProvinceFactory, UnitFactory
from units.selectors.provinces import provinces_with_counts

pytestmark = pytest.mark.django_db


def test_each_province_counts_its_own_blocs_and_units(world, national):
    empty = ProvinceFactory(name="Lai Châu", code="lai-chau")
    extra = BlocFactory(province=world.province_b)
    BlocYearFactory(bloc=extra, year=2024)
    BlocYearFactory(bloc=extra, year=2025)

    counts = {
        province.code: (province.bloc_count, province.unit_count)
        for province in provinces_with_counts(national)
    }

    assert counts == {"dak-lak": (2, 5), "cao-bang": (2, 1), empty.code: (0, 0)}


def test_it_counts_in_one_query_without_counting_a_join(world, national):
    for _ in range(3):
        UnitFactory(province=world.province_a)

    with CaptureQueriesContext(connection) as queries:
        provinces = list(provinces_with_counts(national))

    assert len(queries) == 1
    sql = queries[0]["sql"].upper()
    assert "DISTINCT" not in sql
    assert "JOIN" not in sql
    assert {p.code: p.unit_count for p in provinces}["dak-lak"] == 8


def test_a_board_sees_only_its_own_province(world, board):
    assert [p.code for p in provinces_with_counts(board)] == ["dak-lak"]
