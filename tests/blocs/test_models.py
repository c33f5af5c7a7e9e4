"""Blocs, their years, members and leaders: the rules the database, clean() and services hold."""

from __future__ import annotations

import datetime

import pytest

from blocs.models import Bloc, BlocYear, Membership, RotationSlot
from blocs.services.blocs import bloc_create, bloc_year_update_settings
from blocs.services.leadership import leadership_decision_record, leadership_set
from blocs.services.members import member_add
from core.errors import DomainError
from tests.checks import (
    assert_database_refuses,
    assert_is_vietnamese_sentence,
    assert_refused,
    assert_refused_on,
    vietnamese,
)
from tests.factories import (
    BlocFactory,
    BlocYearFactory,
    LeadershipDecisionFactory,
    MembershipFactory,
    RotationSlotFactory,
    UnitFactory,
)

pytestmark = pytest.mark.django_db


def member_of(bloc_year, **kwargs) -> Membership:
    """Return a new unit of the bloc's province as an unsaved membership of the bloc-year."""
    unit = UnitFactory(province=bloc_year.bloc.province)
    return MembershipFactory.build(bloc_year=bloc_year, unit=unit, **kwargs)


@pytest.fixture
def empty_year(bloc_2):
    """A year of bloc 2 with no member yet, so that a new leader clashes with nobody."""
    return BlocYearFactory(bloc=bloc_2, year=2026)


class TestBloc:
    def test_it_refuses_a_second_bloc_with_the_same_name_in_a_province(self, bloc_1):
        twin = BlocFactory.build(province=bloc_1.province, name=bloc_1.name, symbol="KTĐ9")

        assert_refused(twin, "This province already has a bloc with this name.")
        assert_database_refuses(twin)

    def test_it_refuses_a_second_bloc_with_the_same_symbol_in_a_province(self, bloc_1):
        twin = BlocFactory.build(province=bloc_1.province, name="Khối Nội chính", symbol="KTĐ1")

        assert_refused(twin, "Another bloc of this province already uses this document symbol.")
        assert_database_refuses(twin)

    def test_another_province_may_use_the_same_name_and_symbol(self, bloc_1, bloc_b):
        assert (bloc_b.name, bloc_b.symbol) == (bloc_1.name, bloc_1.symbol)
        bloc_b.full_clean()

    def test_it_refuses_a_kind_other_than_khoi_or_cum(self, bloc_1):
        bloc_1.kind = "nhom"

        assert_refused_on(bloc_1, "kind", "invalid_choice")
        assert_database_refuses(bloc_1)

    def test_bloc_create_refuses_a_rotation_unit_of_another_province(self, province_a, unit_b):
        with pytest.raises(DomainError) as excinfo:
            bloc_create(province=province_a, name="Khối Nội chính", symbol="KNC", rotation=[unit_b])

        assert excinfo.value.message == vietnamese("The unit belongs to another province.")
        assert not Bloc.objects.filter(symbol="KNC").exists()

    def test_bloc_create_numbers_the_rotation_order_from_one(self, province_a, unit_h, unit_m):
        bloc = bloc_create(
            province=province_a, name="Khối Nội chính", symbol="KNC", rotation=[unit_m, unit_h]
        )

        slots = [(slot.position, slot.unit) for slot in bloc.rotation_slots.all()]
        assert slots == [(1, unit_m), (2, unit_h)]


class TestRotationSlot:
    def test_it_refuses_two_units_in_one_place(self, bloc_1, unit_h, unit_m):
        RotationSlotFactory(bloc=bloc_1, unit=unit_h, position=1)
        clash = RotationSlotFactory.build(bloc=bloc_1, unit=unit_m, position=1)

        assert_refused(clash, "Two units cannot share a place in the rotation order.")
        assert_database_refuses(clash)

    def test_it_refuses_a_unit_twice_in_the_order(self, bloc_1, unit_h):
        RotationSlotFactory(bloc=bloc_1, unit=unit_h, position=1)
        again = RotationSlotFactory.build(bloc=bloc_1, unit=unit_h, position=2)

        assert_refused(again, "A unit appears once in the rotation order.")
        assert_database_refuses(again)

    def test_it_refuses_place_zero(self, bloc_1, unit_h):
        slot = RotationSlotFactory.build(bloc=bloc_1, unit=unit_h, position=0)

        assert_refused(slot, "Places in the rotation order start at 1.")
        assert_database_refuses(slot)

    def test_it_refuses_a_unit_of_another_province(self, bloc_1, unit_b):
        slot = RotationSlotFactory.build(bloc=bloc_1, unit=unit_b, position=1)

        assert_refused(slot, "The unit belongs to another province.", field="unit")
        assert RotationSlot.objects.count() == 0


