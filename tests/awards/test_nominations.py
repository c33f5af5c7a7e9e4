"""Nominations: from a ballot or with a reason, their checks, submission, return and decision."""

from __future__ import annotations

import datetime
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from awards.models import Nomination
from awards.services.ballots import ballot_save
from awards.services.nominations import (
    decision_record,
    nomination_create,
    nomination_return,
    nominations_from_ballot,
)
from core.errors import DomainError
from meetings.models import Attendance, Meeting
from meetings.services import meetings as meeting_services
from tests.awards.submitting import nominations_submit
from tests.factories import AwardRulesFactory

pytestmark = pytest.mark.django_db

REASON = "Hoàn thành xuất sắc nhiệm vụ năm 2025"


@pytest.fixture(autouse=True)
def reasons_allowed(province_a):
    """Province A's rules let a bloc propose a unit with a reason, without a ballot."""
    return AwardRulesFactory(province=province_a, from_year=2020, nomination_without_ballot=True)


@pytest.fixture
def ballot(bloc_year_1, unit_h, unit_d, unit_m, proposable):
    """Round 1 of bloc 1's year-end conference: H wins the flag, D and M the merit."""
    flag, merit = proposable
    meeting = meeting_services.meeting_create(
        bloc_year=bloc_year_1,
        kind=Meeting.Kind.YEAR_END,
        title="Hội nghị tổng kết năm 2025",
        date=datetime.date(2026, 1, 20),
        host_unit=unit_h,
    )
    for unit in (unit_h, unit_d, unit_m):
        Attendance.objects.create(meeting=meeting, unit=unit, present=True)
    votes = {(unit_h, flag): 3, (unit_d, merit): 3, (unit_m, merit): 2}
    return ballot_save(
        meeting=meeting,
        round_number=1,
        issued=3,
        returned=3,
        valid=3,
        invalid=0,
        votes={(unit.pk, award.pk): count for (unit, award), count in votes.items()},
    )


def nominate(bloc_year, unit, award_type, reason=REASON):
    return nomination_create(bloc_year=bloc_year, unit=unit, award_type=award_type, reason=reason)


class TestDrafting:
    def test_the_ballot_result_becomes_draft_nominations(self, ballot, unit_h, unit_d, unit_m):
        created = nominations_from_ballot(ballot=ballot)
        assert {(n.unit, n.award_type.kind, n.status) for n in created} == {
            (unit_h, "flag", "draft"),
            (unit_d, "merit", "draft"),
            (unit_m, "merit", "draft"),
        }
        assert all(n.ballot == ballot for n in created)

    def test_a_manual_nomination_keeps_its_reason(self, bloc_year_1, proposable, unit_m):
        nomination = nominate(bloc_year_1, unit_m, proposable[1])
        assert nomination.reason == REASON
        assert nomination.ballot is None

    def test_a_manual_nomination_without_reason_is_refused(self, bloc_year_1, proposable, unit_m):
        with pytest.raises(DomainError):
            nominate(bloc_year_1, unit_m, proposable[1], reason=" ")
        assert not Nomination.objects.exists()

    def test_the_flag_quota_is_enforced(self, bloc_year_1, proposable, unit_h, unit_d):
        nominate(bloc_year_1, unit_h, proposable[0])
        with translation.override("en"), pytest.raises(DomainError, match="quota"):
            nominate(bloc_year_1, unit_d, proposable[0])
        assert Nomination.objects.count() == 1

    def test_a_unit_outside_the_bloc_year_is_refused(self, bloc_year_1, proposable, unit_o):
        with translation.override("en"), pytest.raises(DomainError, match="not a member"):
            nominate(bloc_year_1, unit_o, proposable[1])

    def test_a_unit_cannot_get_two_awards_in_one_year(self, bloc_year_1, proposable, unit_h):
        nominate(bloc_year_1, unit_h, proposable[0])
        with translation.override("en"), pytest.raises(DomainError, match="one award"):
            nominate(bloc_year_1, unit_h, proposable[1])
        assert Nomination.objects.count() == 1


class TestSubmissionAndDecision:
    def test_submitted_nominations_are_frozen(self, bloc_year_1, proposable, unit_h, unit_m):
        nominate(bloc_year_1, unit_h, proposable[0])
        assert nominations_submit(bloc_year=bloc_year_1) == 1
        assert Nomination.objects.get().status == Nomination.Status.SUBMITTED
        with translation.override("en"), pytest.raises(DomainError, match="submitted"):
            nominate(bloc_year_1, unit_m, proposable[1])

    def test_the_board_returns_with_a_reason_and_the_bloc_resubmits(
        self, bloc_year_1, proposable, unit_h
    ):
        nomination = nominate(bloc_year_1, unit_h, proposable[0])
        nominations_submit(bloc_year=bloc_year_1)
        nomination.refresh_from_db()
        with pytest.raises(DomainError):
            nomination_return(nomination=nomination, reason="", version=nomination.version)
        returned = nomination_return(
            nomination=nomination, reason="Thiếu hồ sơ", version=nomination.version
        )
        assert (returned.status, returned.board_reason) == ("returned", "Thiếu hồ sơ")
        nominations_submit(bloc_year=bloc_year_1)
        assert Nomination.objects.get().status == Nomination.Status.SUBMITTED

    def test_the_decision_records_outcomes_and_the_unit_page_shows_it(
        self, ballot, province_a, unit_h, unit_d, unit_m, bloc_year_1, board, client_for
    ):
        nominations_from_ballot(ballot=ballot)
        nominations_submit(bloc_year=bloc_year_1)
        by_unit = {n.unit: n for n in Nomination.objects.all()}
        decision = decision_record(
            province=province_a,
            number="123/QĐ-UBND",
            date=datetime.date(2026, 3, 1),
            signer="Nguyễn Văn A",
            outcomes={
                by_unit[unit_h]: "downgraded",
                by_unit[unit_d]: "approved",
                by_unit[unit_m]: "rejected",
            },
        )
        h = Nomination.objects.get(unit=unit_h)
        assert (h.status, h.decided_award_type.kind, h.decision) == (
            "downgraded",
            "merit",
            decision,
        )
        assert Nomination.objects.get(unit=unit_m).status == "rejected"
        page = client_for(board).get(unit_d.get_absolute_url())
        assert "123/QĐ-UBND" in page.content.decode()
        other = client_for(board).get(unit_m.get_absolute_url())
        assert "123/QĐ-UBND" not in other.content.decode()


