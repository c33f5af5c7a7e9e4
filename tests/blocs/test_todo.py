"""The start pages say what to do next: the board sees which blocs are late for what; a
secretariat what its bloc-year still needs, with dates; a unit's focal point its own pledge
signature, registration and self-score. Each item leads to the page where it is done."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from awards.models import Criterion
from blocs.models import Pledge
from blocs.services.calendar import calendar_rows, calendar_save
from tests.factories import RegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def calendar(province_a):
    """Province A's 2025 calendar as commonly set: the pledge due on 31 March 2025 (past)."""
    rows, _source = calendar_rows(province=province_a, year=2025)
    return calendar_save(province=province_a, year=2025, rows=rows)


@pytest.fixture
def pledge(bloc_year_1) -> Pledge:
    return Pledge.objects.create(bloc_year=bloc_year_1, title="Giao ước thi đua năm 2025")


def dashboard(client_for, user, **params):
    return client_for(user).get(reverse("dashboard"), params)


class TestTheBoard:
    def test_it_sees_which_blocs_are_late_for_what(self, calendar, board, client_for, bloc_year_1):
        page = dashboard(client_for, board, year=2025).content.decode()

        assert 'data-testid="bloc-progress"' in page
        assert "Ký kết giao ước</a>" in page
        assert reverse("blocs:pledge_detail", args=[bloc_year_1.bloc_id, 2025]) in page

    def test_a_year_without_a_calendar_is_late_for_nothing(self, board, client_for):
        page = dashboard(client_for, board, year=2025).content.decode()

        assert "text-bg-danger" not in page


class TestTheSecretariat:
    def test_it_sees_what_its_bloc_year_still_needs_with_dates(
        self, calendar, secretariat, client_for, bloc_year_1
    ):
        page = dashboard(client_for, secretariat).content.decode()

        assert 'data-testid="led-steps"' in page
        assert "Việc còn lại của Khối thi đua số 1 năm 2025" in page
        assert "quá hạn từ 31/03/2025" in page
        assert reverse("blocs:pledge_detail", args=[bloc_year_1.bloc_id, 2025]) in page

    def test_a_plain_member_does_not(self, calendar, member_staff, client_for):
        page = dashboard(client_for, member_staff).content.decode()

        assert 'data-testid="led-steps"' not in page


class TestAUnitsFocalPoint:
    def test_it_sees_its_unsigned_pledge_and_unregistered_titles(
        self, calendar, pledge, member_staff, client_for, bloc_year_1, world
    ):
        page = dashboard(client_for, member_staff).content.decode()

        membership = bloc_year_1.memberships.get(unit=world.unit_m)
        assert "Ký giao ước thi đua" in page
        assert reverse("blocs:pledge_sign", args=[bloc_year_1.bloc_id, 2025, membership.pk]) in page
        assert "Đăng ký danh hiệu thi đua của đơn vị" in page
        assert "quá hạn từ 15/03/2025" in page

    def test_done_tasks_are_gone(
        self, calendar, pledge, member_staff, client_for, bloc_year_1, world
    ):
        membership = bloc_year_1.memberships.get(unit=world.unit_m)
        RegistrationFactory(membership=membership)
        pledge.signatures.create(membership=membership, signed_on=datetime.date(2025, 3, 1))

        page = dashboard(client_for, member_staff).content.decode()

        assert "Ký giao ước thi đua" not in page
        assert "Đăng ký danh hiệu thi đua của đơn vị" not in page

    def test_a_criterion_without_its_self_score_is_to_do(
        self, member_staff, client_for, bloc_year_1, world
    ):
        Criterion.objects.create(bloc_year=bloc_year_1, title="Công tác chuyên môn", max_points=10)

        page = dashboard(client_for, member_staff).content.decode()

        assert "Tự chấm điểm của đơn vị" in page
        assert (
            reverse("awards:score_sheet_self", args=[bloc_year_1.bloc_id, 2025, world.unit_m.pk])
            in page
        )

    def test_a_closed_year_asks_nothing(self, pledge, member_staff, client_for, bloc_year_1):
        bloc_year_1.state = "closed"
        bloc_year_1.save()

        page = dashboard(client_for, member_staff).content.decode()

        assert 'data-testid="todo"' not in page