class TestBlocYear:
    def test_it_refuses_a_bloc_having_the_same_year_twice(self, bloc_year_1):
        again = BlocYearFactory.build(bloc=bloc_year_1.bloc, year=2025)

        assert_refused(again, "This bloc already has this year.")
        assert_database_refuses(again)

    @pytest.mark.parametrize(("year", "code"), [(1989, "min_value"), (2101, "max_value")])
    def test_it_refuses_a_year_out_of_range(self, bloc_year_1, year, code):
        bloc_year_1.year = year

        assert_refused_on(bloc_year_1, "year", code)
        assert_database_refuses(bloc_year_1)

    def test_it_refuses_an_unknown_state(self, bloc_year_1):
        bloc_year_1.state = "archived"

        assert_refused_on(bloc_year_1, "state", "invalid_choice")
        assert_database_refuses(bloc_year_1)

    @pytest.mark.parametrize(("numerator", "denominator"), [(3, 2), (0, 3), (1, 0)])
    def test_it_refuses_a_quorum_that_is_not_a_fraction(self, bloc_year_1, numerator, denominator):
        bloc_year_1.quorum_numerator, bloc_year_1.quorum_denominator = numerator, denominator

        assert_refused(bloc_year_1, "The quorum must be a fraction between 0 and 1.")
        assert_database_refuses(bloc_year_1)

    def test_it_refuses_a_vote_threshold_above_100_percent(self, bloc_year_1):
        bloc_year_1.vote_threshold_percent = 101

        assert_refused_on(bloc_year_1, "vote_threshold_percent", "max_value")
        assert_database_refuses(bloc_year_1)

    @pytest.mark.parametrize("scale", [10, 500])
    def test_it_refuses_a_score_scale_other_than_100_or_1000(self, bloc_year_1, scale):
        bloc_year_1.score_scale = scale

        assert_refused_on(bloc_year_1, "score_scale", "invalid_choice")
        assert_database_refuses(bloc_year_1)

    def test_it_refuses_more_than_five_deputies_as_the_maximum(self, bloc_year_1):
        bloc_year_1.max_deputies = 6

        assert_refused_on(bloc_year_1, "max_deputies", "max_value")
        assert_database_refuses(bloc_year_1)

    @pytest.mark.parametrize(("members", "needed"), [(3, 2), (5, 4), (6, 4), (10, 7)])
    def test_the_quorum_of_two_thirds_rounds_up(self, members, needed):
        assert BlocYearFactory.build().quorum_needed(members) == needed

    def test_head_and_deputies_come_from_the_memberships(self, bloc_year_1, unit_h, unit_d):
        assert bloc_year_1.head.unit == unit_h
        assert [deputy.unit for deputy in bloc_year_1.deputies] == [unit_d]

    def test_saving_a_bloc_year_adds_a_record_to_its_history(self, bloc_year_1):
        before = bloc_year_1.history.count()

        bloc_year_1.note = "Năm đầu sau sáp nhập tỉnh."
        bloc_year_1.save()

        assert bloc_year_1.history.count() == before + 1


