"""Working days as Vietnamese offices count them."""

from __future__ import annotations

import datetime

from core.workdays import is_working_day, working_days_after, working_days_between

D = datetime.date


def test_weekends_and_national_holidays_are_not_working_days():
    assert is_working_day(D(2027, 1, 4))  # a Monday
    assert not is_working_day(D(2027, 1, 2))  # a Saturday
    assert not is_working_day(D(2027, 1, 1))  # Tết Dương lịch
    assert not is_working_day(D(2027, 9, 2))  # Quốc khánh


def test_tet_closes_the_offices_for_a_week():
    # Tết Nguyên Đán 2027 falls on Saturday 6 February; the offices close from the 4th to the
    # 10th: five working days after Wednesday 3 February is Wednesday the 17th.
    assert working_days_after(D(2027, 2, 3), 5) == D(2027, 2, 17)
    assert [day for day in range(4, 11) if is_working_day(D(2027, 2, day))] == []


def test_the_first_day_is_not_counted():
    assert working_days_after(D(2027, 3, 1), 1) == D(2027, 3, 2)
    assert working_days_after(D(2027, 3, 5), 1) == D(2027, 3, 8)  # Friday → Monday


def test_a_provinces_day_off_is_skipped():
    local = {D(2027, 3, 2)}

    assert working_days_after(D(2027, 3, 1), 1, local) == D(2027, 3, 3)
    assert not is_working_day(D(2027, 3, 2), local)


def test_counting_backwards_and_between():
    assert working_days_after(D(2027, 3, 8), -1) == D(2027, 3, 5)
    assert working_days_between(D(2027, 3, 1), D(2027, 3, 8)) == 5
    assert working_days_between(D(2027, 3, 8), D(2027, 3, 1)) == -5
