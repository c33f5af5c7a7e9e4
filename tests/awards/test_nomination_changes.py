"""Changing and removing a draft or returned nomination; the province's rule on nominations
without a ballot."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils.translation import gettext

from awards.models import Nomination
from awards.services.ballots import ballot_save
from awards.services.nominations import (
    nomination_create,
    nomination_delete,
    nomination_return,
    nomination_update,
    nominations_from_ballot,
)
from core.errors import DomainError
from meetings.models import Attendance, Meeting
from meetings.services import meetings as meeting_services
from tests.awards.submitting import nominations_submit
from tests.checks import STALE
from tests.factories import AwardRulesFactory

pytestmark = pytest.mark.django_db

REASON = "Hoàn thành xuất sắc nhiệm vụ năm 2025"
RULES_REFUSE = (
    "The province's rules for %(year)d do not allow a bloc to propose a unit without a ballot: "
    "nominate the units from the conference's ballot."
)


@pytest.fixture
def allowed(province_a):
    """Province A's rules from 2020 let a bloc propose a unit with a reason."""
    return AwardRulesFactory(province=province_a, from_year=2020, nomination_without_ballot=True)


@pytest.fixture
def reasoned(allowed, bloc_year_1, proposable, unit_m) -> Nomination:
    """Sở Tư pháp (M), nominated for the certificate of merit with a reason."""
    return nomination_create(
        bloc_year=bloc_year_1, unit=unit_m, award_type=proposable[1], reason=REASON
    )


@pytest.fixture
def from_ballot(bloc_year_1, proposable, unit_h, unit_d, unit_m) -> Nomination:
    """Công an tỉnh (H), nominated for the flag as the conference voted."""
    flag, _merit = proposable
    meeting = meeting_services.meeting_create(
        bloc_year=bloc_year_1,
        kind=Meeting.Kind.YEAR_END,
        title="Hội nghị tổng kết năm 2025",
        date=datetime.date(2026, 1, 20),
        host_unit=unit_h,
    )
    for unit in (unit_h, unit_d, unit_m):
        Attendance.objects.create(meeting=meeting, unit=unit, present=True)
    ballot = ballot_save(
        meeting=meeting,
        round_number=1,
        issued=3,
        returned=3,
        valid=3,
        invalid=0,
        votes={(unit_h.pk, flag.pk): 3},
    )
    return nominations_from_ballot(ballot=ballot)[0]


def snapshot(nomination) -> tuple:
    nomination = Nomination.objects.get(pk=nomination.pk)
    return (nomination.award_type_id, nomination.reason, nomination.status, nomination.version)


class TestTheProvincesRule:
    def test_without_rules_a_nomination_without_ballot_is_refused(
        self, bloc_year_1, proposable, unit_m
    ):
        with pytest.raises(DomainError) as refused:
            nomination_create(
                bloc_year=bloc_year_1, unit=unit_m, award_type=proposable[1], reason=REASON
            )
        assert refused.value.message == gettext(RULES_REFUSE) % {"year": 2025}
        assert not Nomination.objects.exists()

    def test_the_rules_in_force_for_the_year_decide(
        self, allowed, province_a, bloc_year_1, proposable, unit_m
    ):
        AwardRulesFactory(province=province_a, from_year=2025, nomination_without_ballot=False)
        with pytest.raises(DomainError):
            nomination_create(
                bloc_year=bloc_year_1, unit=unit_m, award_type=proposable[1], reason=REASON
            )
        assert not Nomination.objects.exists()

    def test_a_nomination_from_the_ballot_needs_no_such_rule(self, from_ballot, unit_h):
        assert (from_ballot.unit, from_ballot.ballot_id is not None) == (unit_h, True)

    def test_the_page_says_so_instead_of_offering_the_form(
        self, client_for, secretariat, bloc_year_1, proposable
    ):
        url = reverse("awards:nomination_list", args=[bloc_year_1.bloc_id, 2025])
        page = client_for(secretariat).get(url).content.decode()
        assert "without-ballot-refused" in page
        assert 'name="reason"' not in page

    def test_a_nomination_posted_anyway_is_refused_with_the_rule_and_the_input_kept(
        self, client_for, secretariat, bloc_year_1, proposable, unit_m
    ):
        url = reverse("awards:nomination_list", args=[bloc_year_1.bloc_id, 2025])
        data = {"unit": unit_m.pk, "award_type": proposable[1].pk, "reason": "Lý do đặc biệt"}
        response = client_for(secretariat).post(url, data)
        assert response.status_code == 200
        assert gettext(RULES_REFUSE) % {"year": 2025} in response.context["form"].non_field_errors()
        assert "Lý do đặc biệt" in response.content.decode()
        assert not Nomination.objects.exists()