class TestBlocYearSettings:
    def test_the_settings_are_saved_and_the_version_bumped(self, bloc_year_1):
        bloc_year_update_settings(bloc_year=bloc_year_1, version=1, merit_quota=2, score_scale=1000)

        bloc_year_1.refresh_from_db()
        assert (bloc_year_1.merit_quota, bloc_year_1.score_scale) == (2, 1000)
        assert bloc_year_1.version == 2

    def test_a_stale_version_is_refused_and_changes_nothing(self, bloc_year_1):
        bloc_year_update_settings(bloc_year=bloc_year_1, version=1, merit_quota=2)

        with pytest.raises(DomainError):
            bloc_year_update_settings(bloc_year=bloc_year_1, version=1, merit_quota=3)

        bloc_year_1.refresh_from_db()
        assert bloc_year_1.merit_quota == 2

    def test_the_maximum_of_deputies_cannot_drop_below_the_deputies_there_are(
        self, bloc_year_1, unit_m
    ):
        leadership_set(
            bloc_year=bloc_year_1,
            head=bloc_year_1.head.unit,
            deputies=[bloc_year_1.deputies[0].unit, unit_m],
            basis=Membership.Basis.ELECTED,
        )

        with pytest.raises(DomainError) as excinfo:
            bloc_year_update_settings(bloc_year=bloc_year_1, version=1, max_deputies=1)

        assert excinfo.value.message == vietnamese(
            "The bloc-year already has %(n)d deputies; the maximum cannot be lower.", {"n": 2}
        )
        assert BlocYear.objects.get(pk=bloc_year_1.pk).max_deputies == 2


class TestLeadershipDecision:
    def test_it_refuses_the_same_decision_twice(self, province_a):
        decision = LeadershipDecisionFactory(province=province_a)
        again = LeadershipDecisionFactory.build(
            province=province_a, number=decision.number, date=decision.date
        )

        assert_refused(again, "This decision is already recorded.")
        assert_database_refuses(again)

    def test_recording_a_known_decision_returns_it(self, province_a):
        decision = LeadershipDecisionFactory(province=province_a)

        again = leadership_decision_record(
            province=province_a, number=decision.number, date=decision.date
        )

        assert again == decision


