"""The secret ballot: recording a round, reconciling its counts, counting its result, its pages."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from awards.models import Ballot, BallotVote
from awards.selectors.ballots import ballot_result
from awards.services.ballots import ballot_save
from core.errors import DomainError
from tests.personas import by_persona

pytestmark = pytest.mark.django_db

# The result page: session and user, bloc-year with its province, the ballot with its meeting,
# its votes with their units, their names and award types, the rights asked, and the round's
# attached tally sheets with their bloc-year and uploader (2: the content type, the files).
QUERIES = 9


def record(meeting, votes, *, issued=3, returned=3, valid=3, invalid=0, round_number=1):
    return ballot_save(
        meeting=meeting,
        round_number=round_number,
        issued=issued,
        returned=returned,
        valid=valid,
        invalid=invalid,
        votes={(unit.pk, award.pk): count for (unit, award), count in votes.items()},
    )


def row_of(result, award_type, unit):
    award = next(a for a in result.awards if a.award_type.pk == award_type.pk)
    return next(row for row in award.rows if row.unit.pk == unit.pk)


class TestReconciliation:
    @pytest.mark.parametrize(
        ("counts", "message"),
        [
            ({"issued": 3, "returned": 4, "valid": 4, "invalid": 0}, "More ballots were returned"),
            ({"issued": 3, "returned": 3, "valid": 2, "invalid": 0}, "must add up"),
            ({"issued": 4, "returned": 3, "valid": 3, "invalid": 0}, "than member units were"),
        ],
        ids=["returned above issued", "valid and invalid not returned", "issued above present"],
    )
    def test_counts_that_do_not_reconcile_are_refused_and_nothing_is_saved(
        self, meeting, proposable, unit_h, counts, message
    ):
        flag, _ = proposable
        with translation.override("en"), pytest.raises(DomainError, match=message):
            record(meeting, {(unit_h, flag): 1}, **counts)
        assert not Ballot.objects.exists()
        assert not BallotVote.objects.exists()

    def test_more_votes_than_valid_ballots_is_refused(self, meeting, proposable, unit_h):
        flag, _ = proposable
        with translation.override("en"), pytest.raises(DomainError, match="more votes"):
            record(meeting, {(unit_h, flag): 3}, valid=2, invalid=1)
        assert not Ballot.objects.exists()

    def test_votes_for_a_unit_outside_the_bloc_year_are_refused(self, meeting, proposable, unit_o):
        flag, _ = proposable
        with pytest.raises(DomainError):
            record(meeting, {(unit_o, flag): 1})
        assert not Ballot.objects.exists()

    def test_a_round_that_reconciles_is_saved_with_its_votes(self, meeting, proposable, unit_h):
        flag, _ = proposable
        ballot = record(meeting, {(unit_h, flag): 3})
        assert (ballot.issued, ballot.returned, ballot.valid, ballot.invalid) == (3, 3, 3, 0)
        assert ballot.votes.get().votes == 3


class TestResult:
    def test_exactly_the_threshold_fails_and_above_passes(
        self, meeting, proposable, bloc_year_1, unit_h, unit_d
    ):
        flag, merit = proposable
        ballot = record(
            meeting, {(unit_h, merit): 2, (unit_d, merit): 1}, issued=2, returned=2, valid=2
        )
        result = ballot_result(ballot)
        assert row_of(result, merit, unit_d).percent == 50
        assert not row_of(result, merit, unit_d).passes
        assert row_of(result, merit, unit_h).passes

    def test_only_the_quota_is_within_it_in_order_of_votes(
        self, meeting, proposable, bloc_year_1, unit_h, unit_d, unit_m
    ):
        flag, merit = proposable
        bloc_year_1.merit_quota = 2
        bloc_year_1.save()
        ballot = record(meeting, {(unit_h, merit): 3, (unit_d, merit): 2, (unit_m, merit): 0})
        result = ballot_result(ballot)
        assert [row.unit.pk for row in result.awards[0].rows if row.within_quota] == [
            unit_h.pk,
            unit_d.pk,
        ]
        bloc_year_1.merit_quota = 1
        bloc_year_1.save()
        result = ballot_result(Ballot.objects.get(pk=ballot.pk))
        assert [row.unit.pk for row in result.awards[0].rows if row.within_quota] == [unit_h.pk]
        assert [row.rank for row in result.awards[0].rows] == [1, 2, None]
        assert not result.needs_second_round

    def test_a_tie_at_the_quota_edge_asks_for_a_second_round_among_the_tied(
        self, meeting, proposable, unit_h, unit_d, unit_m
    ):
        flag, merit = proposable
        ballot = record(meeting, {(unit_h, flag): 2, (unit_d, flag): 2, (unit_m, flag): 1})
        result = ballot_result(ballot)
        assert result.needs_second_round
        award = result.awards[0]
        assert {unit.pk for unit in award.tied_units} == {unit_h.pk, unit_d.pk}
        assert not any(row.within_quota for row in award.rows)

    def test_a_unit_within_the_flag_quota_is_not_counted_for_the_certificate(
        self, meeting, proposable, bloc_year_1, unit_h, unit_d, unit_m
    ):
        flag, merit = proposable
        bloc_year_1.merit_quota = 1
        bloc_year_1.save()
        ballot = record(
            meeting,
            {(unit_h, flag): 3, (unit_h, merit): 3, (unit_d, merit): 2, (unit_m, merit): 1},
        )
        result = ballot_result(Ballot.objects.get(pk=ballot.pk))
        assert row_of(result, flag, unit_h).within_quota
        assert row_of(result, merit, unit_h).excluded
        assert not row_of(result, merit, unit_h).within_quota
        assert row_of(result, merit, unit_d).within_quota


def list_url(bloc_year):
    return reverse("awards:ballot_list", args=[bloc_year.bloc_id, bloc_year.year])


def add_url(meeting):
    bloc_year = meeting.bloc_year
    return reverse("awards:ballot_add", args=[bloc_year.bloc_id, bloc_year.year, meeting.pk])


def result_url(ballot):
    bloc_year = ballot.meeting.bloc_year
    return reverse("awards:ballot_result", args=[bloc_year.bloc_id, bloc_year.year, ballot.pk])


def form_data(flag, merit, units, **changes):
    data = {"round_number": 1, "issued": 3, "returned": 3, "valid": 3, "invalid": 0, "note": ""}
    for unit in units:
        data[f"votes_{unit.pk}_{flag.pk}"] = 0
        data[f"votes_{unit.pk}_{merit.pk}"] = 0
    data.update(changes)
    return data


class TestPages:
    #                                        board secr depu memb oblc oprv opbd natl
    @pytest.mark.parametrize(
        ("persona", "status"), by_persona((200, 200, 200, 200, 404, 404, 404, 200))
    )
    def test_the_list_is_read_by_the_bloc_year_and_the_board(
        self, request, client_for, meeting, persona, status
    ):
        user = request.getfixturevalue(persona)
        assert client_for(user).get(list_url(meeting.bloc_year)).status_code == status

    @pytest.mark.parametrize(
        ("persona", "status"), by_persona((200, 200, 200, 403, 404, 404, 404, 403))
    )
    def test_the_entry_form_opens_for_writers_only(
        self, request, client_for, meeting, proposable, persona, status
    ):
        user = request.getfixturevalue(persona)
        assert client_for(user).get(add_url(meeting)).status_code == status

    def test_the_secretariat_records_a_round_and_sees_its_result(
        self, client_for, secretariat, meeting, proposable, unit_h, unit_d, unit_m
    ):
        flag, merit = proposable
        data = form_data(
            flag, merit, (unit_h, unit_d, unit_m), **{f"votes_{unit_h.pk}_{flag.pk}": 3}
        )
        response = client_for(secretariat).post(add_url(meeting), data)
        ballot = Ballot.objects.get()
        assert response.status_code == 302
        assert response.url == result_url(ballot)
        assert ballot.votes.get(unit=unit_h, award_type=flag).votes == 3
        assert client_for(secretariat).get(result_url(ballot)).status_code == 200

    def test_a_round_that_does_not_reconcile_re_renders_with_the_typed_values(
        self, client_for, secretariat, meeting, proposable, unit_h, unit_d, unit_m
    ):
        flag, merit = proposable
        data = form_data(flag, merit, (unit_h, unit_d, unit_m), valid=2, note="Kiểm phiếu")
        response = client_for(secretariat).post(add_url(meeting), data)
        assert response.status_code == 200
        assert response.context["form"].errors
        assert "Kiểm phiếu" in response.content.decode()
        assert not Ballot.objects.exists()

    def test_a_member_cannot_post_a_round(
        self, client_for, member_staff, meeting, proposable, unit_h, unit_d, unit_m
    ):
        flag, merit = proposable
        response = client_for(member_staff).post(add_url(meeting), form_data(flag, merit, ()))
        assert response.status_code == 403
        assert not Ballot.objects.exists()

    def test_an_outsider_cannot_post_a_round(
        self, client_for, other_bloc_staff, meeting, proposable
    ):
        flag, merit = proposable
        response = client_for(other_bloc_staff).post(add_url(meeting), form_data(flag, merit, ()))
        assert response.status_code == 404
        assert not Ballot.objects.exists()

    def test_a_closed_year_is_read_only_for_the_secretariat(
        self, client_for, secretariat, closed, meeting, proposable
    ):
        flag, merit = proposable
        response = client_for(secretariat).post(add_url(meeting), form_data(flag, merit, ()))
        assert response.status_code == 403

    def test_a_tie_offers_a_second_round_limited_to_the_tied_units(
        self, client_for, secretariat, meeting, proposable, unit_h, unit_d, unit_m
    ):
        flag, merit = proposable
        ballot = record(meeting, {(unit_h, flag): 2, (unit_d, flag): 2, (unit_m, flag): 1})
        page = client_for(secretariat).get(result_url(ballot)).content.decode()
        assert f"?after={ballot.pk}" in page
        response = client_for(secretariat).get(f"{add_url(meeting)}?after={ballot.pk}")
        form = response.context["form"]
        assert {unit.pk for unit in form.units} == {unit_h.pk, unit_d.pk}
        assert [a.pk for a in form.award_types] == [flag.pk]
        assert form.initial["round_number"] == 2

    def test_the_blank_ballot_lists_the_members(
        self, client_for, member_staff, meeting, proposable
    ):
        response = client_for(member_staff).get(
            reverse("awards:ballot_print", args=[meeting.bloc_year.bloc_id, 2025])
        )
        assert response.status_code == 200
        assert "Sở Tư pháp" in response.content.decode()

    def test_the_result_page_makes_the_same_queries_whatever_the_votes(
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
        small = record(meeting, {(unit_h, flag): 3})
        big = record(
            meeting,
            {(unit, award): 1 for unit in (unit_h, unit_d, unit_m) for award in (flag, merit)},
            round_number=2,
        )
        client = client_for(board)
        for ballot in (small, big):
            with django_assert_max_num_queries(QUERIES):
                assert client.get(result_url(ballot)).status_code == 200


class TestCorrectingARound:
    def edit_url(self, ballot):
        bloc_year = ballot.meeting.bloc_year
        return reverse(
            "awards:ballot_edit",
            args=[bloc_year.bloc_id, bloc_year.year, ballot.meeting_id, ballot.pk],
        )

    def test_the_secretariat_corrects_the_counts_and_votes(
        self, client_for, secretariat, meeting, proposable, unit_h
    ):
        flag, merit = proposable
        ballot = record(meeting, {(unit_h, flag): 3})
        data = form_data(flag, merit, (unit_h,), version=1, valid=2, invalid=1)
        data[f"votes_{unit_h.pk}_{flag.pk}"] = 2
        response = client_for(secretariat).post(self.edit_url(ballot), data)
        assert response.status_code == 302
        ballot.refresh_from_db()
        assert (ballot.valid, ballot.invalid, ballot.version) == (2, 1, 2)
        assert ballot.votes.get(unit=unit_h, award_type=flag).votes == 2

    def test_a_stale_version_is_refused_and_changes_nothing(
        self, client_for, secretariat, meeting, proposable, unit_h
    ):
        flag, merit = proposable
        ballot = record(meeting, {(unit_h, flag): 3})
        data = form_data(flag, merit, (unit_h,), version=0, valid=2, invalid=1)
        response = client_for(secretariat).post(self.edit_url(ballot), data)
        assert response.status_code == 200
        assert response.context["form"].errors
        ballot.refresh_from_db()
        assert (ballot.valid, ballot.version) == (3, 1)
