"""The bloc's submission (tờ trình) and the dossier it sends: preparing, issuing, sending,
sending again after a return; its pages and who may do what."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import gettext

from awards.documents.submission import SubmissionBuilder
from awards.documents.vote_count import VoteCountBuilder
from awards.models import Nomination, Submission
from awards.selectors.submissions import submission_defaults
from awards.services.counters import counter_add
from awards.services.nominations import nomination_return
from awards.services.scores import criterion_create
from awards.services.submissions import submission_create, submission_submit, submission_update
from blocs.models import BlocYear
from core.errors import DomainError
from meetings.documents.minutes import MinutesBuilder
from meetings.models import Document
from meetings.services.documents import document_issue
from tests.awards import review_world as review
from tests.awards.review_world import record
from tests.awards.submitting import dossier_complete
from tests.personas import by_persona

pytestmark = pytest.mark.django_db

# The shared fixtures of the year-end review.
meeting = review.meeting
ballot = review.ballot
committee = review.committee
nominated = review.nominated
submission = review.submission

READ = (200, 200, 200, 200, 404, 404, 404, 200)
WRITE = (302, 302, 302, 403, 404, 404, 404, 403)
NOT_ISSUED = "Issue the submission's tờ trình before sending it: the dossier needs it."


def page_url(bloc_year) -> str:
    return reverse("awards:submission", args=[bloc_year.bloc_id, bloc_year.year])


def submit_url(submission) -> str:
    bloc_year = submission.bloc_year
    return reverse(
        "awards:submission_submit", args=[bloc_year.bloc_id, bloc_year.year, submission.pk]
    )


def statuses() -> set[str]:
    return set(Nomination.objects.values_list("status", flat=True))


@pytest.fixture
def issued(nominated, submission, board) -> Document:
    """The submission's tờ trình, issued, with the rest of its dossier: the minutes and the
    vote-count record issued, a signed report for each nominee."""
    dossier_complete(bloc_year=submission.bloc_year, user=board)
    return document_issue(builder=SubmissionBuilder(submission), user=board)


class TestSending:
    def test_it_submits_the_drafts_with_the_submission(self, issued, submission, secretariat):
        versions = dict(Nomination.objects.values_list("pk", "version"))

        sent = submission_submit(submission=submission, user=secretariat)

        assert len(sent) == 3
        for nomination in Nomination.objects.all():
            assert nomination.status == Nomination.Status.SUBMITTED
            assert nomination.submission == submission
            assert nomination.version == versions[nomination.pk] + 1
        submission.refresh_from_db()
        assert submission.is_submitted
        assert submission.submitted_by == secretariat
        assert submission.version == 2

    def test_without_the_tờ_trình_it_is_refused_and_nothing_changes(
        self, nominated, submission, secretariat
    ):
        with pytest.raises(DomainError) as refused:
            submission_submit(submission=submission, user=secretariat)

        assert refused.value.message == gettext(NOT_ISSUED)
        assert statuses() == {"draft"}
        assert not Nomination.objects.filter(submission__isnull=False).exists()
        submission.refresh_from_db()
        assert not submission.is_submitted

    def test_without_a_nomination_it_is_refused(self, submission, board):
        document_issue(builder=SubmissionBuilder(submission), user=board)

        with pytest.raises(DomainError):
            submission_submit(submission=submission, user=board)

        submission.refresh_from_db()
        assert not submission.is_submitted

    def test_it_is_sent_once(self, issued, submission, board):
        submission_submit(submission=submission, user=board)

        with pytest.raises(DomainError):
            submission_submit(submission=submission, user=board)

    def test_a_corrected_tờ_trình_counts(self, issued, submission, board):
        document_issue(builder=SubmissionBuilder(submission), user=board, replaces=issued)

        submission_submit(submission=submission, user=board)

        assert statuses() == {"submitted"}

    def test_after_a_return_a_new_submission_sends_the_returned_nomination(
        self, issued, submission, board, unit_m
    ):
        submission_submit(submission=submission, user=board)
        returned = Nomination.objects.get(unit=unit_m)
        nomination_return(nomination=returned, reason="Thiếu hồ sơ", version=returned.version)

        again = submission_create(
            bloc_year=submission.bloc_year,
            date=datetime.date(2026, 2, 1),
            signer_name="Thiếu tướng Lê Vinh Quy",
            signer_title="Giám đốc Công an tỉnh",
        )
        rows = SubmissionBuilder(again).context()["rows"]
        document = document_issue(builder=SubmissionBuilder(again), user=board)
        submission_submit(submission=again, user=board)

        assert [row["unit"] for row in rows] == ["Sở Tư pháp Đắk Lắk"]
        assert document.symbol == "02/TTr-KTĐ1"
        assert Nomination.objects.get(unit=unit_m).submission == again
        assert Nomination.objects.filter(submission=submission).count() == 2
        assert statuses() == {"submitted"}


class TestPreparing:
    def test_one_submission_is_prepared_at_a_time(self, submission):
        with pytest.raises(DomainError):
            submission_create(
                bloc_year=submission.bloc_year,
                date=datetime.date(2026, 1, 6),
                signer_name="A",
                signer_title="B",
            )
        assert Submission.objects.count() == 1

    def test_a_stale_change_is_refused(self, submission):
        submission_update(
            submission=submission,
            version=submission.version,
            date=submission.date,
            signer_name="Người ký mới",
            signer_title="Giám đốc",
        )

        with pytest.raises(DomainError):
            submission_update(
                submission=submission,
                version=submission.version,
                date=submission.date,
                signer_name="Người khác",
                signer_title="Giám đốc",
            )
        assert Submission.objects.get().signer_name == "Người ký mới"

    def test_a_sent_submission_is_not_changed(self, issued, submission, board):
        submission_submit(submission=submission, user=board)
        submission.refresh_from_db()

        with pytest.raises(DomainError):
            submission_update(
                submission=submission,
                version=submission.version,
                date=submission.date,
                signer_name="Người khác",
                signer_title="Giám đốc",
            )

    def test_the_head_unit_s_leader_is_proposed_as_signer(self, bloc_year_1, unit_h):
        unit_h.leader_name, unit_h.leader_title = "Thiếu tướng Lê Vinh Quy", "Giám đốc"
        unit_h.save()

        defaults = submission_defaults(bloc_year_1)

        assert (defaults["signer_name"], defaults["signer_title"]) == (
            "Thiếu tướng Lê Vinh Quy",
            "Giám đốc",
        )


def form_data(**changes) -> dict:
    data = {
        "date": "2026-01-05",
        "signer_name": "Thiếu tướng Lê Vinh Quy",
        "signer_title": "Giám đốc Công an tỉnh",
        "summary": "Năm 2025, các đơn vị hoàn thành xuất sắc nhiệm vụ.",
        "version": "",
    }
    return {**data, **changes}


class TestTheSubmissionPage:
    @pytest.mark.parametrize(("persona", "status"), by_persona(READ))
    def test_who_reads_it(self, request, client_for, bloc_year_1, submission, persona, status):
        response = client_for(request.getfixturevalue(persona)).get(page_url(bloc_year_1))

        assert response.status_code == status
        if status == 200:
            assert "Thiếu tướng Lê Vinh Quy" in response.content.decode()

    def test_readers_get_no_form_nor_send_button(self, client_for, member_staff, submission):
        response = client_for(member_staff).get(page_url(submission.bloc_year))

        assert response.context["form"] is None
        assert 'data-testid="submission-submit"' not in response.content.decode()
        assert 'data-testid="document-box"' in response.content.decode()

    def test_a_new_submission_is_proposed_with_the_head_unit_s_leader(
        self, client_for, secretariat, bloc_year_1, unit_h
    ):
        unit_h.leader_name, unit_h.leader_title = "Thiếu tướng Lê Vinh Quy", "Giám đốc"
        unit_h.save()

        response = client_for(secretariat).get(page_url(bloc_year_1))

        assert response.context["form"].initial["signer_name"] == "Thiếu tướng Lê Vinh Quy"
        assert 'value="Giám đốc"' in response.content.decode()

    @pytest.mark.parametrize(("persona", "status"), by_persona(WRITE))
    def test_who_prepares_it(self, request, client_for, bloc_year_1, persona, status):
        response = client_for(request.getfixturevalue(persona)).post(
            page_url(bloc_year_1), form_data()
        )

        assert response.status_code == status
        assert Submission.objects.exists() == (status == 302)

    def test_it_is_changed_while_being_prepared(self, client_for, secretariat, submission):
        data = form_data(signer_name="Đại tá Nguyễn Văn Hùng", version=submission.version)

        response = client_for(secretariat).post(page_url(submission.bloc_year), data)

        assert response.status_code == 302
        assert Submission.objects.get().signer_name == "Đại tá Nguyễn Văn Hùng"

    def test_a_stale_form_re_renders_with_what_was_typed(self, client_for, secretariat, submission):
        data = form_data(summary="Nội dung đã gõ", version=submission.version - 1 or 99)

        response = client_for(secretariat).post(page_url(submission.bloc_year), data)

        assert response.status_code == 200
        assert "Nội dung đã gõ" in response.content.decode()
        assert response.context["form"].non_field_errors()
        assert Submission.objects.get().summary != "Nội dung đã gõ"

    def test_an_incomplete_form_re_renders(self, client_for, secretariat, bloc_year_1):
        response = client_for(secretariat).post(
            page_url(bloc_year_1), form_data(signer_name="", summary="Giữ lại")
        )

        assert response.status_code == 200
        assert "Giữ lại" in response.content.decode()
        assert not Submission.objects.exists()

    def test_the_tờ_trình_is_previewed_and_issued_through_the_document_pages(
        self, client_for, member_staff, secretariat, nominated, submission
    ):
        bloc_year = submission.bloc_year
        args = [bloc_year.bloc_id, bloc_year.year, "submission", submission.pk]

        preview = client_for(member_staff).get(reverse("meetings:document_preview", args=args))
        refused = client_for(member_staff).post(reverse("meetings:document_issue", args=args))
        issued = client_for(secretariat).post(reverse("meetings:document_issue", args=args))

        assert preview.status_code == 200
        assert preview["Content-Type"] == "application/pdf"
        assert refused.status_code == 403
        assert issued.status_code == 302
        assert Document.objects.get(kind="submission").symbol == "01/TTr-KTĐ1"


class TestTheSendAction:
    @pytest.mark.parametrize(("persona", "status"), by_persona(WRITE))
    def test_who_sends_it(self, request, client_for, issued, submission, persona, status):
        response = client_for(request.getfixturevalue(persona)).post(submit_url(submission))

        assert response.status_code == status
        assert statuses() == ({"submitted"} if status == 302 else {"draft"})

    def test_sending_is_a_post(self, client_for, secretariat, issued, submission):
        assert client_for(secretariat).get(submit_url(submission)).status_code == 405
        assert statuses() == {"draft"}

    def test_it_leads_to_the_nominations_and_says_how_many_were_sent(
        self, client_for, secretariat, issued, submission
    ):
        response = client_for(secretariat).post(submit_url(submission))

        bloc_year = submission.bloc_year
        assert response["Location"] == reverse(
            "awards:nomination_list", args=[bloc_year.bloc_id, bloc_year.year]
        )
        assert [str(m) for m in get_messages(response.wsgi_request)] == [
            gettext("The dossier was sent to the province with %(count)d nominations.")
            % {"count": 3}
        ]

    def test_the_day_it_was_sent_is_the_user_s(self, client_for, secretariat, issued, submission):
        client_for(secretariat).post(submit_url(submission), {"sent_on": "2026-01-09"})

        submission.refresh_from_db()
        assert submission.sent_on == datetime.date(2026, 1, 9)
        page = client_for(secretariat).get(page_url(submission.bloc_year)).content.decode()
        assert "09/01/2026" in page

    def test_it_is_not_sent_before_its_tờ_trình(self, client_for, secretariat, issued, submission):
        response = client_for(secretariat).post(submit_url(submission), {"sent_on": "2026-01-04"})

        assert [str(m) for m in get_messages(response.wsgi_request)] == [
            gettext("The dossier cannot be sent before the date of its tờ trình (%(date)s).")
            % {"date": "05/01/2026"}
        ]
        assert statuses() == {"draft"}

    def test_a_return_keeps_the_day_the_board_gives(self, client_for, board, issued, submission):
        submission_submit(submission=submission, user=board, sent_on=datetime.date(2026, 1, 9))
        nomination = Nomination.objects.first()
        url = reverse("awards:nomination_return", args=[nomination.pk])
        data = {"reason": "Bổ sung hồ sơ", "version": nomination.version}

        too_early = client_for(board).post(url, {**data, "returned_on": "2026-01-08"})
        client_for(board).post(url, {**data, "returned_on": "2026-02-03"})

        assert [str(m) for m in get_messages(too_early.wsgi_request)] == [
            gettext("A nomination cannot be returned before the dossier was sent (%(date)s).")
            % {"date": "09/01/2026"}
        ]
        nomination.refresh_from_db()
        assert (nomination.status, nomination.returned_on) == (
            "returned",
            datetime.date(2026, 2, 3),
        )

    def test_a_refusal_is_said_and_changes_nothing(
        self, client_for, secretariat, nominated, submission
    ):
        response = client_for(secretariat).post(submit_url(submission))

        assert response.status_code == 302
        assert [str(m) for m in get_messages(response.wsgi_request)] == [gettext(NOT_ISSUED)]
        assert statuses() == {"draft"}

    def test_once_the_year_is_closed_only_the_board_sends(
        self, client_for, board, secretariat, issued, submission, closed
    ):
        assert client_for(secretariat).post(submit_url(submission)).status_code == 403
        assert client_for(board).post(submit_url(submission)).status_code == 302

    def test_a_submission_of_another_bloc_year_is_not_found(
        self, client_for, board, issued, submission, bloc_year_2
    ):
        url = reverse(
            "awards:submission_submit", args=[bloc_year_2.bloc_id, bloc_year_2.year, submission.pk]
        )

        assert client_for(board).post(url).status_code == 404
        assert statuses() == {"draft"}


class TestTheDossier:
    def nominations_page(self, client, bloc_year) -> str:
        url = reverse("awards:nomination_list", args=[bloc_year.bloc_id, bloc_year.year])
        response = client.get(url)
        assert response.status_code == 200
        return response.content.decode()

    def test_it_lists_the_records_with_their_numbers(
        self, client_for, member_staff, issued, meeting, ballot, board
    ):
        criterion_create(bloc_year=meeting.bloc_year, title="Công tác", max_points=100)
        minutes = Document.objects.get(kind="minutes")

        page = self.nominations_page(client_for(member_staff), meeting.bloc_year)

        bloc_year = meeting.bloc_year
        args = [bloc_year.bloc_id, bloc_year.year]
        vote_count = Document.objects.get(kind="vote_count")
        assert 'id="dossier"' in page
        assert issued.symbol in page
        assert reverse("meetings:document_download", args=[*args, issued.pk]) in page
        assert vote_count.symbol in page
        assert reverse("meetings:document_download", args=[*args, vote_count.pk]) in page
        assert reverse("meetings:document_download", args=[*args, minutes.pk]) in page
        assert reverse("awards:score_export", args=args) in page
        assert 'data-testid="dossier-submit"' not in page

    def test_the_secretariat_sends_it_once_the_tờ_trình_is_issued(
        self, client_for, secretariat, nominated, submission, board
    ):
        client = client_for(secretariat)
        dossier_complete(bloc_year=submission.bloc_year, user=board)
        before = self.nominations_page(client, submission.bloc_year)
        document_issue(builder=SubmissionBuilder(submission), user=board)
        after = self.nominations_page(client, submission.bloc_year)

        assert 'data-testid="dossier-submit"' not in before
        assert 'data-testid="dossier-submit"' in after
        assert submit_url(submission) in after

    def test_each_missing_part_is_listed_with_its_page_and_refused(
        self, client_for, secretariat, nominated, submission, meeting, ballot, board
    ):
        document_issue(builder=SubmissionBuilder(submission), user=board)
        bloc_year = submission.bloc_year
        nomination = Nomination.objects.first()

        page = " ".join(self.nominations_page(client_for(secretariat), bloc_year).split())

        assert 'data-testid="dossier-gaps"' in page
        assert 'data-testid="dossier-submit"' not in page
        assert f"Biên bản: {meeting}: chưa ban hành" in page
        assert (
            "Biên bản kiểm phiếu vòng 1: chưa ban hành" not in page
        )  # issued with the nominations
        assert "Chưa có báo cáo thành tích đã ký của" in page
        report = reverse(
            "awards:report_edit", args=[bloc_year.bloc_id, bloc_year.year, nomination.pk]
        )
        assert f'href="{report}"' in page
        with pytest.raises(DomainError) as refusal:
            submission_submit(submission=submission, user=board)
        assert "Hồ sơ chưa đủ" in refusal.value.message
        assert statuses() == {"draft"}

    def test_with_every_document_issued_a_missing_signed_report_still_refuses(
        self, nominated, submission, meeting, ballot, board
    ):
        document_issue(builder=MinutesBuilder(meeting), user=board)
        document_issue(builder=SubmissionBuilder(submission), user=board)

        with pytest.raises(DomainError) as refusal:
            submission_submit(submission=submission, user=board)

        assert "báo cáo thành tích đã ký" in refusal.value.message
        assert "chưa ban hành" not in refusal.value.message

    def test_the_board_s_province_page_links_each_bloc_s_dossier(
        self, client_for, board, issued, submission
    ):
        submission_submit(submission=submission, user=board)
        bloc_year = submission.bloc_year
        page = client_for(board).get(reverse("awards:province_nominations", args=[bloc_year.year]))

        dossier = reverse("awards:nomination_list", args=[bloc_year.bloc_id, bloc_year.year])
        assert f"{dossier}#dossier" in page.content.decode()

    def test_it_costs_the_same_queries_however_many_records(
        self, secretariat, meeting, ballot, committee, nominated, submission, proposable, board
    ):
        request = RequestFactory().get("/")
        request.user = secretariat
        template = Template("{% load dossier %}{% dossier bloc_year %}")

        def render() -> tuple[int, str]:
            # As the nominations page loads it: with its bloc and province.
            bloc_year = BlocYear.objects.select_related("bloc__province").get(
                pk=submission.bloc_year_id
            )
            with CaptureQueriesContext(connection) as queries:
                html = template.render(Context({"request": request, "bloc_year": bloc_year}))
            return len(queries), html

        few, _html = render()
        flag = proposable[0]
        for number in (2, 3, 4):
            another = record(meeting, {(meeting.host_unit, flag): 3}, round_number=number)
            counter_add(ballot=another, role="head", name="Phạm Văn Bình")
            document_issue(builder=VoteCountBuilder(another), user=board)
        document_issue(builder=MinutesBuilder(meeting), user=board)
        document_issue(builder=SubmissionBuilder(submission), user=board)
        many, html = render()

        # The submissions, the meetings and their rounds, the documents, whether there are
        # criteria, the nominations to send, whether the user is the secretariat, and the
        # nominations without a signed report with their units' names (2).
        assert few == many <= 9
        assert html.count('data-testid="dossier-vote_count-') == 4


def test_the_submission_page_makes_a_pinned_number_of_queries_that_does_not_grow(
    client_for,
    secretariat,
    issued,
    submission,
    board,
    unit_h,
    unit_m,
    django_assert_max_num_queries,
):
    """The session and the user (2), the year with its leaders and their names (3), whether the
    user's unit is a member (1), the submission being prepared (1), the nominations it carries
    with their units' names (2), the submissions sent (1) and their tờ trình (1), the document
    box (1), the navigation (1)."""
    client = client_for(secretariat)
    bloc_year = submission.bloc_year

    def send_and_return(submission, unit) -> Submission:
        """Send the submission, have the board return the unit's nomination, prepare again."""
        document_issue(builder=SubmissionBuilder(submission), user=board)
        submission_submit(submission=submission, user=board)
        nomination = Nomination.objects.get(unit=unit)
        nomination_return(nomination=nomination, reason="Thiếu hồ sơ", version=nomination.version)
        return submission_create(
            bloc_year=bloc_year, date=datetime.date(2026, 2, 1), signer_name="A", signer_title="B"
        )

    submission.refresh_from_db()
    submission_submit(submission=submission, user=board)
    nomination = Nomination.objects.get(unit=unit_m)
    nomination_return(nomination=nomination, reason="Thiếu hồ sơ", version=nomination.version)
    again = submission_create(
        bloc_year=bloc_year, date=datetime.date(2026, 2, 1), signer_name="A", signer_title="B"
    )
    client.get(page_url(bloc_year))
    with django_assert_max_num_queries(13) as few:
        assert client.get(page_url(bloc_year)).status_code == 200

    third = send_and_return(again, unit_m)
    nomination = Nomination.objects.get(unit=unit_h)
    nomination_return(nomination=nomination, reason="Thiếu hồ sơ", version=nomination.version)
    with CaptureQueriesContext(connection) as many:
        response = client.get(page_url(bloc_year))

    assert response.context["pending"] == third
    assert len(response.context["sent"]) == 3 - 1
    assert len(response.context["nominations"]) == 2
    assert len(many) == len(few.captured_queries)