class TestMembership:
    def test_the_year_is_copied_from_the_bloc_year_on_save(self, bloc_year_1):
        membership = member_of(bloc_year_1)

        membership.save()

        assert membership.year == 2025

    def test_it_refuses_a_unit_twice_in_a_bloc_year(self, bloc_year_1, unit_m):
        again = MembershipFactory.build(bloc_year=bloc_year_1, unit=unit_m)

        assert_refused(again, "The unit is already a member of this bloc-year.")
        assert_database_refuses(again)

    def test_it_refuses_a_unit_in_two_blocs_in_one_year(self, bloc_year_2, unit_m):
        second = MembershipFactory.build(bloc_year=bloc_year_2, unit=unit_m)

        assert_refused(second, "The unit is already in a bloc this year.")
        assert_database_refuses(second)

    def test_a_unit_may_be_in_another_bloc_another_year(self, bloc_2, unit_m):
        next_year = BlocYearFactory(bloc=bloc_2, year=2026)

        MembershipFactory(bloc_year=next_year, unit=unit_m)

        assert unit_m.memberships.count() == 2

    def test_it_refuses_a_second_head(self, bloc_year_1):
        second = member_of(bloc_year_1, head=True)

        assert_refused(second, "This bloc-year already has a head.")
        assert_database_refuses(second)

    def test_it_refuses_two_deputies_of_the_same_rank(self, bloc_year_1):
        second = member_of(bloc_year_1, deputy=True)

        assert_refused(second, "Two deputies cannot share a rank.")
        assert_database_refuses(second)

    def test_it_accepts_a_second_deputy_of_the_next_rank(self, bloc_year_1):
        second = member_of(bloc_year_1, deputy=True, deputy_rank=2)

        second.full_clean()
        second.save()

        assert len(BlocYear.objects.get(pk=bloc_year_1.pk).deputies) == 2

    def test_it_refuses_an_unknown_role(self, bloc_year_1, unit_m):
        membership = unit_m.memberships.get()
        membership.role = "4_guest"

        assert_refused_on(membership, "role", "invalid_choice")
        assert_database_refuses(membership)

    @pytest.mark.parametrize(
        ("role", "rank"),
        [
            (Membership.Role.DEPUTY, None),
            (Membership.Role.DEPUTY, 6),
            (Membership.Role.MEMBER, 1),
            (Membership.Role.HEAD, 1),
        ],
    )
    def test_it_refuses_a_rank_missing_for_a_deputy_or_given_to_another(
        self, empty_year, role, rank
    ):
        membership = member_of(empty_year, role=role, deputy_rank=rank)
        if role != Membership.Role.MEMBER:
            membership.basis = Membership.Basis.ELECTED

        assert_refused(membership, "A deputy has a rank from 1 to 5; others have none.")
        assert_database_refuses(membership)

    @pytest.mark.parametrize(
        "changes",
        [
            {"role": Membership.Role.HEAD, "basis": ""},
            {"basis": Membership.Basis.ELECTED},
            {"elected_on": datetime.date(2025, 12, 20)},
        ],
        ids=["leader without basis", "member with basis", "member elected"],
    )
    def test_it_refuses_a_leader_without_a_basis_or_a_member_with_one(self, empty_year, changes):
        membership = member_of(empty_year, **changes)

        assert_refused(membership, "A head or deputy needs a basis; a plain member has none.")
        assert_database_refuses(membership)

    def test_it_refuses_an_assignment_by_decision_that_names_no_decision(self, empty_year):
        membership = member_of(empty_year, head=True, basis=Membership.Basis.DECISION)

        assert_refused(membership, "An assignment by provincial decision names the decision.")
        assert_database_refuses(membership)

    def test_it_refuses_a_decision_named_for_an_election(self, empty_year, province_a):
        membership = member_of(
            empty_year, head=True, decision=LeadershipDecisionFactory(province=province_a)
        )

        assert_refused(membership, "An assignment by provincial decision names the decision.")
        assert_database_refuses(membership)

    def test_it_refuses_a_unit_of_another_province(self, bloc_year_1, unit_b):
        membership = MembershipFactory.build(bloc_year=bloc_year_1, unit=unit_b)

        assert_refused(membership, "The unit belongs to another province.", field="unit")

    def test_it_refuses_a_decision_of_another_province(self, empty_year, province_b):
        membership = member_of(
            empty_year,
            head=True,
            basis=Membership.Basis.DECISION,
            decision=LeadershipDecisionFactory(province=province_b),
        )

        assert_refused(membership, "The decision is another province's.", field="decision")

    def test_it_refuses_more_deputies_than_the_year_allows(self, bloc_year_1):
        bloc_year_1.max_deputies = 1
        bloc_year_1.save()
        extra = member_of(bloc_year_1, deputy=True, deputy_rank=2)

        assert_refused(
            extra, "This bloc-year already has its %(n)d deputies.", field="role", params={"n": 1}
        )

    def test_basis_text_names_the_decision_or_the_election_date(self, bloc_year_2, province_a):
        head = bloc_year_2.head
        head.elected_on = datetime.date(2024, 12, 20)
        decision = LeadershipDecisionFactory(
            province=province_a, number="888/QĐ-UBND", date=datetime.date(2020, 5, 21)
        )
        by_decision = member_of(
            bloc_year_2,
            deputy=True,
            basis=Membership.Basis.DECISION,
            decision=decision,
        )

        assert "20/12/2024" in head.basis_text()
        assert "888/QĐ-UBND" in by_decision.basis_text()
        assert "21/05/2020" in by_decision.basis_text()


class TestMembershipAdd:
    def test_it_adds_a_unit_as_a_plain_member(self, bloc_year_1):
        unit = UnitFactory(province=bloc_year_1.bloc.province)

        membership = member_add(bloc_year=bloc_year_1, unit=unit)

        assert (membership.role, membership.year) == (Membership.Role.MEMBER, 2025)

    def test_it_refuses_a_unit_already_in_another_bloc_that_year_and_names_that_bloc(
        self, bloc_year_1, unit_o
    ):
        with pytest.raises(DomainError) as excinfo:
            member_add(bloc_year=bloc_year_1, unit=unit_o)

        message = excinfo.value.message
        assert message == vietnamese(
            "%(unit)s is already a member of %(bloc)s in %(year)d.",
            {"unit": unit_o, "bloc": "Khối thi đua số 2", "year": 2025},
        )
        assert "Khối thi đua số 2" in message
        assert not bloc_year_1.memberships.filter(unit=unit_o).exists()

    def test_it_refuses_a_unit_of_another_province(self, bloc_year_1, unit_b):
        unit_b.memberships.all().delete()

        with pytest.raises(DomainError) as excinfo:
            member_add(bloc_year=bloc_year_1, unit=unit_b)

        assert excinfo.value.message == vietnamese("The unit belongs to another province.")


