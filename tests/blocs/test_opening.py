"""Opening a year (one bloc or the whole province), and creating and editing blocs."""

from __future__ import annotations

import datetime
import unicodedata

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation

from blocs.models import Bloc, BlocYear, Membership
from blocs.services.opening import OpeningOutcome, bloc_year_open, bloc_years_open_all
from core.errors import DomainError
from tests.checks import STALE
from tests.factories import BlocFactory, BlocYearFactory, MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """Render the pages in English: the Vietnamese of these messages comes later."""
    with translation.override("en"):
        yield


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def year_2025(bloc_year_1):
    """Bloc 1's 2025 with settings of its own and a note."""
    for name, value in {
        "max_deputies": 1,
        "quorum_numerator": 3,
        "quorum_denominator": 4,
        "vote_threshold_percent": 60,
        "flag_quota": 2,
        "merit_quota": 5,
        "score_scale": 1000,
        "rotation_lookback_years": 4,
        "deputies_unknown": True,
        "note": "Ghi chú riêng của năm 2025",
    }.items():
        setattr(bloc_year_1, name, value)
    bloc_year_1.save()
    return bloc_year_1


class TestBlocYearOpen:
    def test_it_copies_the_settings_and_the_members_but_not_the_leaders(
        self, year_2025, bloc_1, unit_h, unit_d, unit_m, board
    ):
        plan = bloc_year_open(bloc=bloc_1, year=2026, user=board)

        opened = BlocYear.objects.get(bloc=bloc_1, year=2026)
        assert plan.opened == opened
        assert opened.state == BlocYear.State.OPEN
        assert (opened.max_deputies, opened.quorum_numerator, opened.quorum_denominator) == (
            1,
            3,
            4,
        )
        assert opened.vote_threshold_percent == 60
        assert (opened.flag_quota, opened.merit_quota) == (2, 5)
        assert opened.score_scale == 1000
        assert opened.rotation_lookback_years == 4
        # What belongs to 2025 alone stays there.
        assert opened.note == ""
        assert opened.deputies_unknown is False
        members = {m.unit: m for m in opened.memberships.all()}
        assert set(members) == {unit_h, unit_d, unit_m}
        assert {m.role for m in members.values()} == {Membership.Role.MEMBER}
        assert {m.basis for m in members.values()} == {""}
        assert opened.head is None
        assert opened.history.get().history_user == board

    def test_a_year_without_a_year_before_opens_with_the_defaults_and_no_member(self, bloc_1):
        plan = bloc_year_open(bloc=bloc_1, year=2030)

        assert plan.previous is None
        assert plan.opened.memberships.count() == 0
        assert plan.opened.flag_quota == BlocYear._meta.get_field("flag_quota").default

    def test_an_existing_year_is_refused(self, bloc_1, bloc_year_1):
        with pytest.raises(DomainError) as refused:
            bloc_year_open(bloc=bloc_1, year=2025)

        assert refused.value.message == "Khối thi đua số 1 already has the year 2025."
        assert BlocYear.objects.filter(bloc=bloc_1).count() == 1

    def test_a_unit_already_in_another_bloc_that_year_refuses_it_naming_unit_and_bloc(
        self, bloc_1, bloc_2, bloc_year_1, unit_m
    ):
        other_2026 = BlocYearFactory(bloc=bloc_2, year=2026)
        MembershipFactory(bloc_year=other_2026, unit=unit_m)

        with pytest.raises(DomainError) as refused:
            bloc_year_open(bloc=bloc_1, year=2026)

        assert refused.value.message == (
            "Sở Tư pháp is already a member of Khối thi đua số 2 in 2026."
        )
        assert not BlocYear.objects.filter(bloc=bloc_1, year=2026).exists()

    def test_a_unit_merged_before_the_year_is_not_carried_over(
        self, bloc_1, bloc_year_1, unit_m, unit_d
    ):
        unit_m.merged_into, unit_m.merged_on = unit_d, datetime.date(2025, 7, 1)
        unit_m.save()

        plan = bloc_year_open(bloc=bloc_1, year=2026)

        assert plan.left_out == [unit_m]
        assert not plan.opened.memberships.filter(unit=unit_m).exists()