class TestPages:
    def list_url(self, bloc_year):
        return reverse("awards:nomination_list", args=[bloc_year.bloc_id, bloc_year.year])

    @pytest.mark.parametrize(
        ("persona", "status"),
        [
            ("board", 302),
            ("secretariat", 302),
            ("member_staff", 403),
            ("other_bloc_staff", 404),
            ("other_province_board", 404),
        ],
    )
    def test_who_may_nominate_by_hand(
        self, request, client_for, bloc_year_1, proposable, unit_m, persona, status
    ):
        user = request.getfixturevalue(persona)
        data = {"unit": unit_m.pk, "award_type": proposable[1].pk, "reason": REASON}
        response = client_for(user).post(self.list_url(bloc_year_1), data)
        assert response.status_code == status
        assert Nomination.objects.exists() == (status == 302)

    def test_members_read_the_list(self, client_for, member_staff, bloc_year_1, proposable):
        assert client_for(member_staff).get(self.list_url(bloc_year_1)).status_code == 200

    def test_a_refused_nomination_re_renders_with_what_was_typed(
        self, client_for, secretariat, bloc_year_1, proposable, unit_o
    ):
        data = {"unit": unit_o.pk, "award_type": proposable[1].pk, "reason": "Lý do riêng"}
        response = client_for(secretariat).post(self.list_url(bloc_year_1), data)
        assert response.status_code == 200
        assert "Lý do riêng" in response.content.decode()
        assert response.context["form"].errors
        assert not Nomination.objects.exists()

    def test_the_secretariat_drafts_from_the_ballot(
        self, client_for, secretariat, ballot, bloc_year_1
    ):
        client = client_for(secretariat)
        args = [bloc_year_1.bloc_id, bloc_year_1.year]
        url = reverse("awards:nominations_from_ballot", args=[*args, ballot.pk])
        assert client.get(url).status_code == 405
        assert client.post(url).status_code == 302
        assert Nomination.objects.count() == 3
        # Submitting goes with the dossier (tests/awards/test_submissions.py): the page offers it
        # in the dossier box, not as a button of its own.
        page = client.get(reverse("awards:nomination_list", args=args)).content.decode()
        assert 'id="dossier"' in page
        assert "/nominations/submit/" not in page

    def test_only_the_board_returns(
        self, client_for, board, secretariat, other_province_board, bloc_year_1, proposable, unit_h
    ):
        nomination = nominate(bloc_year_1, unit_h, proposable[0])
        nominations_submit(bloc_year=bloc_year_1)
        nomination.refresh_from_db()
        url = reverse("awards:nomination_return", args=[nomination.pk])
        data = {"reason": "Thiếu hồ sơ", "version": nomination.version}
        assert client_for(board).get(url).status_code == 405
        assert client_for(secretariat).post(url, data).status_code == 403
        assert client_for(other_province_board).post(url, data).status_code == 404
        assert client_for(board).post(url, data).status_code == 302
        assert Nomination.objects.get().status == "returned"

    def test_the_board_decides_on_its_province_page(
        self, client_for, board, secretariat, bloc_year_1, proposable, unit_h
    ):
        nomination = nominate(bloc_year_1, unit_h, proposable[0])
        nominations_submit(bloc_year=bloc_year_1)
        url = reverse("awards:province_nominations", args=[bloc_year_1.year])
        assert client_for(secretariat).get(url).status_code == 404
        page = client_for(board).get(url, {"status": "submitted"})
        assert page.status_code == 200
        assert page.context["nominations"] == [nomination]
        data = {
            "number": "9/QĐ-UBND",
            "date": "2026-03-01",
            "signer": "Nguyễn Văn A",
            f"outcome_{nomination.pk}": "approved",
        }
        assert client_for(board).post(url, data).status_code == 302
        nomination.refresh_from_db()
        assert (nomination.status, nomination.decision.number) == ("approved", "9/QĐ-UBND")


class TestExport:
    def test_the_board_exports_the_filtered_nominations_to_excel(
        self, client_for, board, bloc_year_1, proposable, unit_h, unit_m
    ):
        nominate(bloc_year_1, unit_h, proposable[0], reason='=HYPERLINK("x")')
        nominate(bloc_year_1, unit_m, proposable[1])
        url = reverse("awards:province_nominations_export", args=[bloc_year_1.year])

        response = client_for(board).get(url, {"award_type": proposable[0].pk})

        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")
        sheet = load_workbook(BytesIO(response.content)).active
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
        assert len(rows) == 2  # the header and the one nomination the filter keeps
        assert rows[1][1] == unit_h.full_name
        # A formula is written as the text it is, never computed.
        assert (sheet["D2"].value, sheet["D2"].data_type) == ('=HYPERLINK("x")', "s")

    @pytest.mark.parametrize("persona", ["secretariat", "member_staff", "national"])
    def test_only_a_board_exports(self, request, client_for, bloc_year_1, persona):
        url = reverse("awards:province_nominations_export", args=[bloc_year_1.year])

        assert client_for(request.getfixturevalue(persona)).get(url).status_code == 404
