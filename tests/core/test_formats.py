"""Dates, times and numbers written the national way, in code and in templates."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.template import engines

from core.formats import and_list, count_text, gio_phut, ngay_thang, number_text, page_date


class TestDateFilter:
    @pytest.mark.parametrize(
        ("day", "written"),
        [
            (datetime.date(2021, 2, 5), "ngày 05 tháng 02 năm 2021"),
            (datetime.date(2021, 3, 15), "ngày 15 tháng 3 năm 2021"),
            (datetime.date(2021, 12, 1), "ngày 01 tháng 12 năm 2021"),
            (datetime.date(2022, 1, 26), "ngày 26 tháng 01 năm 2022"),
            (datetime.date(2025, 10, 9), "ngày 09 tháng 10 năm 2025"),
        ],
    )
    def test_it_pads_days_and_only_the_first_two_months(self, day, written):
        assert ngay_thang(day) == written

    def test_an_unknown_date_leaves_dots_to_fill_in_by_hand(self):
        assert ngay_thang(None) == "ngày …… tháng …… năm ……"

    def test_a_template_writes_the_date_line_with_it(self):
        html = engines["django"].from_string("{% load formats %}{{ day|ngay_thang }}")

        assert html.render({"day": datetime.date(2021, 2, 5)}) == "ngày 05 tháng 02 năm 2021"


class TestTimeFilter:
    @pytest.mark.parametrize(
        ("moment", "written"),
        [
            (datetime.time(14, 30), "14 giờ 30 phút"),
            (datetime.time(8, 0), "8 giờ 00 phút"),
            (None, "…… giờ …… phút"),
        ],
    )
    def test_it_writes_hours_and_minutes(self, moment, written):
        assert gio_phut(moment) == written


class TestNumbers:
    @pytest.mark.parametrize(
        ("value", "text"),
        [(100.0, "100"), (200 / 3, "66,67"), (50.5, "50,5"), (0, "0"), (Decimal("95.50"), "95,5")],
    )
    def test_numbers_take_a_decimal_comma_and_no_trailing_zeros(self, value, text):
        assert number_text(value) == text

    def test_counts_take_two_digits_at_least(self):
        assert [count_text(n) for n in (1, 9, 12, 120)] == ["01", "09", "12", "120"]


class TestPageDates:
    def test_a_date_in_a_page_s_message_is_written_as_the_pages_write_it(self):
        assert page_date(datetime.date(2020, 5, 21)) == "21/05/2020"
        assert page_date(datetime.date(2021, 1, 5)) == "05/01/2021"


def test_names_are_joined_as_a_sentence_joins_them():
    assert [and_list(names) for names in (["A"], ["A", "B"], ["A", "B", "C"])] == [
        "A",
        "A và B",
        "A, B và C",
    ]
