"""A second round merged with the first: places kept, the quota left, one award per unit.

Bloc 1's year-end conference, with its members present: Công an tỉnh (H), Viện kiểm sát (D),
Sở Tư pháp (M) and, where a test needs a fourth, another unit (X).
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.translation import gettext

from awards.models import Ballot, BallotVote, Nomination
from awards.selectors.ballots import ballot_result, meeting_result
from awards.services.ballots import ballot_save
from awards.services.nominations import nomination_create, nominations_from_ballot
from core.errors import DomainError
from meetings.models import Attendance
from tests.factories import AwardRulesFactory, MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit_x(bloc_year_1, meeting):
    """A fourth member of bloc 1, present at the conference."""
    unit = MembershipFactory(bloc_year=bloc_year_1).unit
    Attendance.objects.create(meeting=meeting, unit=unit, present=True)
    return unit


def record(meeting, votes, *, valid=3, round_number=1):
    return ballot_save(
        meeting=meeting,
        round_number=round_number,
        issued=valid,
        returned=valid,
        valid=valid,
        invalid=0,
        votes={(unit.pk, award.pk): count for (unit, award), count in votes.items()},
    )


def fresh(ballot) -> Ballot:
    """Reload a round as a page would: with its meeting and its votes."""
    return Ballot.objects.select_related("meeting__bloc_year__bloc").get(pk=ballot.pk)


def award_of(result, award_type):
    return next(a for a in result.awards if a.award_type.pk == award_type.pk)


def row_of(result, award_type, unit):
    return next(r for r in award_of(result, award_type).rows if r.unit.pk == unit.pk)


def proposed(result) -> set[tuple[int, str, int]]:
    """Return (unit id, award kind, deciding round) of every proposal of a meeting result."""
    return {(p.unit.pk, p.award_type.kind, p.round_number) for p in result.proposals}


class TestTheThreshold:
    """A unit passes with strictly more than 50% of the valid ballots."""

    @pytest.fixture
    def big_round(self, meeting, proposable):
        # 101 valid ballots cannot be entered for three present units; the count is what matters.
        return Ballot.objects.create(
            meeting=meeting, issued=101, returned=101, valid=101, invalid=0
        )

    @pytest.mark.parametrize(
        ("votes", "passes"), [(50, False), (51, True)], ids=["49.5% fails", "50.5% passes"]
    )
    def test_just_above_half_passes_and_just_below_fails(
        self, big_round, proposable, unit_h, votes, passes
    ):
        flag, _merit = proposable
        BallotVote.objects.create(ballot=big_round, unit=unit_h, award_type=flag, votes=votes)
        row = row_of(ballot_result(fresh(big_round)), flag, unit_h)
        assert row.passes is passes
        assert row.within_quota is passes

    def test_exactly_half_fails(self, meeting, proposable, unit_h, unit_d):
        flag, _merit = proposable
        ballot = Ballot.objects.create(meeting=meeting, issued=4, returned=4, valid=4, invalid=0)
        BallotVote.objects.create(ballot=ballot, unit=unit_h, award_type=flag, votes=2)
        row = row_of(ballot_result(fresh(ballot)), flag, unit_h)
        assert row.percent == 50
        assert not row.passes
        assert not meeting_result(meeting).proposals


class TestSecondRound:
    def test_a_tie_at_the_edge_is_decided_by_round_two_and_the_rounds_merge(
        self, meeting, proposable, unit_h, unit_d, unit_m
    ):
        """H and D tie for the one flag; round 2 gives it to H; D and M keep their merit."""
        flag, merit = proposable
        first = record(
            meeting,
            {
                (unit_h, flag): 2,
                (unit_d, flag): 2,
                (unit_m, flag): 1,
                (unit_h, merit): 3,
                (unit_d, merit): 3,
                (unit_m, merit): 2,
            },
        )
        one = ballot_result(fresh(first))
        assert one.needs_second_round
        assert {u.pk for u in award_of(one, flag).tied_units} == {unit_h.pk, unit_d.pk}

        second = record(meeting, {(unit_h, flag): 3, (unit_d, flag): 0}, round_number=2)
        two = ballot_result(fresh(second))
        assert not two.needs_second_round
        assert row_of(two, flag, unit_h).within_quota
        assert not row_of(two, flag, unit_d).within_quota
        assert [a.award_type.pk for a in two.awards] == [flag.pk]  # round 2 voted on the flag

        final = meeting_result(meeting)
        assert final.is_final
        assert proposed(final) == {
            (unit_h.pk, "flag", 2),
            (unit_d.pk, "merit", 1),
            (unit_m.pk, "merit", 1),
        }
        h = final.proposal_for(unit_h)
        assert (h.votes, h.percent, h.ballot.pk) == (3, 100, second.pk)
        # One achievement, one award: H, now proposed for the flag, is not for the merit too.
        assert [p.unit.pk for p in final.proposals].count(unit_h.pk) == 1

    def test_units_within_the_quota_in_round_one_keep_their_places(
        self, meeting, proposable, bloc_year_1, unit_h, unit_d, unit_m
    ):
        """Two flags: H is placed in round 1; D and M tie for the second place."""
        flag, _merit = proposable
        bloc_year_1.flag_quota = 2
        bloc_year_1.save()
        record(meeting, {(unit_h, flag): 3, (unit_d, flag): 2, (unit_m, flag): 2})
        second = record(meeting, {(unit_d, flag): 1, (unit_m, flag): 2}, round_number=2)

        award = award_of(ballot_result(fresh(second)), flag)
        assert [(p.unit.pk, p.round_number, p.votes) for p in award.carried] == [(unit_h.pk, 1, 3)]
        assert award.quota_left == 1
        assert [r.unit.pk for r in award.rows if r.within_quota] == [unit_m.pk]
        assert proposed(meeting_result(meeting)) == {(unit_h.pk, "flag", 1), (unit_m.pk, "flag", 2)}

    def test_a_unit_placed_in_round_one_is_not_counted_again_in_round_two(
        self, meeting, proposable, bloc_year_1, unit_h, unit_d, unit_m
    ):
        flag, _merit = proposable
        bloc_year_1.flag_quota = 2
        bloc_year_1.save()
        record(meeting, {(unit_h, flag): 3, (unit_d, flag): 2, (unit_m, flag): 2})
        second = record(
            meeting, {(unit_h, flag): 3, (unit_d, flag): 2, (unit_m, flag): 1}, round_number=2
        )
        result = ballot_result(fresh(second))
        h = row_of(result, flag, unit_h)
        assert (h.carried, h.within_quota, h.rank) == (True, False, None)
        assert row_of(result, flag, unit_d).within_quota
        assert len(meeting_result(meeting).proposals) == 2

    def test_a_tie_again_in_round_two_asks_for_round_three(
        self, meeting, proposable, unit_h, unit_d, unit_m
    ):
        flag, _merit = proposable
        first = record(meeting, {(unit_h, flag): 2, (unit_d, flag): 2, (unit_m, flag): 0})
        second = record(meeting, {(unit_h, flag): 2, (unit_d, flag): 2}, valid=3, round_number=2)
        assert ballot_result(fresh(second)).needs_second_round
        final = meeting_result(meeting)
        assert not final.is_final
        assert final.last_round == 2
        with pytest.raises(DomainError) as refused:
            nominations_from_ballot(ballot=second)
        assert refused.value.message == gettext(
            "The ballot has a tie at the quota's edge: hold another round."
        )
        with pytest.raises(DomainError):
            nominations_from_ballot(ballot=first)
        assert not Nomination.objects.exists()

    def test_tied_units_that_stay_at_or_under_half_leave_the_place_empty(
        self, meeting, proposable, unit_h, unit_d, unit_m
    ):
        flag, _merit = proposable
        record(meeting, {(unit_h, flag): 2, (unit_d, flag): 2})
        ballot = Ballot.objects.create(
            meeting=meeting, round_number=2, issued=4, returned=4, valid=4, invalid=0
        )
        for unit in (unit_h, unit_d):
            BallotVote.objects.create(ballot=ballot, unit=unit, award_type=flag, votes=2)
        final = meeting_result(meeting)
        assert final.is_final
        assert not final.proposals
        assert final.awards[0].places_left == 1

    def test_a_flag_won_in_round_two_frees_a_merit_place_and_can_open_a_new_tie(
        self,
        client_for,
        secretariat,
        meeting,
        proposable,
        bloc_year_1,
        unit_h,
        unit_d,
        unit_m,
        unit_x,
    ):
        """H leaves the merit for the flag: D moves up, and M and X tie for the last place."""
        flag, merit = proposable
        bloc_year_1.merit_quota = 2
        bloc_year_1.save()
        first = record(
            meeting,
            {
                (unit_h, flag): 3,
                (unit_d, flag): 3,
                (unit_h, merit): 4,
                (unit_d, merit): 4,
                (unit_m, merit): 3,
                (unit_x, merit): 3,
            },
            valid=4,
        )
        one = ballot_result(fresh(first))
        assert [r.unit.pk for r in award_of(one, merit).rows if r.within_quota] == [
            unit_h.pk,
            unit_d.pk,
        ]
        second = record(meeting, {(unit_h, flag): 4, (unit_d, flag): 0}, valid=4, round_number=2)
        final = meeting_result(meeting)
        assert proposed(final) == {(unit_h.pk, "flag", 2), (unit_d.pk, "merit", 1)}
        merit_outcome = next(a for a in final.awards if a.award_type.pk == merit.pk)
        assert {u.pk for u in merit_outcome.tied_units} == {unit_m.pk, unit_x.pk}
        assert ballot_result(fresh(second)).needs_second_round

        # Round 3 is offered for the merit, among M and X only.
        url = reverse("awards:ballot_add", args=[bloc_year_1.bloc_id, 2025, meeting.pk])
        form = client_for(secretariat).get(url, {"after": second.pk}).context["form"]
        assert {u.pk for u in form.units} == {unit_m.pk, unit_x.pk}
        assert [a.pk for a in form.award_types] == [merit.pk]
        assert form.initial["round_number"] == 3

        record(meeting, {(unit_m, merit): 3, (unit_x, merit): 1}, valid=4, round_number=3)
        assert proposed(meeting_result(meeting)) == {
            (unit_h.pk, "flag", 2),
            (unit_d.pk, "merit", 1),
            (unit_m.pk, "merit", 3),
        }

    def test_the_standing_after_a_round_ignores_the_later_ones(
        self, meeting, proposable, unit_h, unit_d
    ):
        flag, _merit = proposable
        record(meeting, {(unit_h, flag): 2, (unit_d, flag): 2})
        record(meeting, {(unit_h, flag): 3}, round_number=2)
        assert meeting_result(meeting, up_to_round=1).needs_another_round
        assert meeting_result(meeting).is_final

    def test_a_meeting_without_a_ballot_has_no_outcome(self, meeting):
        result = meeting_result(meeting)
        assert (result.proposals, result.is_final, result.last_round) == ([], False, 0)


class TestNominationsFromTheRounds:
    @pytest.fixture
    def rounds(self, meeting, proposable, unit_h, unit_d, unit_m):
        flag, merit = proposable
        first = record(
            meeting,
            {
                (unit_h, flag): 2,
                (unit_d, flag): 2,
                (unit_h, merit): 3,
                (unit_d, merit): 3,
                (unit_m, merit): 2,
            },
        )
        second = record(meeting, {(unit_h, flag): 1, (unit_d, flag): 2}, round_number=2)
        return first, second

    def test_round_two_drafts_its_winner_and_the_places_round_one_decided(
        self, rounds, unit_h, unit_d, unit_m
    ):
        first, second = rounds
        created = nominations_from_ballot(ballot=fresh(second))
        assert {(n.unit.pk, n.award_type.kind, n.ballot.pk) for n in created} == {
            (unit_d.pk, "flag", second.pk),
            (unit_h.pk, "merit", first.pk),
            (unit_m.pk, "merit", first.pk),
        }

    def test_round_one_refuses_and_points_to_the_round_that_decides(self, rounds):
        first, _second = rounds
        message = gettext("Round %(n)d decides the tie: draft the nominations from it.") % {"n": 2}
        with pytest.raises(DomainError) as refused:
            nominations_from_ballot(ballot=fresh(first))
        assert refused.value.message == message
        assert not Nomination.objects.exists()

    def test_a_unit_already_nominated_is_left_as_it_is(
        self, rounds, province_a, bloc_year_1, proposable, unit_m
    ):
        """One award per unit and year: M, nominated with a reason, is not drafted again."""
        _flag, merit = proposable
        AwardRulesFactory(province=province_a, nomination_without_ballot=True)
        nomination_create(bloc_year=bloc_year_1, unit=unit_m, award_type=merit, reason="Lý do")
        created = nominations_from_ballot(ballot=fresh(rounds[1]))
        assert unit_m.pk not in {n.unit.pk for n in created}
        assert Nomination.objects.filter(unit=unit_m).count() == 1
        with pytest.raises(DomainError):
            nomination_create(bloc_year=bloc_year_1, unit=unit_m, award_type=merit, reason="Lại")

    def test_a_quota_taken_by_a_reasoned_nomination_refuses_the_whole_draft(
        self, rounds, province_a, bloc_year_1, proposable
    ):
        """The one flag already went, with a reason, to D: round 2's flag to D is one too many."""
        flag, _merit = proposable
        AwardRulesFactory(province=province_a, nomination_without_ballot=True)
        bloc_year_1.flag_quota = 1
        bloc_year_1.save()
        other = MembershipFactory(bloc_year=bloc_year_1).unit
        nomination_create(bloc_year=bloc_year_1, unit=other, award_type=flag, reason="Lý do")
        with pytest.raises(DomainError) as refused:
            nominations_from_ballot(ballot=fresh(rounds[1]))
        assert refused.value.message == gettext(
            "The quota of %(quota)d for this kind of award is already used."
        ) % {"quota": 1}
        assert Nomination.objects.count() == 1


