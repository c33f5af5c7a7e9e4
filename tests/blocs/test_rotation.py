"""The rotation rule against what really happened in the seed blocs, the rule case by case, and
editing a bloc's rotation order."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from blocs.models import Bloc, BlocYear, Membership, RotationSlot
from blocs.selectors.rotation import propose
from blocs.services.rotation import rotation_set
from core.errors import DomainError
from tests.factories import (
    BlocFactory,
    BlocYearFactory,
    MembershipFactory,
    ProvinceFactory,
    RotationSlotFactory,
    UnitFactory,
)

pytestmark = pytest.mark.django_db


# The seed blocs ------------------------------------------------------------------------------


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=None)


def seed_bloc(name: str) -> Bloc:
    return Bloc.objects.get(name=name)


def names(units, year: int) -> list[str]:
    return [unit.name_in_year(year).short_name for unit in units]


def recorded(bloc: Bloc, year: int) -> tuple[str | None, list[str]]:
    bloc_year = BlocYear.objects.get(bloc=bloc, year=year)
    head = bloc_year.head
    return (
        head.unit.name_in_year(year).short_name if head else None,
        names([d.unit for d in bloc_year.deputies], year),
    )


class TestCaMauKhoiI:
    def test_2021_proposal_is_what_happened(self, demo):
        bloc = seed_bloc("Khối thi đua I")

        proposal = propose(bloc=bloc, year=2021)

        assert names([proposal.head_unit], 2021) == ["Cục Thi hành án dân sự tỉnh"]
        assert names(proposal.deputy_units, 2021) == ["Thanh tra tỉnh", "Tòa án nhân dân tỉnh"]
        assert recorded(bloc, 2021) == (
            "Cục Thi hành án dân sự tỉnh",
            ["Thanh tra tỉnh", "Tòa án nhân dân tỉnh"],
        )
        year = BlocYear.objects.get(bloc=bloc, year=2021)
        assert proposal.matches(year.head.unit, [d.unit for d in year.deputies])

    def test_2021_proposal_explains_why_each_unit(self, demo):
        with translation.override("en"):
            proposal = propose(bloc=seed_bloc("Khối thi đua I"), year=2021)

        assert proposal.head.reason == (
            "The deputies of 2020 are not recorded, so the head is the next unit after "
            "Bộ Chỉ huy Quân sự tỉnh in the rotation order."
        )
        assert [pick.reason for pick in proposal.deputies] == [
            "Next in the rotation order after Cục Thi hành án dân sự tỉnh; neither head nor "
            "deputy in 2018–2020.",
            "Next in the rotation order after Thanh tra tỉnh; neither head nor deputy in "
            "2018–2020.",
        ]
        assert (
            "The deputies of 2020 are not known, so as many as the year allows: 2 deputies."
            in proposal.notes
        )


class TestDakLakKhoi3:
    def test_2021_proposal_has_the_elected_head_but_another_deputy(self, demo):
        bloc = seed_bloc("Khối thi đua số 3")

        proposal = propose(bloc=bloc, year=2021)

        # 2020's deputies are not known: the head is the unit after Bộ CHQS in the order,
        # the one deputy the next that had not led; the conference elected Sở Tư pháp instead.
        assert names([proposal.head_unit], 2021) == ["Công an tỉnh"]
        assert names(proposal.deputy_units, 2021) == ["Thanh tra tỉnh"]
        assert recorded(bloc, 2021) == ("Công an tỉnh", ["Sở Tư pháp"])

    def test_2022_proposal_makes_the_2021_deputy_head_but_thanh_tra_was_elected(self, demo):
        bloc = seed_bloc("Khối thi đua số 3")

        proposal = propose(bloc=bloc, year=2022)

        assert names([proposal.head_unit], 2022) == ["Sở Tư pháp"]
        # After Sở Tư pháp in the order comes VKSND, which had not led in 2019–2021.
        assert names(proposal.deputy_units, 2022) == ["Viện kiểm sát nhân dân tỉnh"]
        assert recorded(bloc, 2022) == ("Thanh tra tỉnh", [])

    def test_the_page_shows_the_proposal_next_to_what_was_recorded(
        self, demo, client_for, django_user_model
    ):
        bloc = seed_bloc("Khối thi đua số 3")
        board = django_user_model.objects.get(username="bantdkt.daklak")

        with translation.override("en"):
            response = client_for(board).get(
                reverse("blocs:blocyear_leadership", args=[bloc.pk, 2022]),
                headers={"accept-language": "en"},
            )

        assert response.status_code == 200
        head_row, deputy_row = response.context["comparison"]
        assert head_row["proposed"].unit.short_name == "Sở Tư pháp"
        assert head_row["recorded"].unit.short_name == "Thanh tra tỉnh"
        assert not head_row["same"]
        assert deputy_row["proposed"].unit.short_name == "Viện kiểm sát nhân dân tỉnh"
        assert deputy_row["recorded"] is None and deputy_row["unknown"]
        html = response.content.decode()
        table = html[
            html.index('id="proposal"') : html.index("</table>", html.index('id="proposal"'))
        ]
        assert "Sở Tư pháp" in table and "Thanh tra tỉnh" in table
        assert "First deputy in 2021" in table
        assert "differs" in table


# The rule, case by case ---------------------------------------------------------------------


class Rotation:
    """A bloc of lettered units in rotation order, and helpers to record years."""

    def __init__(self, count: int = 6):
        province = ProvinceFactory()
        self.bloc = BlocFactory(province=province)
        self.units = [
            UnitFactory(province=province, short_name=f"Đơn vị {c}") for c in "ABCDEFGH"[:count]
        ]
        for position, unit in enumerate(self.units, start=1):
            RotationSlotFactory(bloc=self.bloc, unit=unit, position=position)

    def unit(self, letter: str):
        return self.units["ABCDEFGH".index(letter)]

    def year(
        self,
        year: int,
        head: str | None,
        deputies: str = "",
        *,
        members: str | None = None,
        **settings,
    ):
        bloc_year = BlocYearFactory(bloc=self.bloc, year=year, **settings)
        letters = members if members is not None else "ABCDEFGH"[: len(self.units)]
        for letter in letters:
            unit = self.unit(letter)
            if letter == head:
                MembershipFactory(bloc_year=bloc_year, unit=unit, head=True)
            elif letter in deputies:
                MembershipFactory(
                    bloc_year=bloc_year,
                    unit=unit,
                    role=Membership.Role.DEPUTY,
                    deputy_rank=deputies.index(letter) + 1,
                    basis=Membership.Basis.ELECTED,
                )
            else:
                MembershipFactory(bloc_year=bloc_year, unit=unit)
        return bloc_year

    def propose(self, year: int) -> tuple[str | None, str]:
        proposal = propose(bloc=self.bloc, year=year)
        head = proposal.head_unit.short_name[-1] if proposal.head_unit else None
        return head, "".join(unit.short_name[-1] for unit in proposal.deputy_units)


def english(proposal) -> list[str]:
    return proposal.notes


class TestTheRule:
    def test_the_first_deputy_becomes_head_and_the_next_units_deputies(self):
        r = Rotation()
        r.year(2024, "A", "BC")

        assert r.propose(2025) == ("B", "DE")

    def test_with_the_deputies_unknown_the_head_is_the_unit_after_the_head(self):
        r = Rotation()
        r.year(2024, "C", deputies_unknown=True, max_deputies=1)

        assert r.propose(2025) == ("D", "E")

    def test_the_reason_says_why_this_unit(self):
        r = Rotation()
        r.year(2024, "A", "BC")

        with translation.override("en"):
            proposal = propose(bloc=r.bloc, year=2025)

        assert proposal.head.reason == (
            "First deputy in 2024: the first deputy of a year heads the bloc the year after."
        )
        assert proposal.deputies[0].reason == (
            "Next in the rotation order after Đơn vị B; neither head nor deputy in 2022–2024."
        )

    def test_the_order_wraps_around(self):
        r = Rotation()
        r.year(2024, "D", "E")
        r.year(2025, "E", "F")

        # After F comes A: D, E and F all led in the look-back, so A, then B.
        assert r.propose(2026) == ("F", "A")

    def test_units_that_led_within_the_look_back_are_passed_over(self):
        r = Rotation()
        r.year(2023, "C", "D")
        r.year(2024, "A", "B")

        with translation.override("en"):
            proposal = propose(bloc=r.bloc, year=2025)

        assert [u.short_name for u in proposal.deputy_units] == ["Đơn vị E"]
        assert "Đơn vị C led in 2023, within the look-back: passed over." in proposal.notes
        assert "Đơn vị D led in 2023, within the look-back: passed over." in proposal.notes

    def test_a_shorter_look_back_lets_earlier_leaders_take_their_turn(self):
        r = Rotation()
        r.year(2023, "C", "D")
        r.year(2024, "A", "B", rotation_lookback_years=1)

        assert r.propose(2025) == ("B", "C")

    def test_a_unit_not_member_of_the_year_is_passed_over_with_a_reason(self):
        r = Rotation()
        r.year(2024, "A", "B")
        r.year(2025, None, members="ABDEF")

        with translation.override("en"):
            proposal = propose(bloc=r.bloc, year=2025)

        assert [u.short_name for u in proposal.deputy_units] == ["Đơn vị D"]
        assert "Đơn vị C is not a member of the bloc in 2025: passed over." in proposal.notes

    def test_without_the_next_year_opened_the_members_of_the_year_count(self):
        r = Rotation()
        r.year(2024, "A", "B", members="ABDEF")

        with translation.override("en"):
            proposal = propose(bloc=r.bloc, year=2025)

        assert [u.short_name for u in proposal.deputy_units] == ["Đơn vị D"]
        assert "Đơn vị C is not a member of the bloc in 2024: passed over." in proposal.notes

    def test_a_first_deputy_who_left_the_bloc_gives_way_to_the_second(self):
        r = Rotation()
        r.year(2024, "A", "BC")
        r.year(2025, None, members="ACDEF")

        assert r.propose(2025) == ("C", "DE")

    def test_as_many_deputies_as_last_year_within_the_maximum(self):
        r = Rotation()
        r.year(2024, "A", "BC")
        r.year(2025, None, max_deputies=1)

        assert r.propose(2025) == ("B", "D")

    def test_at_least_one_deputy_when_last_year_had_none(self):
        r = Rotation()
        r.year(2024, "A")

        assert r.propose(2025) == ("B", "C")

    def test_unknown_deputies_give_as_many_as_the_year_allows(self):
        r = Rotation()
        r.year(2024, "A", deputies_unknown=True, max_deputies=2)

        assert r.propose(2025) == ("B", "CD")

    def test_a_small_bloc_falls_back_on_who_led_longest_ago(self):
        r = Rotation(count=3)
        r.year(2023, "C")
        r.year(2024, "A", "B")

        with translation.override("en"):
            proposal = propose(bloc=r.bloc, year=2025)

        assert [u.short_name for u in proposal.deputy_units] == ["Đơn vị C"]
        assert proposal.deputies[0].reason == (
            "Every other member led within the look-back; Đơn vị C led longest ago (2023)."
        )

    def test_without_a_previous_year_there_is_no_proposal(self):
        r = Rotation()
        r.year(2025, "A", "B")

        assert propose(bloc=r.bloc, year=2025) is None

    def test_it_only_reads(self):
        r = Rotation()
        r.year(2024, "A", "BC")

        with CaptureQueriesContext(connection) as queries:
            propose(bloc=r.bloc, year=2025)

        assert all(q["sql"].lstrip().upper().startswith("SELECT") for q in queries.captured_queries)
        assert len(queries) <= 8


# Editing the order --------------------------------------------------------------------------


@pytest.fixture
def ordered_bloc(bloc_1, unit_h, unit_d, unit_m):
    for position, unit in enumerate([unit_h, unit_d, unit_m], start=1):
        RotationSlot.objects.create(bloc=bloc_1, unit=unit, position=position)
    return bloc_1


def order_of(bloc: Bloc) -> list[str]:
    return list(bloc.rotation_slots.values_list("unit__abbreviation", flat=True))


def change_url(bloc: Bloc) -> str:
    return reverse("blocs:bloc_rotation_change", args=[bloc.pk])


class TestRotationSet:
    def test_it_sets_the_order_and_bumps_the_version(self, ordered_bloc, unit_h, unit_d, unit_m):
        rotation_set(bloc=ordered_bloc, units=[unit_m, unit_h], version=1)

        assert order_of(ordered_bloc) == ["Sở TP", "CA"]
        assert Bloc.objects.get(pk=ordered_bloc.pk).version == 2

    def test_it_keeps_every_move_in_the_history(self, ordered_bloc, unit_h, unit_d, unit_m):
        before = RotationSlot.history.count()

        rotation_set(bloc=ordered_bloc, units=[unit_d, unit_h, unit_m], version=1)

        assert RotationSlot.history.count() > before

    def test_a_stale_version_is_refused_and_changes_nothing(self, ordered_bloc, unit_h, unit_m):
        rotation_set(bloc=ordered_bloc, units=[unit_m, unit_h], version=1)

        with pytest.raises(DomainError):
            rotation_set(bloc=ordered_bloc, units=[unit_h], version=1)

        assert order_of(ordered_bloc) == ["Sở TP", "CA"]

    def test_it_refuses_a_unit_of_another_province(self, ordered_bloc, unit_h, unit_b):
        with pytest.raises(DomainError):
            rotation_set(bloc=ordered_bloc, units=[unit_h, unit_b], version=1)

        assert order_of(ordered_bloc) == ["CA", "VKSND", "Sở TP"]

    def test_it_refuses_a_unit_twice(self, ordered_bloc, unit_h):
        with pytest.raises(DomainError):
            rotation_set(bloc=ordered_bloc, units=[unit_h, unit_h], version=1)


class TestRotationPage:
    @pytest.mark.parametrize(
        ("persona", "status"),
        [
            ("board", 200),
            ("secretariat", 403),
            ("member_staff", 403),
            ("other_bloc_staff", 404),
            ("other_province_board", 404),
            ("national", 403),
        ],
    )
    def test_only_the_board_opens_it(self, request, ordered_bloc, client_for, persona, status):
        client = client_for(request.getfixturevalue(persona))

        response = client.get(reverse("blocs:bloc_rotation", args=[ordered_bloc.pk]))

        assert response.status_code == status

    def test_it_lists_the_order_with_when_each_unit_last_led(self, ordered_bloc, board, client_for):
        response = client_for(board).get(reverse("blocs:bloc_rotation", args=[ordered_bloc.pk]))

        rows = [(unit.abbreviation, last) for unit, last in response.context["rows"]]
        assert rows == [("CA", 2025), ("VKSND", 2025), ("Sở TP", None)]

    @pytest.mark.parametrize(
        ("op", "unit", "expected"),
        [
            ("up", "unit_d", ["VKSND", "CA", "Sở TP"]),
            ("down", "unit_d", ["CA", "Sở TP", "VKSND"]),
            ("remove", "unit_d", ["CA", "Sở TP"]),
            ("add", "unit_o", ["CA", "VKSND", "Sở TP", "Bộ CHQS"]),
        ],
    )
    def test_the_board_moves_removes_and_adds(
        self, request, ordered_bloc, board, client_for, op, unit, expected
    ):
        unit = request.getfixturevalue(unit)

        response = client_for(board).post(
            change_url(ordered_bloc), {"op": op, "unit": unit.pk, "version": 1}
        )

        assert response.status_code == 302
        assert order_of(ordered_bloc) == expected

    def test_it_refuses_get(self, ordered_bloc, board, client_for):
        assert client_for(board).get(change_url(ordered_bloc)).status_code == 405

    @pytest.mark.parametrize(
        ("persona", "status"), [("secretariat", 403), ("national", 403), ("other_bloc_staff", 404)]
    )
    def test_others_cannot_change_it(
        self, request, ordered_bloc, unit_d, client_for, persona, status
    ):
        client = client_for(request.getfixturevalue(persona))

        response = client.post(
            change_url(ordered_bloc), {"op": "up", "unit": unit_d.pk, "version": 1}
        )

        assert response.status_code == status
        assert order_of(ordered_bloc) == ["CA", "VKSND", "Sở TP"]

    def test_a_stale_version_is_refused_with_a_message(
        self, ordered_bloc, unit_d, board, client_for
    ):
        client = client_for(board)
        client.post(change_url(ordered_bloc), {"op": "up", "unit": unit_d.pk, "version": 1})

        with translation.override("en"):
            response = client.post(
                change_url(ordered_bloc),
                {"op": "remove", "unit": unit_d.pk, "version": 1},
                headers={"accept-language": "en"},
            )

        assert response.status_code == 200
        assert "Someone else saved this record" in response.content.decode()
        assert order_of(ordered_bloc) == ["VKSND", "CA", "Sở TP"]

    def test_adding_a_unit_already_there_is_refused_and_keeps_the_choice(
        self, ordered_bloc, unit_m, board, client_for
    ):
        response = client_for(board).post(
            change_url(ordered_bloc), {"op": "add", "unit": unit_m.pk, "version": 1}
        )

        assert response.status_code == 200
        assert "unit" in response.context["refused"].errors
        assert response.context["add_form"].data["unit"] == str(unit_m.pk)
        assert order_of(ordered_bloc) == ["CA", "VKSND", "Sở TP"]

    def test_a_unit_of_another_province_cannot_be_added(
        self, ordered_bloc, unit_b, board, client_for
    ):
        response = client_for(board).post(
            change_url(ordered_bloc), {"op": "add", "unit": unit_b.pk, "version": 1}
        )

        assert response.status_code == 200
        assert "unit" in response.context["refused"].errors
        assert order_of(ordered_bloc) == ["CA", "VKSND", "Sở TP"]


class TestTheWholeOrderOnOneForm:
    def url(self, bloc: Bloc) -> str:
        return reverse("blocs:bloc_rotation_order", args=[bloc.pk])

    def test_the_board_renumbers_takes_out_and_adds_at_once(
        self, ordered_bloc, unit_h, unit_d, unit_m, unit_o, board, client_for
    ):
        data = {
            "version": ordered_bloc.version,
            f"position_{unit_h.pk}": 3,
            f"position_{unit_d.pk}": "",
            f"position_{unit_m.pk}": 1,
            f"position_{unit_o.pk}": 2,
        }

        response = client_for(board).post(self.url(ordered_bloc), data)

        assert response.status_code == 302
        assert [slot.unit for slot in ordered_bloc.rotation_slots.order_by("position")] == [
            unit_m,
            unit_o,
            unit_h,
        ]

    def test_two_units_with_one_number_are_refused_and_nothing_changes(
        self, ordered_bloc, unit_h, unit_d, unit_m, board, client_for
    ):
        before = order_of(ordered_bloc)
        data = {
            "version": ordered_bloc.version,
            f"position_{unit_h.pk}": 1,
            f"position_{unit_d.pk}": 1,
            f"position_{unit_m.pk}": 2,
        }

        response = client_for(board).post(self.url(ordered_bloc), data)

        assert response.status_code == 200
        assert response.context["order_form"].errors
        assert order_of(ordered_bloc) == before

    def test_only_the_board(self, ordered_bloc, secretariat, client_for):
        response = client_for(secretariat).post(self.url(ordered_bloc), {"version": 1})

        assert response.status_code in (403, 404)
