"""Each step that waits on someone else tells them: a dossier sent tells the board, a return
and a decision tell the secretariat (and the units decided), a meeting scheduled tells the
members."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from awards.models import Nomination
from awards.services.nominations import decision_record, nomination_return
from meetings.models import Meeting
from meetings.services.meetings import meeting_create
from tests.awards import review_world as review
from tests.awards.submitting import dossier_complete
from tests.checks import told as subjects
from tests.factories import UnitUserFactory
from units.models import Notification

pytestmark = pytest.mark.django_db

meeting = review.meeting
ballot = review.ballot
committee = review.committee
nominated = review.nominated
submission = review.submission

D = datetime.date


class TestTheStepsThatWaitOnSomeoneElse:
    @pytest.fixture
    def sent(self, bloc_year_1, nominated, submission, secretariat, client_for):
        client = client_for(secretariat)
        dossier_complete(bloc_year=bloc_year_1, user=secretariat)
        args = [bloc_year_1.bloc_id, 2025, "submission", submission.pk]
        client.post(reverse("meetings:document_issue", args=args))
        client.post(
            reverse("awards:submission_submit", args=[bloc_year_1.bloc_id, 2025, submission.pk])
        )
        return list(Nomination.objects.order_by("pk"))

    def test_a_dossier_sent_tells_the_board(self, sent, board, secretariat):
        assert subjects(board) == [
            f"Khối thi đua số 1 đã gửi hồ sơ đề nghị khen thưởng năm 2025: {len(sent)} đề nghị"
        ]
        assert subjects(secretariat) == []

    def test_the_boards_start_page_lists_the_dossier_waiting(self, sent, board, client_for):
        page = client_for(board).get(reverse("dashboard"), {"year": 2025}).content.decode()

        assert 'data-testid="waiting-dossiers"' in page
        assert "1 hồ sơ đang chờ tỉnh xét, quyết định" in page

    def test_a_return_tells_the_secretariat_why(self, sent, secretariat, member_staff):
        returned = sent[0]

        nomination_return(
            nomination=returned, reason="Thiếu báo cáo thành tích", version=returned.version
        )

        (notification,) = Notification.objects.filter(user=secretariat)
        assert notification.subject.startswith("Tỉnh trả lại đề nghị")
        assert notification.body == "Lý do: Thiếu báo cáo thành tích"
        assert subjects(member_staff) == []

    def test_a_decision_tells_the_secretariat_and_the_units_concerned(
        self, sent, province_a, secretariat, board
    ):
        concerned = UnitUserFactory(unit=sent[-1].unit)

        decision_record(
            province=province_a,
            number="123/QĐ-UBND",
            date=D(2026, 3, 1),
            signer="Nguyễn Văn A",
            outcomes={nomination: "approved" for nomination in sent},
        )

        for user in (secretariat, concerned):
            (subject,) = subjects(user)
            assert "Quyết định số 123/QĐ-UBND" in subject
        assert "Khen thưởng" not in "".join(subjects(board))

    def test_a_meeting_scheduled_tells_the_members(self, bloc_year_1, member_staff, unit_h):
        meeting_create(
            bloc_year=bloc_year_1,
            kind=Meeting.Kind.MID_YEAR,
            title="Hội nghị sơ kết",
            date=datetime.date.today() + datetime.timedelta(days=7),
            host_unit=unit_h,
        )

        (subject,) = subjects(member_staff)
        assert subject.startswith("Khối thi đua số 1: Hội nghị sơ kết ngày")

    def test_a_past_meeting_recorded_tells_nobody(self, bloc_year_1, member_staff, unit_h):
        meeting_create(
            bloc_year=bloc_year_1,
            kind=Meeting.Kind.MID_YEAR,
            title="Hội nghị sơ kết",
            date=D(2025, 7, 10),
            host_unit=unit_h,
        )

        assert subjects(member_staff) == []