class TestOpenAllBlocs:
    def test_it_opens_each_bloc_and_reports_what_it_opened_skipped_and_refused(
        self, province_a, bloc_1, bloc_2, bloc_year_1, bloc_year_2, unit_m, board
    ):
        bloc_3 = BlocFactory(province=province_a, name="Khối thi đua số 3")
        BlocYearFactory(bloc=bloc_3, year=2026)
        bloc_4 = BlocFactory(province=province_a, name="Khối thi đua số 4")
        # Sở Tư pháp, of bloc 1 in 2025, was put in bloc 4 for 2026 already.
        year_4 = BlocYearFactory(bloc=bloc_4, year=2026)
        MembershipFactory(bloc_year=year_4, unit=unit_m)
        BlocYearFactory(bloc=bloc_4, year=2025)

        outcomes = {o.bloc: o for o in bloc_years_open_all(province=province_a, year=2026)}

        assert outcomes[bloc_1].status == OpeningOutcome.REFUSED
        assert outcomes[bloc_1].message == (
            "Khối thi đua số 1: year 2026 not opened. Sở Tư pháp is already a member of "
            "Khối thi đua số 4 in 2026."
        )
        assert outcomes[bloc_2].status == OpeningOutcome.OPENED
        assert outcomes[bloc_3].status == OpeningOutcome.SKIPPED
        assert outcomes[bloc_4].status == OpeningOutcome.SKIPPED
        assert not BlocYear.objects.filter(bloc=bloc_1, year=2026).exists()
        opened = BlocYear.objects.get(bloc=bloc_2, year=2026)
        assert set(opened.memberships.values_list("unit", flat=True)) == set(
            bloc_year_2.memberships.values_list("unit", flat=True)
        )


def open_url(bloc: Bloc, year: int | None = None) -> str:
    url = reverse("blocs:blocyear_open", args=[bloc.pk])
    return f"{url}?year={year}" if year else url


def open_confirm_url(bloc: Bloc) -> str:
    return reverse("blocs:blocyear_open_confirm", args=[bloc.pk])


def province_open_url(province, year: int) -> str:
    return reverse("blocs:province_years_open", args=[province.code]) + f"?year={year}"


def province_confirm_url(province) -> str:
    return reverse("blocs:province_years_open_confirm", args=[province.code])


class TestOpenYearPages:
    @pytest.mark.parametrize(
        ("persona", "status"),
        [
            ("board", 200),
            ("secretariat", 403),
            ("member_staff", 403),
            ("national", 403),
            ("other_bloc_staff", 404),
            ("other_province_staff", 404),
            ("other_province_board", 404),
        ],
    )
    def test_only_the_board_sees_the_confirmation(
        self, request, bloc_1, bloc_year_1, client_for, persona, status
    ):
        response = client_for(request.getfixturevalue(persona)).get(open_url(bloc_1, 2026))

        assert response.status_code == status

    def test_the_confirmation_shows_what_will_be_copied_and_writes_nothing(
        self, bloc_1, bloc_year_1, unit_m, board, client_for
    ):
        response = client_for(board).get(open_url(bloc_1))

        assert response.status_code == 200
        assert response.context["year"] == 2026
        page = response.content.decode()
        assert "The settings of 2025 and its 3 member units will be copied." in page
        assert unit_m.full_name in page
        assert open_confirm_url(bloc_1) in page
        assert not BlocYear.objects.filter(bloc=bloc_1, year=2026).exists()

    def test_the_board_opens_the_year(self, bloc_1, bloc_year_1, board, client_for):
        response = client_for(board).post(open_confirm_url(bloc_1), {"year": 2026})

        assert response.status_code == 302
        assert response.url == reverse("blocs:members", args=[bloc_1.pk, 2026])
        assert BlocYear.objects.get(bloc=bloc_1, year=2026).memberships.count() == 3
        assert messages_of(response) == [
            "Khối thi đua số 1: year 2026 opened with the settings of 2025 and its 3 members; "
            "set its head and deputies next."
        ]

    def test_get_is_refused(self, bloc_1, bloc_year_1, board, client_for):
        response = client_for(board).get(open_confirm_url(bloc_1) + "?year=2026")

        assert response.status_code == 405
        assert not BlocYear.objects.filter(bloc=bloc_1, year=2026).exists()

    @pytest.mark.parametrize("persona", ["secretariat", "deputy_staff", "member_staff", "national"])
    def test_readers_are_refused(self, request, bloc_1, bloc_year_1, client_for, persona):
        client = client_for(request.getfixturevalue(persona))

        response = client.post(open_confirm_url(bloc_1), {"year": 2026})

        assert response.status_code == 403
        assert not BlocYear.objects.filter(bloc=bloc_1, year=2026).exists()

    @pytest.mark.parametrize(
        "persona", ["other_bloc_staff", "other_province_staff", "other_province_board"]
    )
    def test_outsiders_are_not_told_the_bloc_exists(
        self, request, bloc_1, bloc_year_1, client_for, persona
    ):
        client = client_for(request.getfixturevalue(persona))

        response = client.post(open_confirm_url(bloc_1), {"year": 2026})

        assert response.status_code == 404
        assert not BlocYear.objects.filter(bloc=bloc_1, year=2026).exists()

    def test_a_refused_opening_says_why_and_returns_to_the_confirmation(
        self, bloc_1, bloc_year_1, board, client_for
    ):
        response = client_for(board).post(open_confirm_url(bloc_1), {"year": 2025})

        assert response.status_code == 302
        assert response.url == open_url(bloc_1, 2025)
        assert messages_of(response) == ["Khối thi đua số 1 already has the year 2025."]

    def test_the_bloc_page_offers_the_next_year_to_the_board_only(
        self, bloc_1, bloc_year_1, board, secretariat, client_for
    ):
        link = open_url(bloc_1, 2026)

        assert link in client_for(board).get(bloc_1.get_absolute_url()).content.decode()
        assert link not in client_for(secretariat).get(bloc_1.get_absolute_url()).content.decode()