class TestUpdating:
    def test_a_reasoned_nomination_changes_its_award_and_reason(self, reasoned, proposable):
        flag, _merit = proposable
        updated = nomination_update(
            nomination=reasoned, version=reasoned.version, award_type=flag, reason="Lý do mới"
        )
        assert (updated.award_type, updated.reason, updated.version) == (flag, "Lý do mới", 2)

    def test_a_nomination_from_the_ballot_keeps_its_award_but_takes_a_note(
        self, from_ballot, proposable
    ):
        flag, merit = proposable
        before = snapshot(from_ballot)
        with pytest.raises(DomainError):
            nomination_update(
                nomination=from_ballot, version=from_ballot.version, award_type=merit, reason=""
            )
        assert snapshot(from_ballot) == before
        updated = nomination_update(
            nomination=from_ballot, version=from_ballot.version, award_type=flag, reason="Ghi chú"
        )
        assert (updated.reason, updated.ballot_id) == ("Ghi chú", from_ballot.ballot_id)

    @pytest.mark.parametrize(
        "change",
        ["stale version", "no reason", "quota", "submitted", "rules withdrawn"],
    )
    def test_refusals_change_nothing(
        self, change, reasoned, from_ballot, province_a, bloc_year_1, proposable
    ):
        flag, merit = proposable
        kwargs = {"version": reasoned.version, "award_type": merit, "reason": "Khác"}
        if change == "stale version":
            kwargs["version"] = reasoned.version - 1
        elif change == "no reason":
            kwargs["reason"] = "  "
        elif change == "quota":  # the one flag went to H, from the ballot
            kwargs["award_type"] = flag
        elif change == "submitted":
            nominations_submit(bloc_year=bloc_year_1)
            kwargs["version"] += 1
        else:
            AwardRulesFactory(province=province_a, from_year=2025)
        before = snapshot(reasoned)
        with pytest.raises(DomainError):
            nomination_update(nomination=reasoned, **kwargs)
        assert snapshot(reasoned) == before

    def test_a_returned_nomination_is_corrected_while_the_others_stay_submitted(
        self, reasoned, from_ballot, bloc_year_1, proposable
    ):
        nominations_submit(bloc_year=bloc_year_1)
        reasoned.refresh_from_db()
        returned = nomination_return(nomination=reasoned, reason="Thiếu minh chứng", version=2)
        updated = nomination_update(
            nomination=returned,
            version=returned.version,
            award_type=proposable[1],
            reason="Bổ sung minh chứng",
        )
        assert (updated.status, updated.reason) == ("returned", "Bổ sung minh chứng")


class TestRemoving:
    def test_a_draft_is_removed(self, reasoned):
        nomination_delete(nomination=reasoned, version=reasoned.version)
        assert not Nomination.objects.exists()

    def test_a_submitted_nomination_or_a_stale_version_is_not(self, reasoned, bloc_year_1):
        with pytest.raises(DomainError):
            nomination_delete(nomination=reasoned, version=reasoned.version + 1)
        nominations_submit(bloc_year=bloc_year_1)
        with pytest.raises(DomainError):
            nomination_delete(nomination=reasoned, version=reasoned.version + 1)
        assert Nomination.objects.get().status == "submitted"


def edit_url(nomination) -> str:
    return reverse("awards:nomination_edit", args=[nomination.pk])


def delete_url(nomination) -> str:
    return reverse("awards:nomination_delete", args=[nomination.pk])