def result_url(ballot):
    return reverse("awards:ballot_result", args=[ballot.meeting.bloc_year.bloc_id, 2025, ballot.pk])


class TestTheResultPage:
    def test_round_two_shows_the_places_kept_and_the_merged_outcome(
        self, client_for, member_staff, meeting, proposable, bloc_year_1, unit_h, unit_d, unit_m
    ):
        flag, _merit = proposable
        bloc_year_1.flag_quota = 2
        bloc_year_1.save()
        first = record(meeting, {(unit_h, flag): 3, (unit_d, flag): 2, (unit_m, flag): 2})
        second = record(meeting, {(unit_d, flag): 1, (unit_m, flag): 2}, round_number=2)
        response = client_for(member_staff).get(result_url(second))
        assert response.status_code == 200
        award = response.context["result"].awards[0]
        assert [p.unit.pk for p in award.carried] == [unit_h.pk]
        page = response.content.decode()
        assert 'class="small mb-1 carried"' in page
        assert "meeting-result" in page
        assert {p.unit.pk for p in response.context["final"].proposals} == {unit_h.pk, unit_m.pk}
        # Round 1's page links to the round that decided its tie instead of offering a new one.
        page_one = client_for(member_staff).get(result_url(first))
        assert page_one.context["next_round"].pk == second.pk

    def test_round_two_costs_the_queries_of_round_one(
        self,
        client_for,
        board,
        meeting,
        proposable,
        unit_h,
        unit_d,
        unit_m,
        django_assert_max_num_queries,
    ):
        flag, merit = proposable
        first = record(meeting, {(unit_h, flag): 2, (unit_d, flag): 2})
        second = record(meeting, {(unit_h, flag): 3, (unit_d, flag): 0}, round_number=2)
        third = record(
            meeting,
            {(unit, award): 1 for unit in (unit_h, unit_d, unit_m) for award in (flag, merit)},
            round_number=3,
        )
        client = client_for(board)
        for ballot in (first, second, third):
            # As many as a round's page makes (test_ballots.QUERIES).
            with django_assert_max_num_queries(9):
                assert client.get(result_url(ballot)).status_code == 200

    @pytest.mark.parametrize(
        ("persona", "status"), [("other_bloc_staff", 404), ("other_province_board", 404)]
    )
    def test_outsiders_do_not_see_a_round(
        self, request, client_for, meeting, proposable, unit_h, persona, status
    ):
        flag, _merit = proposable
        ballot = record(meeting, {(unit_h, flag): 3})
        user = request.getfixturevalue(persona)
        assert client_for(user).get(result_url(ballot)).status_code == status