class TestOpenYearForTheProvince:
    @pytest.mark.parametrize(
        ("persona", "status"),
        [
            ("board", 200),
            ("national", 403),
            ("secretariat", 404),
            ("other_province_board", 404),
        ],
    )
    def test_only_the_board_sees_the_confirmation(
        self, request, province_a, bloc_year_1, client_for, persona, status
    ):
        client = client_for(request.getfixturevalue(persona))

        assert client.get(province_open_url(province_a, 2026)).status_code == status

    def test_the_confirmation_lists_each_bloc_and_writes_nothing(
        self, province_a, bloc_1, bloc_2, bloc_year_1, board, client_for
    ):
        BlocYearFactory(bloc=bloc_2, year=2026)

        response = client_for(board).get(province_open_url(province_a, 2026))

        page = response.content.decode()
        assert [plan.bloc for plan in response.context["plans"]] == [bloc_1, bloc_2]
        assert [plan.bloc for plan in response.context["to_open"]] == [bloc_1]
        assert "Already opened: left as it is." in page
        assert "Open year 2026 for 1 bloc" in page
        assert BlocYear.objects.filter(year=2026).count() == 1

    def test_the_board_opens_the_year_for_every_bloc_and_reads_a_report_per_bloc(
        self, province_a, bloc_1, bloc_2, bloc_year_1, bloc_year_2, board, client_for
    ):
        response = client_for(board).post(province_confirm_url(province_a), {"year": 2026})

        assert response.status_code == 302
        assert response.url == reverse("dashboard") + "?year=2026"
        assert set(BlocYear.objects.filter(year=2026).values_list("bloc", flat=True)) == {
            bloc_1.pk,
            bloc_2.pk,
        }
        assert len(messages_of(response)) == 2

    def test_get_is_refused(self, province_a, board, client_for):
        response = client_for(board).get(province_confirm_url(province_a) + "?year=2026")

        assert response.status_code == 405

    def test_a_reader_is_refused(self, province_a, bloc_year_1, national, client_for):
        response = client_for(national).post(province_confirm_url(province_a), {"year": 2026})

        assert response.status_code == 403
        assert not BlocYear.objects.filter(year=2026).exists()

    @pytest.mark.parametrize("persona", ["secretariat", "other_province_board"])
    def test_outsiders_are_not_told_the_province_exists(
        self, request, province_a, bloc_year_1, client_for, persona
    ):
        client = client_for(request.getfixturevalue(persona))

        response = client.post(province_confirm_url(province_a), {"year": 2026})

        assert response.status_code == 404
        assert not BlocYear.objects.filter(year=2026).exists()

    def test_the_dashboard_offers_it_only_while_a_bloc_lacks_the_year(
        self, province_a, bloc_1, bloc_2, bloc_year_1, board, client_for
    ):
        client = client_for(board)
        link = province_open_url(province_a, 2026)
        dashboard = reverse("dashboard") + "?year=2026"

        assert link in client.get(dashboard).content.decode()
        BlocYearFactory(bloc=bloc_1, year=2026)
        assert link in client.get(dashboard).content.decode()
        BlocYearFactory(bloc=bloc_2, year=2026)
        assert link not in client.get(dashboard).content.decode()


def bloc_data(bloc: Bloc | None = None, **changes) -> dict:
    data = {"name": "Khối thi đua số 9", "kind": "khoi", "symbol": "KTĐ9", "description": ""}
    if bloc is not None:
        data = {
            "name": bloc.name,
            "kind": bloc.kind,
            "symbol": bloc.symbol,
            "description": bloc.description,
            "version": bloc.version,
        }
    return {**data, **changes}