class TestPages:
    #                      board secr depu memb oblc oprv opbd natl
    @pytest.mark.parametrize(
        ("persona", "status"),
        [
            ("board", 200),
            ("secretariat", 200),
            ("deputy_staff", 200),
            ("member_staff", 403),
            ("other_bloc_staff", 404),
            ("other_province_staff", 404),
            ("other_province_board", 404),
            ("national", 403),
        ],
    )
    def test_who_may_open_the_edit_page(self, request, client_for, reasoned, persona, status):
        user = request.getfixturevalue(persona)
        assert client_for(user).get(edit_url(reasoned)).status_code == status

    def test_the_edit_page_shows_the_facts_of_the_unit(
        self, client_for, secretariat, reasoned, unit_m
    ):
        response = client_for(secretariat).get(edit_url(reasoned))
        assert f'data-unit="{unit_m.pk}"' in response.content.decode()
        assert response.context["form_facts"].award_type == reasoned.award_type

    def test_the_secretariat_saves_a_change(self, client_for, secretariat, reasoned, proposable):
        flag, _merit = proposable
        data = {"award_type": flag.pk, "reason": "Lý do mới", "version": reasoned.version}
        response = client_for(secretariat).post(edit_url(reasoned), data)
        assert response.status_code == 302
        assert snapshot(reasoned)[:2] == (flag.pk, "Lý do mới")

    def test_a_refused_change_keeps_what_was_typed_and_changes_nothing(
        self, client_for, secretariat, reasoned, from_ballot, proposable
    ):
        flag, _merit = proposable  # the flag's quota is used by H
        before = snapshot(reasoned)
        data = {"award_type": flag.pk, "reason": "Lý do đã gõ", "version": reasoned.version}
        response = client_for(secretariat).post(edit_url(reasoned), data)
        assert response.status_code == 200
        assert response.context["form"].errors
        assert "Lý do đã gõ" in response.content.decode()
        assert snapshot(reasoned) == before

    def test_a_stale_form_is_refused(self, client_for, secretariat, reasoned, proposable):
        data = {"award_type": proposable[1].pk, "reason": "Cũ", "version": reasoned.version - 1}
        response = client_for(secretariat).post(edit_url(reasoned), data)
        assert gettext(STALE) in response.context["form"].non_field_errors()
        assert snapshot(reasoned)[1] == REASON

    def test_members_and_outsiders_cannot_post_a_change(
        self, client_for, member_staff, other_bloc_staff, reasoned, proposable
    ):
        before = snapshot(reasoned)
        data = {"award_type": proposable[0].pk, "reason": "X", "version": reasoned.version}
        assert client_for(member_staff).post(edit_url(reasoned), data).status_code == 403
        assert client_for(other_bloc_staff).post(edit_url(reasoned), data).status_code == 404
        assert snapshot(reasoned) == before

    def test_a_closed_year_is_read_only_for_the_secretariat(
        self, client_for, secretariat, board, reasoned, closed
    ):
        assert client_for(secretariat).get(edit_url(reasoned)).status_code == 403
        assert client_for(board).get(edit_url(reasoned)).status_code == 200

    def test_a_submitted_nomination_sends_back_to_the_list(
        self, client_for, secretariat, reasoned, bloc_year_1
    ):
        nominations_submit(bloc_year=bloc_year_1)
        response = client_for(secretariat).get(edit_url(reasoned))
        assert response.status_code == 302
        assert response.url == reverse("awards:nomination_list", args=[bloc_year_1.bloc_id, 2025])

    def test_the_list_offers_edit_and_remove_to_writers_only(
        self, client_for, secretariat, member_staff, reasoned, bloc_year_1
    ):
        url = reverse("awards:nomination_list", args=[bloc_year_1.bloc_id, 2025])
        assert edit_url(reasoned) in client_for(secretariat).get(url).content.decode()
        assert edit_url(reasoned) not in client_for(member_staff).get(url).content.decode()

    def test_removing_asks_for_confirmation_then_removes(self, client_for, secretariat, reasoned):
        client = client_for(secretariat)
        assert client.get(delete_url(reasoned)).status_code == 405
        asked = client.post(delete_url(reasoned), {"version": reasoned.version})
        assert asked.status_code == 200
        assert 'name="confirm"' in asked.content.decode()
        assert Nomination.objects.exists()
        done = client.post(delete_url(reasoned), {"version": reasoned.version, "confirm": "1"})
        assert done.status_code == 302
        assert not Nomination.objects.exists()

    @pytest.mark.parametrize(
        ("persona", "status"),
        [
            ("member_staff", 403),
            ("national", 403),
            ("other_bloc_staff", 404),
            ("other_province_board", 404),
        ],
    )
    def test_only_writers_remove(self, request, client_for, reasoned, persona, status):
        user = request.getfixturevalue(persona)
        data = {"version": reasoned.version, "confirm": "1"}
        assert client_for(user).post(delete_url(reasoned), data).status_code == status
        assert Nomination.objects.exists()

    def test_a_refused_removal_says_why_and_keeps_the_nomination(
        self, client_for, secretariat, reasoned
    ):
        data = {"version": reasoned.version - 1, "confirm": "1"}
        response = client_for(secretariat).post(delete_url(reasoned), data, follow=True)
        assert gettext(STALE) in [str(m) for m in response.context["messages"]]
        assert Nomination.objects.exists()
