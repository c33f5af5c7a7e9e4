"""The member list of a bloc-year: who reads it, how the board adds and removes members."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from blocs.models import BlocYear, Membership
from tests.checks import STALE
from tests.factories import (
    BlocFactory,
    BlocYearFactory,
    BoardUserFactory,
    MembershipFactory,
    UnitFactory,
    UnitNameFactory,
    UnitUserFactory,
)

pytestmark = pytest.mark.django_db

READ_ONLY = ["secretariat", "deputy_staff", "member_staff", "national"]
OUTSIDERS = ["other_bloc_staff", "other_province_staff", "other_province_board"]


@pytest.fixture(autouse=True)
def english():
    """Render the pages in English: the Vietnamese of these messages comes later."""
    with translation.override("en"):
        yield


def members_url(bloc_year: BlocYear) -> str:
    return reverse("blocs:members", args=[bloc_year.bloc_id, bloc_year.year])


def add_url(bloc_year: BlocYear) -> str:
    return reverse("blocs:member_add", args=[bloc_year.bloc_id, bloc_year.year])


def remove_url(membership: Membership) -> str:
    bloc_year = membership.bloc_year
    return reverse("blocs:member_remove", args=[bloc_year.bloc_id, bloc_year.year, membership.pk])


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def version_of(bloc_year: BlocYear) -> int:
    return BlocYear.objects.get(pk=bloc_year.pk).members_version


@pytest.fixture
def free_unit(province_a):
    """A unit of province A that is in no bloc in 2025."""
    return UnitFactory(
        province=province_a,
        short_name="Sở Nội vụ",
        full_name="Sở Nội vụ tỉnh Đắk Lắk",
        abbreviation="SNV",
    )


@pytest.fixture
def member_m(bloc_year_1, unit_m):
    return bloc_year_1.memberships.get(unit=unit_m)


class TestMemberList:
    @pytest.mark.parametrize(
        ("persona", "status"),
        [
            ("board", 200),
            ("secretariat", 200),
            ("deputy_staff", 200),
            ("member_staff", 200),
            ("national", 200),
            ("other_bloc_staff", 404),
            ("other_province_staff", 404),
            ("other_province_board", 404),
        ],
    )
    def test_whoever_sees_the_year_reads_its_members_and_no_one_else(
        self, request, bloc_year_1, client_for, persona, status
    ):
        response = client_for(request.getfixturevalue(persona)).get(members_url(bloc_year_1))

        assert response.status_code == status

    def test_it_lists_each_member_with_its_name_and_abbreviation_of_that_year_and_its_role(
        self, bloc_year_1, unit_h, unit_m, board, client_for
    ):
        UnitNameFactory(
            unit=unit_m,
            short_name="Sở Tư pháp (cũ)",
            full_name="Sở Tư pháp tỉnh Đắk Lắk trước 2026",
            abbreviation="STP cũ",
            valid_until=datetime.date(2026, 1, 1),
        )

        response = client_for(board).get(members_url(bloc_year_1))

        page = response.content.decode()
        assert "Sở Tư pháp tỉnh Đắk Lắk trước 2026" in page
        assert "STP cũ" in page
        assert unit_h.full_name in page
        assert "Head (khối trưởng)" in page
        assert [m.unit for m in response.context["members"]][0] == unit_h

    def test_the_board_sees_the_forms_and_a_reader_does_not(
        self, bloc_year_1, member_m, board, secretariat, client_for
    ):
        for_board = client_for(board).get(members_url(bloc_year_1)).content.decode()
        for_secretariat = client_for(secretariat).get(members_url(bloc_year_1)).content.decode()

        assert add_url(bloc_year_1) in for_board
        assert remove_url(member_m) in for_board
        assert f'name="members_version" value="{bloc_year_1.members_version}"' in for_board
        assert add_url(bloc_year_1) not in for_secretariat
        assert remove_url(member_m) not in for_secretariat

    def test_the_year_has_a_members_tab(self, bloc_year_1, member_staff, client_for):
        response = client_for(member_staff).get(bloc_year_1.get_absolute_url())

        assert members_url(bloc_year_1) in response.content.decode()

    def test_the_choice_offers_active_units_not_yet_members_and_names_their_bloc(
        self, bloc_year_1, province_a, unit_h, free_unit, board, client_for
    ):
        merged = UnitFactory(
            province=province_a,
            short_name="Sở đã sáp nhập",
            merged_into=free_unit,
            merged_on=datetime.date(2025, 3, 1),
        )

        response = client_for(board).get(members_url(bloc_year_1))

        choices = list(response.context["add_form"].fields["unit"].queryset)
        assert free_unit in choices
        assert unit_h not in choices
        assert merged not in choices
        assert "Tòa án nhân dân tỉnh (TAND) — in Khối thi đua số 2" in response.content.decode()


class TestMemberAdd:
    def test_the_board_adds_a_unit_and_the_list_version_moves_on(
        self, bloc_year_1, free_unit, board, client_for
    ):
        data = {"unit": free_unit.pk, "members_version": bloc_year_1.members_version}

        response = client_for(board).post(add_url(bloc_year_1), data)

        assert response.status_code == 302
        assert response.url == members_url(bloc_year_1)
        membership = bloc_year_1.memberships.get(unit=free_unit)
        assert membership.role == Membership.Role.MEMBER
        assert membership.history.first().history_user == board
        assert version_of(bloc_year_1) == bloc_year_1.members_version + 1

    def test_get_is_refused(self, bloc_year_1, board, client_for):
        assert client_for(board).get(add_url(bloc_year_1)).status_code == 405

    @pytest.mark.parametrize("persona", READ_ONLY)
    def test_readers_are_refused(self, request, bloc_year_1, free_unit, client_for, persona):
        data = {"unit": free_unit.pk, "members_version": bloc_year_1.members_version}

        response = client_for(request.getfixturevalue(persona)).post(add_url(bloc_year_1), data)

        assert response.status_code == 403
        assert not bloc_year_1.memberships.filter(unit=free_unit).exists()

    @pytest.mark.parametrize("persona", OUTSIDERS)
    def test_outsiders_are_not_told_the_year_exists(
        self, request, bloc_year_1, free_unit, client_for, persona
    ):
        data = {"unit": free_unit.pk, "members_version": bloc_year_1.members_version}

        response = client_for(request.getfixturevalue(persona)).post(add_url(bloc_year_1), data)

        assert response.status_code == 404
        assert not bloc_year_1.memberships.filter(unit=free_unit).exists()

    def test_a_unit_of_another_bloc_that_year_is_refused_naming_that_bloc(
        self, bloc_year_1, world, board, client_for
    ):
        data = {"unit": world.unit_p.pk, "members_version": bloc_year_1.members_version}

        response = client_for(board).post(add_url(bloc_year_1), data)

        assert response.status_code == 200
        message = "Tòa án nhân dân tỉnh is already a member of Khối thi đua số 2 in 2025."
        assert response.context["add_form"].non_field_errors() == [message]
        assert message in response.content.decode()
        # The choice stays selected, with the list's current version.
        assert f'<option value="{world.unit_p.pk}" selected>' in response.content.decode()
        assert not bloc_year_1.memberships.filter(unit=world.unit_p).exists()
        assert version_of(bloc_year_1) == bloc_year_1.members_version

    def test_a_stale_member_list_is_refused_and_nothing_changes(
        self, bloc_year_1, free_unit, province_a, board, client_for
    ):
        other = UnitFactory(province=province_a)
        client = client_for(board)
        version = bloc_year_1.members_version
        client.post(add_url(bloc_year_1), {"unit": other.pk, "members_version": version})

        response = client.post(
            add_url(bloc_year_1), {"unit": free_unit.pk, "members_version": version}
        )

        assert response.status_code == 200
        assert response.context["add_form"].non_field_errors() == [STALE]
        assert not bloc_year_1.memberships.filter(unit=free_unit).exists()
        assert version_of(bloc_year_1) == version + 1
        # The form comes back with the user's choice and the version now current.
        form = response.context["add_form"]
        assert form.data["unit"] == free_unit.pk
        assert form.data["members_version"] == version + 1

    def test_a_unit_of_another_province_is_not_a_valid_choice(
        self, bloc_year_1, unit_b, board, client_for
    ):
        data = {"unit": unit_b.pk, "members_version": bloc_year_1.members_version}

        response = client_for(board).post(add_url(bloc_year_1), data)

        assert response.status_code == 200
        assert "unit" in response.context["add_form"].errors
        assert not bloc_year_1.memberships.filter(unit=unit_b).exists()

    def test_in_a_closed_year_only_the_board_still_adds(
        self, bloc_year_1, free_unit, board, secretariat, client_for
    ):
        bloc_year_1.state = BlocYear.State.CLOSED
        bloc_year_1.save()
        data = {"unit": free_unit.pk, "members_version": bloc_year_1.members_version}

        assert client_for(secretariat).post(add_url(bloc_year_1), data).status_code == 403
        assert client_for(board).post(add_url(bloc_year_1), data).status_code == 302
        assert bloc_year_1.memberships.filter(unit=free_unit).exists()


class TestMemberRemove:
    def test_the_board_removes_a_plain_member(self, bloc_year_1, member_m, board, client_for):
        data = {"members_version": bloc_year_1.members_version}

        response = client_for(board).post(remove_url(member_m), data)

        assert response.status_code == 302
        assert response.url == members_url(bloc_year_1)
        assert not Membership.objects.filter(pk=member_m.pk).exists()
        assert version_of(bloc_year_1) == bloc_year_1.members_version + 1
        assert messages_of(response) == ["Sở Tư pháp was removed from the members of 2025."]

    def test_get_is_refused(self, member_m, board, client_for):
        assert client_for(board).get(remove_url(member_m)).status_code == 405
        assert Membership.objects.filter(pk=member_m.pk).exists()

    @pytest.mark.parametrize("persona", READ_ONLY)
    def test_readers_are_refused(self, request, bloc_year_1, member_m, client_for, persona):
        data = {"members_version": bloc_year_1.members_version}

        response = client_for(request.getfixturevalue(persona)).post(remove_url(member_m), data)

        assert response.status_code == 403
        assert Membership.objects.filter(pk=member_m.pk).exists()

    @pytest.mark.parametrize("persona", OUTSIDERS)
    def test_outsiders_are_not_told_the_year_exists(
        self, request, bloc_year_1, member_m, client_for, persona
    ):
        data = {"members_version": bloc_year_1.members_version}

        response = client_for(request.getfixturevalue(persona)).post(remove_url(member_m), data)

        assert response.status_code == 404
        assert Membership.objects.filter(pk=member_m.pk).exists()

    def test_a_leader_is_not_removed_while_it_leads(self, bloc_year_1, unit_h, board, client_for):
        head = bloc_year_1.memberships.get(unit=unit_h)

        response = client_for(board).post(
            remove_url(head), {"members_version": bloc_year_1.members_version}
        )

        assert response.status_code == 302
        assert messages_of(response) == [
            "Công an tỉnh leads the bloc this year: give the leadership to another unit before "
            "removing it."
        ]
        assert Membership.objects.filter(pk=head.pk).exists()
        assert version_of(bloc_year_1) == bloc_year_1.members_version

    def test_a_stale_member_list_is_refused_and_nothing_changes(
        self, bloc_year_1, member_m, board, client_for
    ):
        stale = {"members_version": bloc_year_1.members_version - 1}

        response = client_for(board).post(remove_url(member_m), stale)

        assert response.status_code == 302
        assert messages_of(response) == [STALE]
        assert Membership.objects.filter(pk=member_m.pk).exists()

    def test_a_membership_of_another_year_is_not_found_under_this_one(
        self, bloc_year_1, bloc_year_2, world, board, client_for
    ):
        other = bloc_year_2.memberships.get(unit=world.unit_p)
        url = reverse("blocs:member_remove", args=[bloc_year_1.bloc_id, bloc_year_1.year, other.pk])

        response = client_for(board).post(url, {"members_version": bloc_year_1.members_version})

        assert response.status_code == 404
        assert Membership.objects.filter(pk=other.pk).exists()


def build_year(members: int) -> tuple[BlocYear, object, object]:
    """Build a bloc-year with a head, a deputy and plain members, each with a former name."""
    bloc = BlocFactory()
    bloc_year = BlocYearFactory(bloc=bloc, year=2025)
    memberships = [
        MembershipFactory(bloc_year=bloc_year, head=True),
        MembershipFactory(bloc_year=bloc_year, deputy=True),
        *(MembershipFactory(bloc_year=bloc_year) for _ in range(members - 2)),
    ]
    for membership in memberships:
        UnitNameFactory(unit=membership.unit, valid_until=datetime.date(2026, 1, 1))
    # Units of the province outside the bloc, for the board's choice.
    for _ in range(members):
        UnitFactory(province=bloc.province)
    board = BoardUserFactory(province=bloc.province)
    staff = UnitUserFactory(unit=memberships[-1].unit)
    return bloc_year, board, staff


@pytest.mark.parametrize(("persona", "pinned"), [("board", 8), ("staff", 8)])
def test_the_members_page_makes_a_pinned_number_of_queries_that_does_not_grow(
    client_for, django_assert_max_num_queries, persona, pinned
):
    counts = []
    for size in (4, 40):
        bloc_year, board, staff = build_year(size)
        client = client_for(board if persona == "board" else staff)
        assert client.get(members_url(bloc_year)).status_code == 200
        with (
            django_assert_max_num_queries(pinned),
            CaptureQueriesContext(connection) as queries,
        ):
            response = client.get(members_url(bloc_year))
        assert len(response.context["members"]) == size
        counts.append(len(queries))

    assert counts[0] == counts[1]
