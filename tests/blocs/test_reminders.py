"""The daily reminders: a few working days before a date of the year's calendar and once it is
overdue, to whom the step waits on, each once."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command

from blocs.services.calendar import calendar_rows, calendar_save
from tests.checks import told as subjects
from units.models import Notification

pytestmark = pytest.mark.django_db

D = datetime.date


class TestReminders:
    @pytest.fixture
    def calendar(self, province_a):
        rows, _source = calendar_rows(province=province_a, year=2025)
        return calendar_save(province=province_a, year=2025, rows=rows)

    def remind(self, today: str) -> str:
        out = io.StringIO()
        call_command("send_reminders", today=D.fromisoformat(today), stdout=out)
        return out.getvalue()

    def test_a_few_working_days_before_and_once_overdue(self, calendar, secretariat, world):
        # The pledge is due on Monday 31 March 2025: three working days before is Wednesday
        # the 26th.
        self.remind("2025-03-25")
        assert not any("Ký kết giao ước" in s for s in subjects(secretariat))

        self.remind("2025-03-26")
        assert "Hạn 31/03/2025: Ký kết giao ước, Khối thi đua số 1, 2025" in subjects(secretariat)

        self.remind("2025-04-01")
        assert "Quá hạn từ 31/03/2025: Ký kết giao ước, Khối thi đua số 1, 2025" in subjects(
            secretariat
        )

    def test_running_again_tells_nobody_twice(self, calendar, secretariat):
        first = self.remind("2025-04-01")
        again = self.remind("2025-04-01")

        assert "0 " not in first
        assert again.startswith("0 ")
        keys = list(Notification.objects.values_list("user_id", "key"))
        assert len(keys) == len(set(keys))

    def test_the_deputys_staff_is_reminded_too_and_members_are_not(
        self, calendar, deputy_staff, member_staff
    ):
        self.remind("2025-04-01")

        assert subjects(deputy_staff)
        assert subjects(member_staff) == []

    def test_a_closed_year_is_not_reminded(self, calendar, bloc_year_1, secretariat):
        bloc_year_1.state = "closed"
        bloc_year_1.save()

        self.remind("2025-04-01")

        assert subjects(secretariat) == []