class TestBlocCreate:
    @pytest.fixture
    def url(self, province_a):
        return reverse("blocs:bloc_create", args=[province_a.code])

    def test_the_board_creates_a_bloc(self, province_a, board, client_for, url):
        typed = unicodedata.normalize("NFD", "Khối Nội chính")

        response = client_for(board).post(url, bloc_data(name=typed, kind="cum"))

        bloc = Bloc.objects.get(province=province_a, name="Khối Nội chính")
        assert response.status_code == 302
        assert response.url == bloc.get_absolute_url()
        assert bloc.kind == "cum"
        assert bloc.history.get().history_user == board

    @pytest.mark.parametrize(
        ("persona", "status"),
        [
            ("board", 200),
            ("national", 403),
            ("secretariat", 404),
            ("other_province_board", 404),
        ],
    )
    def test_only_the_board_opens_the_form(self, request, client_for, url, persona, status):
        assert client_for(request.getfixturevalue(persona)).get(url).status_code == status

    @pytest.mark.parametrize(
        ("persona", "status"),
        [("national", 403), ("secretariat", 404), ("other_province_board", 404)],
    )
    def test_others_cannot_create_one(self, request, client_for, url, persona, status):
        response = client_for(request.getfixturevalue(persona)).post(url, bloc_data())

        assert response.status_code == status
        assert not Bloc.objects.filter(name="Khối thi đua số 9").exists()

    def test_a_name_the_province_has_is_refused_with_the_typed_values_kept(
        self, bloc_1, board, client_for, url
    ):
        data = bloc_data(name=bloc_1.name, description="Mô tả vừa gõ")

        response = client_for(board).post(url, data)

        assert response.status_code == 200
        assert response.context["form"].errors["name"] == [
            "This province already has a bloc with this name."
        ]
        assert "Mô tả vừa gõ" in response.content.decode()
        assert Bloc.objects.filter(province=bloc_1.province, name=bloc_1.name).count() == 1

    def test_the_province_page_links_to_it_for_the_board_only(
        self, province_a, board, national, client_for, url
    ):
        assert url in client_for(board).get(province_a.get_absolute_url()).content.decode()
        assert url not in client_for(national).get(province_a.get_absolute_url()).content.decode()


class TestBlocEdit:
    @pytest.fixture
    def url(self, bloc_1):
        return reverse("blocs:bloc_edit", args=[bloc_1.pk])

    def test_the_board_saves_the_bloc(self, bloc_1, board, client_for, url):
        data = bloc_data(
            bloc_1, name="Khối thi đua số 1 (mới)", description="Các cơ quan nội chính"
        )

        response = client_for(board).post(url, data)

        assert response.status_code == 302
        bloc_1.refresh_from_db()
        assert bloc_1.name == "Khối thi đua số 1 (mới)"
        assert bloc_1.description == "Các cơ quan nội chính"
        assert bloc_1.version == 2

    @pytest.mark.parametrize(
        ("persona", "status"),
        [
            ("secretariat", 403),
            ("national", 403),
            ("other_bloc_staff", 404),
            ("other_province_board", 404),
        ],
    )
    def test_others_cannot_save_it(self, request, bloc_1, client_for, url, persona, status):
        client = client_for(request.getfixturevalue(persona))

        response = client.post(url, bloc_data(bloc_1, name="Đổi tên"))

        assert response.status_code == status
        assert Bloc.objects.get(pk=bloc_1.pk).name == "Khối thi đua số 1"

    def test_a_stale_version_is_refused_and_keeps_the_first_save(
        self, bloc_1, board, client_for, url
    ):
        client = client_for(board)
        client.post(url, bloc_data(bloc_1, description="Lần thứ nhất"))

        response = client.post(url, bloc_data(bloc_1, description="Lần thứ hai"))

        assert response.status_code == 200
        assert response.context["form"].non_field_errors() == [STALE]
        assert "Lần thứ hai" in response.content.decode()
        assert Bloc.objects.get(pk=bloc_1.pk).description == "Lần thứ nhất"

    def test_a_symbol_another_bloc_uses_is_refused(self, bloc_1, bloc_2, board, client_for, url):
        response = client_for(board).post(url, bloc_data(bloc_1, symbol=bloc_2.symbol))

        assert response.status_code == 200
        assert "symbol" in response.context["form"].errors
        assert Bloc.objects.get(pk=bloc_1.pk).symbol == "KTĐ1"

    def test_the_bloc_page_links_to_it_for_the_board_only(
        self, bloc_1, board, secretariat, client_for, url
    ):
        assert url in client_for(board).get(bloc_1.get_absolute_url()).content.decode()
        assert url not in client_for(secretariat).get(bloc_1.get_absolute_url()).content.decode()
