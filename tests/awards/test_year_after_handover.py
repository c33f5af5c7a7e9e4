"""The handover does not end the outgoing team's work: after it, the year's secretariat still
issues the year's documents, sends the dossier and answers a return, until the province decides
the dossier (which closes the year) or the board closes the year."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from awards.models import Nomination
from awards.services.nominations import decision_record, nomination_return
from blocs.models import BlocYear
from blocs.services.handover import handover_record
from meetings.models import Document
from tests.awards import review_world as review
from tests.awards.submitting import SIGNED_REPORT, dossier_complete

pytestmark = pytest.mark.django_db

meeting = review.meeting
ballot = review.ballot
committee = review.committee
nominated = review.nominated
submission = review.submission


@pytest.fixture
def handed_over(bloc_year_1, unit_h, unit_d, secretariat) -> BlocYear:
    """The handover signed at the year-end conference, before the dossier goes out."""
    handover_record(
        bloc_year=bloc_year_1,
        user=secretariat,
        from_unit=unit_h,
        from_representative="Nguyễn Văn Giao",
        to_unit=unit_d,
        to_representative="Trần Văn Nhận",
        handed_over_on=datetime.date(2025, 12, 20),
    )
    bloc_year_1.refresh_from_db()
    return bloc_year_1


def issue(client, bloc_year, kind: str, record) -> int:
    args = [bloc_year.bloc_id, bloc_year.year, kind, record.pk]
    return client.post(reverse("meetings:document_issue", args=args)).status_code


def keep_report(client, bloc_year, nomination) -> int:
    """Keep the nominee's signed report through its page, as the secretariat does."""
    url = reverse("awards:report_file", args=[bloc_year.bloc_id, bloc_year.year, nomination.pk])
    signed = SimpleUploadedFile("bao-cao.pdf", SIGNED_REPORT)
    return client.post(url, {"kind": "own", "file": signed}).status_code


def decide(province, outcomes) -> None:
    decision_record(
        province=province,
        number="123/QĐ-UBND",
        date=datetime.date(2026, 3, 1),
        signer="Nguyễn Văn A",
        outcomes=outcomes,
    )


class TestAfterTheHandover:
    def test_the_secretariat_issues_the_year_s_documents_and_sends_the_dossier(
        self, handed_over, nominated, submission, meeting, secretariat, client_for
    ):
        client = client_for(secretariat)
        handover = handed_over.handover

        assert issue(client, handed_over, "handover", handover) == 302
        assert issue(client, handed_over, "minutes", meeting) == 302
        for nomination in Nomination.objects.all():
            assert keep_report(client, handed_over, nomination) == 302
        assert issue(client, handed_over, "submission", submission) == 302
        send = reverse("awards:submission_submit", args=[handed_over.bloc_id, 2025, submission.pk])
        assert client.post(send).status_code == 302
        assert set(Nomination.objects.values_list("status", flat=True)) == {"submitted"}
        assert Document.objects.filter(kind__in=["handover", "minutes", "submission"]).count() == 3

    def test_the_secretariat_answers_a_return(
        self, handed_over, nominated, submission, secretariat, client_for, board
    ):
        client = client_for(secretariat)
        dossier_complete(bloc_year=handed_over, user=secretariat)
        issue(client, handed_over, "submission", submission)
        client.post(
            reverse("awards:submission_submit", args=[handed_over.bloc_id, 2025, submission.pk])
        )
        returned = Nomination.objects.first()
        nomination_return(nomination=returned, reason="Thiếu hồ sơ", version=returned.version)

        page = client.get(reverse("awards:nomination_list", args=[handed_over.bloc_id, 2025]))

        assert page.status_code == 200
        assert handed_over.is_open
        assert (
            client_for(secretariat)
            .get(reverse("awards:submission", args=[handed_over.bloc_id, 2025]))
            .context["can_write"]
        )


class TestTheProvincesDecision:
    @pytest.fixture
    def sent(self, handed_over, nominated, submission, secretariat, client_for):
        client = client_for(secretariat)
        dossier_complete(bloc_year=handed_over, user=secretariat)
        issue(client, handed_over, "submission", submission)
        client.post(
            reverse("awards:submission_submit", args=[handed_over.bloc_id, 2025, submission.pk])
        )
        return list(Nomination.objects.order_by("pk"))

    def test_deciding_the_whole_dossier_closes_the_year(self, sent, province_a, handed_over):
        with translation.override("en"):
            decide(province_a, {nomination: "approved" for nomination in sent})

        handed_over.refresh_from_db()
        assert not handed_over.is_open
        change = handed_over.state_changes.get()
        with translation.override("en"):
            assert change.reason == (
                "The province decided the dossier: decision No. 123/QĐ-UBND of 01/03/2026."
            )

    def test_a_nomination_still_waiting_keeps_the_year_open(self, sent, province_a, handed_over):
        decide(province_a, {sent[0]: "approved"})

        handed_over.refresh_from_db()
        assert handed_over.is_open
        assert not handed_over.state_changes.exists()