class TestLeadershipSet:
    def test_it_makes_the_head_and_deputies_and_demotes_the_others(
        self, bloc_year_1, unit_h, unit_d, unit_m
    ):
        leadership_set(
            bloc_year=bloc_year_1,
            head=unit_d,
            deputies=[unit_m, unit_h],
            basis=Membership.Basis.ELECTED,
            elected_on=datetime.date(2024, 12, 20),
        )

        bloc_year = BlocYear.objects.get(pk=bloc_year_1.pk)
        assert bloc_year.head.unit == unit_d
        assert [(d.unit, d.deputy_rank) for d in bloc_year.deputies] == [(unit_m, 1), (unit_h, 2)]

    def test_it_assigns_by_a_provincial_decision(self, bloc_year_1, unit_m, province_a):
        decision = LeadershipDecisionFactory(province=province_a)

        leadership_set(
            bloc_year=bloc_year_1,
            head=unit_m,
            basis=Membership.Basis.DECISION,
            decision=decision,
        )

        head = BlocYear.objects.get(pk=bloc_year_1.pk).head
        assert (head.unit, head.decision) == (unit_m, decision)
        assert BlocYear.objects.get(pk=bloc_year_1.pk).deputies == []

    def test_it_refuses_a_leader_who_is_not_a_member_and_names_the_unit(
        self, bloc_year_1, unit_h, unit_o
    ):
        with pytest.raises(DomainError) as excinfo:
            leadership_set(
                bloc_year=bloc_year_1,
                head=unit_h,
                deputies=[unit_o],
                basis=Membership.Basis.ELECTED,
            )

        assert excinfo.value.message == vietnamese(
            "Only members can lead the bloc; not members in %(year)d: %(units)s.",
            {"year": 2025, "units": "Bộ Chỉ huy Quân sự tỉnh"},
        )
        assert "Bộ Chỉ huy Quân sự tỉnh" in excinfo.value.message
        assert BlocYear.objects.get(pk=bloc_year_1.pk).head.unit == unit_h

    def test_it_refuses_a_head_who_is_also_a_deputy(self, bloc_year_1, unit_h, unit_d):
        with pytest.raises(DomainError) as excinfo:
            leadership_set(
                bloc_year=bloc_year_1,
                head=unit_d,
                deputies=[unit_d],
                basis=Membership.Basis.ELECTED,
            )

        message = excinfo.value.message
        assert message == vietnamese("The head cannot also be a deputy.")
        assert_is_vietnamese_sentence(message, english="The head cannot also be a deputy.")
        assert BlocYear.objects.get(pk=bloc_year_1.pk).head.unit == unit_h

    def test_it_refuses_more_deputies_than_the_year_allows(
        self, bloc_year_1, unit_h, unit_d, unit_m
    ):
        bloc_year_1.max_deputies = 1
        bloc_year_1.save()

        with pytest.raises(DomainError) as excinfo:
            leadership_set(
                bloc_year=bloc_year_1,
                head=unit_h,
                deputies=[unit_d, unit_m],
                basis=Membership.Basis.ELECTED,
            )

        assert excinfo.value.message == vietnamese(
            "This bloc-year has at most %(n)d deputies.", {"n": 1}
        )
        assert unit_m.memberships.get().role == Membership.Role.MEMBER

    def test_it_refuses_a_deputy_named_twice(self, bloc_year_1, unit_h, unit_d):
        with pytest.raises(DomainError):
            leadership_set(
                bloc_year=bloc_year_1,
                head=unit_h,
                deputies=[unit_d, unit_d],
                basis=Membership.Basis.ELECTED,
            )
