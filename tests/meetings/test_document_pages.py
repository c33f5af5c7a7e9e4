"""The document pages of a bloc-year: preview, issue, correct, list, download; who may do which."""

from __future__ import annotations

import datetime
import hashlib
import importlib
from types import SimpleNamespace

import pytest
from django.contrib.messages import constants, get_messages
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards.models import Ballot
from blocs.models import BlocYear, Handover, Pledge
from core.errors import DomainError
from meetings.documents.registry import kind_named
from meetings.models import Document, DocumentSequence, Meeting
from meetings.services import meetings as services
from meetings.services.attachments import attachment_add
from meetings.services.documents import document_issue
from meetings.views.documents import download_name
from tests.factories import (
    BlocYearFactory,
    BoardUserFactory,
    LeadershipDecisionFactory,
    MembershipFactory,
    ProvinceFactory,
    UnitFactory,
    UnitUserFactory,
)
from tests.meetings.tiny_builders import TinyHandover, TinyMinutes, TinyPledge
from tests.pdfs import pdf_text
from tests.personas import matrix
from units.models import User

pytestmark = pytest.mark.django_db


def url(name: str, bloc_year: BlocYear, *args) -> str:
    return reverse(f"meetings:document_{name}", args=[bloc_year.bloc_id, bloc_year.year, *args])


def levels(response) -> list[int]:
    return [message.level for message in get_messages(response.wsgi_request)]


@pytest.fixture
def issued(tiny_builders, meeting, board) -> Document:
    """The minutes of bloc 1's year-end meeting, issued by the board as 01/BB-KTĐ1."""
    return document_issue(builder=TinyMinutes(meeting), user=board)


# Each page as a GET: its address from the issued minutes.
PAGES = {
    "list": lambda d: url("list", d.bloc_year),
    "preview": lambda d: url("preview", d.bloc_year, "minutes", d.source_id),
    "download": lambda d: url("download", d.bloc_year, d.pk),
    "draft word": lambda d: url("preview_word", d.bloc_year, "minutes", d.source_id),
    "word": lambda d: url("word", d.bloc_year, d.pk),
    "confirm correction": lambda d: url("correct", d.bloc_year, d.pk),
}

#                           board  secr  depu  memb  oblc  oprv  opbd  natl
READS = {
    "list":                 (200,  200,  200,  200,  404,  404,  404,  200),
    "preview":              (200,  200,  200,  200,  404,  404,  404,  200),
    "download":             (200,  200,  200,  200,  404,  404,  404,  200),
    "draft word":           (200,  200,  200,  200,  404,  404,  404,  200),
    "word":                 (200,  200,  200,  200,  404,  404,  404,  200),
    "confirm correction":   (200,  200,  200,  403,  404,  404,  404,  403),
}  # fmt: skip


@pytest.mark.parametrize(("page_name", "persona", "status"), matrix(READS))
def test_who_may_open_which_document_page(request, issued, client_for, page_name, persona, status):
    client = client_for(request.getfixturevalue(persona))

    assert client.get(PAGES[page_name](issued)).status_code == status


# Each write: where it posts, and how many documents there are after it was done.
WRITES = {
    "issue": lambda m, d: url("issue", m.bloc_year, "minutes", m.pk),
    "correct": lambda m, d: url("correct", m.bloc_year, d.pk),
}

#                 board  secr  depu  memb  oblc  oprv  opbd  natl
WRITE_STATUS = (302,  302,  302,  403,  404,  404,  404,  403)  # fmt: skip


@pytest.mark.parametrize(
    ("action", "persona", "status"), matrix(dict.fromkeys(WRITES, WRITE_STATUS))
)
def test_who_may_issue_and_correct(
    request, fake_pdfs, meeting, board, client_for, action, persona, status
):
    current = None
    if action == "correct":
        current = document_issue(builder=TinyMinutes(meeting), user=board)
    before = Document.objects.count()
    client = client_for(request.getfixturevalue(persona))

    response = client.post(WRITES[action](meeting, current))

    assert response.status_code == status
    assert Document.objects.count() == before + (status == 302)


class TestTheConfirmationStep:
    """Issuing is a deliberate act: the button leads to a page that shows the number the
    document will take and says it is permanent; only its form issues."""

    def test_it_shows_the_number_and_issues_nothing(self, fake_pdfs, meeting, board, client_for):
        response = client_for(board).get(url("issue", meeting.bloc_year, "minutes", meeting.pk))

        assert response.status_code == 200
        page = response.content.decode()
        assert 'data-testid="expected-number">01/BB-KTĐ1<' in page
        assert 'data-testid="issue-form"' in page
        assert not Document.objects.exists()

    def test_the_number_follows_the_documents_already_issued(
        self, issued, bloc_year_1, unit_h, unit_d, board, client_for
    ):
        handover = Handover.objects.create(
            bloc_year=bloc_year_1,
            from_unit=unit_h,
            from_representative="Nguyễn Văn A",
            to_unit=unit_d,
            to_representative="Trần Văn B",
            handed_over_on=issued.date,
        )

        response = client_for(board).get(url("issue", bloc_year_1, "handover", handover.pk))

        assert response.context["number"] == "02/BB-KTĐ1"

    def test_the_buttons_lead_to_it(self, fake_pdfs, meeting, board, client_for):
        confirm = url("issue", meeting.bloc_year, "minutes", meeting.pk)

        listing = client_for(board).get(url("list", meeting.bloc_year)).content.decode()
        box = client_for(board).get(meeting.get_absolute_url()).content.decode()

        assert f'href="{confirm}"' in listing
        assert f'href="{confirm}?next=' in box
        assert f'action="{confirm}"' not in listing + box

    def test_once_issued_it_says_so_instead(self, issued, meeting, board, client_for):
        response = client_for(board).get(url("issue", meeting.bloc_year, "minutes", meeting.pk))

        assert response.status_code == 302
        assert levels(response) == [constants.INFO]

    def test_a_double_click_issues_once_and_answers_each_click(
        self, fake_pdfs, meeting, board, client_for
    ):
        client = client_for(board)
        issue = url("issue", meeting.bloc_year, "minutes", meeting.pk)

        first, second = client.post(issue), client.post(issue)

        assert (first.status_code, second.status_code) == (302, 302)
        assert Document.objects.count() == 1
        assert DocumentSequence.objects.get().last_number == 1

    def test_sqlite_makes_concurrent_writers_wait_for_each_other(self):
        # The served settings' (the suite's own turn it off for the live server's threads).
        database = importlib.import_module("config.settings.base").DATABASES["default"]
        if database["ENGINE"] != "django.db.backends.sqlite3":
            pytest.skip("PostgreSQL locks the record's row")
        assert database["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


@pytest.mark.parametrize("page_name", ["preview", "download", "list"])
def test_the_read_pages_refuse_a_post(issued, board, client_for, page_name):
    assert client_for(board).post(PAGES[page_name](issued)).status_code == 405


@pytest.fixture
def closed(bloc_year_1) -> BlocYear:
    BlocYear.objects.filter(pk=bloc_year_1.pk).update(state=BlocYear.State.CLOSED)
    bloc_year_1.refresh_from_db()
    return bloc_year_1


@pytest.mark.parametrize("persona", ["secretariat", "deputy_staff"])
def test_a_closed_year_is_read_only_for_the_secretariat(
    request, fake_pdfs, meeting, board, closed, client_for, persona
):
    current = document_issue(builder=TinyMinutes(meeting), user=board)
    client = client_for(request.getfixturevalue(persona))

    assert client.post(url("issue", closed, "minutes", meeting.pk)).status_code == 403
    assert client.get(url("correct", closed, current.pk)).status_code == 403
    assert client.post(url("correct", closed, current.pk)).status_code == 403
    assert client.get(url("download", closed, current.pk)).status_code == 200
    assert Document.objects.count() == 1


def test_the_board_still_corrects_in_a_closed_year(fake_pdfs, meeting, board, closed, client_for):
    current = document_issue(builder=TinyMinutes(meeting), user=board)

    response = client_for(board).post(url("correct", closed, current.pk))

    assert response.status_code == 302
    assert Document.objects.get(replaces=current).symbol == "02/BB-KTĐ1"


class TestPreview:
    def test_it_shows_the_draft_inline_with_its_watermark_and_no_number(
        self, tiny_builders, meeting, member_staff, client_for
    ):
        response = client_for(member_staff).get(
            url("preview", meeting.bloc_year, "minutes", meeting.pk)
        )

        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("inline")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "no-store" in response["Cache-Control"]
        text = pdf_text(response.content)
        assert "DỰ THẢO" in text
        assert "Số: ……/BB-KTĐ1" in text

    def test_it_changes_nothing(self, tiny_builders, meeting, board, client_for):
        client_for(board).get(url("preview", meeting.bloc_year, "minutes", meeting.pk))

        assert not Document.objects.exists()

    def test_a_draft_can_be_previewed_after_the_record_was_issued(
        self, issued, meeting, board, client_for
    ):
        response = client_for(board).get(url("preview", meeting.bloc_year, "minutes", meeting.pk))

        assert "DỰ THẢO" in pdf_text(response.content)

    def test_a_record_of_another_bloc_year_is_not_found(
        self, tiny_builders, bloc_year_1, bloc_year_2, board, client_for
    ):
        other = services.meeting_create(
            bloc_year=bloc_year_2,
            kind="other",
            title="Hội nghị khối 2",
            date=datetime.date(2025, 5, 5),
            venue_kind="online",
        )

        response = client_for(board).get(url("preview", bloc_year_1, "minutes", other.pk))

        assert response.status_code == 404

    @pytest.mark.parametrize("kind", ["nothing", "pledge"])
    def test_an_unknown_kind_or_a_missing_record_is_not_found(
        self, tiny_builders, meeting, board, client_for, kind
    ):
        response = client_for(board).get(url("preview", meeting.bloc_year, kind, meeting.pk))

        assert response.status_code == 404


class TestIssue:
    def test_it_numbers_and_stores_the_document_and_goes_to_the_list(
        self, fake_pdfs, meeting, secretariat, client_for
    ):
        response = client_for(secretariat).post(
            url("issue", meeting.bloc_year, "minutes", meeting.pk)
        )

        assert response.status_code == 302
        assert response.url == url("list", meeting.bloc_year)
        document = Document.objects.get()
        assert (document.symbol, document.issued_by, document.source) == (
            "01/BB-KTĐ1",
            secretariat,
            meeting,
        )
        assert levels(response) == [constants.SUCCESS]

    def test_it_goes_back_to_the_page_the_button_was_on(
        self, fake_pdfs, meeting, board, client_for
    ):
        response = client_for(board).post(
            url("issue", meeting.bloc_year, "minutes", meeting.pk),
            {"next": meeting.get_absolute_url()},
        )

        assert response.url == meeting.get_absolute_url()

    def test_it_never_goes_back_to_another_site(self, fake_pdfs, meeting, board, client_for):
        response = client_for(board).post(
            url("issue", meeting.bloc_year, "minutes", meeting.pk),
            {"next": "https://example.com/"},
        )

        assert response.url == url("list", meeting.bloc_year)

    def test_a_second_issue_is_refused_with_a_message(self, issued, meeting, board, client_for):
        response = client_for(board).post(url("issue", meeting.bloc_year, "minutes", meeting.pk))

        assert response.status_code == 302
        assert levels(response) == [constants.ERROR]
        assert Document.objects.count() == 1

    def test_a_record_without_a_date_is_refused_with_a_message(
        self, fake_pdfs, bloc_year_1, board, client_for
    ):
        pledge = Pledge.objects.create(bloc_year=bloc_year_1, title="Giao ước thi đua năm 2025")

        response = client_for(board).post(url("issue", bloc_year_1, "pledge", pledge.pk))

        assert levels(response) == [constants.ERROR]
        assert not Document.objects.exists()

    def test_the_pledge_and_the_handover_are_issued_from_their_year(
        self, fake_pdfs, bloc_year_1, unit_h, unit_d, board, client_for
    ):
        pledge = Pledge.objects.create(
            bloc_year=bloc_year_1, title="Giao ước 2025", signed_on=datetime.date(2025, 2, 20)
        )
        handover = Handover.objects.create(
            bloc_year=bloc_year_1,
            from_unit=unit_h,
            from_representative="Nguyễn Văn A",
            to_unit=unit_d,
            to_representative="Trần Văn B",
            handed_over_on=datetime.date(2026, 1, 20),
        )
        client = client_for(board)

        client.post(url("issue", bloc_year_1, "pledge", pledge.pk))
        client.post(url("issue", bloc_year_1, "handover", handover.pk))

        symbols = dict(Document.objects.values_list("kind", "symbol"))
        assert symbols == {"pledge": "01/GƯ-KTĐ1", "handover": "01/BB-KTĐ1"}


class TestCorrection:
    def test_the_confirm_page_asks_before_doing_anything(self, issued, board, client_for):
        response = client_for(board).get(url("correct", issued.bloc_year, issued.pk))

        assert response.status_code == 200
        page = response.content.decode()
        assert 'method="post"' in page
        assert issued.symbol in page
        assert Document.objects.count() == 1

    def test_confirming_issues_a_new_version_that_replaces_the_current_one(
        self, issued, meeting, secretariat, client_for
    ):
        Meeting.objects.filter(pk=meeting.pk).update(title="Hội nghị tổng kết (đính chính)")

        response = client_for(secretariat).post(url("correct", issued.bloc_year, issued.pk))

        assert response.status_code == 302
        correction = Document.objects.get(replaces=issued)
        assert correction.symbol == "02/BB-KTĐ1"
        assert correction.subject == "Hội nghị tổng kết (đính chính)"
        assert correction.issued_by == secretariat
        assert levels(response) == [constants.SUCCESS]

    def test_a_superseded_version_is_not_corrected_again(self, issued, meeting, board, client_for):
        document_issue(builder=TinyMinutes(meeting), user=board, replaces=issued)
        page = client_for(board).get(url("correct", issued.bloc_year, issued.pk))
        response = client_for(board).post(url("correct", issued.bloc_year, issued.pk))

        assert page.status_code == 302
        assert response.status_code == 302
        assert levels(response) == [constants.ERROR]
        assert Document.objects.count() == 2


class TestDownload:
    def test_a_member_downloads_the_stored_file_as_it_was_issued(
        self, issued, member_staff, client_for
    ):
        response = client_for(member_staff).get(url("download", issued.bloc_year, issued.pk))

        content = b"".join(response.streaming_content)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Disposition"] == 'attachment; filename="01-BB-KTD1-2026.pdf"'
        assert hashlib.sha256(content).hexdigest() == issued.sha256
        assert "Số: 01/BB-KTĐ1" in pdf_text(content)
        assert "DỰ THẢO" not in pdf_text(content)

    def test_another_blocs_staff_does_not_find_it(self, issued, other_bloc_staff, client_for):
        response = client_for(other_bloc_staff).get(url("download", issued.bloc_year, issued.pk))

        assert response.status_code == 404

    def test_a_document_is_not_found_under_another_bloc_year(
        self, issued, bloc_year_2, board, client_for
    ):
        assert client_for(board).get(url("download", bloc_year_2, issued.pk)).status_code == 404

    def test_a_missing_stored_file_gets_a_clear_page_and_is_logged(
        self, issued, member_staff, client_for, caplog
    ):
        issued.file.storage.delete(issued.file.name)

        response = client_for(member_staff).get(url("download", issued.bloc_year, issued.pk))

        assert response.status_code == 404
        assert "Không tìm thấy tệp lưu trữ của văn bản này" in response.content.decode()
        assert "is missing" in caplog.text

    def test_a_stored_file_altered_since_it_was_issued_is_not_served(
        self, issued, member_staff, client_for, caplog
    ):
        with issued.file.storage.open(issued.file.name, "wb") as stored:
            stored.write(b"%PDF-1.7 a forged copy")

        response = client_for(member_staff).get(url("download", issued.bloc_year, issued.pk))

        assert response.status_code == 409
        assert response["Content-Type"].startswith("text/html")
        assert "mã kiểm tra không khớp" in response.content.decode()
        assert "does not match its SHA-256" in caplog.text

    def test_a_superseded_version_stays_downloadable(self, issued, meeting, board, client_for):
        document_issue(builder=TinyMinutes(meeting), user=board, replaces=issued)

        response = client_for(board).get(url("download", issued.bloc_year, issued.pk))

        assert response.status_code == 200
        assert hashlib.sha256(b"".join(response.streaming_content)).hexdigest() == issued.sha256

    @pytest.mark.parametrize(
        ("symbol", "year", "name"),
        [
            ("01/BB-KTĐ3", 2021, "01-BB-KTD3-2021.pdf"),
            ("12/GƯ-KTĐ I", 2025, "12-GU-KTD-I-2025.pdf"),
            ("03/TTr-CụmTĐ", 2026, "03-TTr-CumTD-2026.pdf"),
        ],
    )
    def test_the_file_name_is_the_symbol_in_ascii(self, symbol, year, name):
        assert download_name(Document(symbol=symbol, number_year=year)) == name


class TestList:
    def test_it_lists_every_version_with_its_chain_and_hash(
        self, issued, meeting, board, client_for
    ):
        correction = document_issue(builder=TinyMinutes(meeting), user=board, replaces=issued)

        response = client_for(board).get(url("list", issued.bloc_year))

        assert response.status_code == 200
        assert response.context["documents"][0] == correction
        page = response.content.decode()
        assert f'title="{issued.sha256}"' in page
        assert f'title="{correction.sha256}"' in page
        assert url("download", issued.bloc_year, issued.pk) in page
        assert url("download", issued.bloc_year, correction.pk) in page
        rows = {row["record"]: row for row in response.context["records"]}
        assert rows[meeting]["current"] == correction

    def test_it_offers_each_record_of_the_year_to_preview_and_to_issue(
        self, fake_pdfs, meeting, bloc_year_1, secretariat, client_for
    ):
        pledge = Pledge.objects.create(
            bloc_year=bloc_year_1, title="Giao ước 2025", signed_on=datetime.date(2025, 2, 20)
        )

        response = client_for(secretariat).get(url("list", bloc_year_1))

        page = response.content.decode()
        assert response.context["can_issue"]
        for kind, record in (("minutes", meeting), ("pledge", pledge)):
            assert url("preview", bloc_year_1, kind, record.pk) in page
            assert url("issue", bloc_year_1, kind, record.pk) in page

    def test_a_member_sees_no_issue_button(self, issued, member_staff, client_for):
        response = client_for(member_staff).get(url("list", issued.bloc_year))

        page = response.content.decode()
        assert not response.context["can_issue"]
        assert url("issue", issued.bloc_year, "minutes", issued.source_id) not in page
        assert url("correct", issued.bloc_year, issued.pk) not in page
        assert url("preview", issued.bloc_year, "minutes", issued.source_id) in page

    def test_the_year_tabs_lead_to_it(self, meeting, member_staff, client_for):
        response = client_for(member_staff).get(meeting.get_absolute_url())

        assert url("list", meeting.bloc_year) in response.content.decode()


class TestDocumentBox:
    def test_the_meeting_page_offers_the_draft_and_shows_the_issued_minutes(
        self, issued, meeting, board, client_for
    ):
        page = client_for(board).get(meeting.get_absolute_url()).content.decode()

        assert url("preview", meeting.bloc_year, "minutes", meeting.pk) in page
        assert url("download", meeting.bloc_year, issued.pk) in page
        assert url("correct", meeting.bloc_year, issued.pk) in page

    def test_the_meeting_page_offers_the_secretariat_to_issue(
        self, meeting, secretariat, client_for
    ):
        page = client_for(secretariat).get(meeting.get_absolute_url()).content.decode()

        assert url("issue", meeting.bloc_year, "minutes", meeting.pk) in page

    def test_a_member_is_offered_the_draft_only(self, meeting, member_staff, client_for):
        page = client_for(member_staff).get(meeting.get_absolute_url()).content.decode()

        assert url("preview", meeting.bloc_year, "minutes", meeting.pk) in page
        assert url("issue", meeting.bloc_year, "minutes", meeting.pk) not in page

    def test_the_pledge_page_shows_its_document(self, fake_pdfs, bloc_year_1, board, client_for):
        pledge = Pledge.objects.create(
            bloc_year=bloc_year_1, title="Giao ước 2025", signed_on=datetime.date(2025, 2, 20)
        )
        document = document_issue(builder=TinyPledge(pledge), user=board)

        page = client_for(board).get(pledge.get_absolute_url()).content.decode()

        assert url("download", bloc_year_1, document.pk) in page
        assert "01/GƯ-KTĐ1" in page

    def test_the_handover_page_offers_to_issue_its_record(
        self, fake_pdfs, bloc_year_1, unit_h, unit_d, board, client_for
    ):
        handover = Handover.objects.create(
            bloc_year=bloc_year_1,
            from_unit=unit_h,
            from_representative="Nguyễn Văn A",
            to_unit=unit_d,
            to_representative="Trần Văn B",
            handed_over_on=datetime.date(2026, 1, 20),
        )

        page = client_for(board).get(handover.get_absolute_url()).content.decode()

        assert url("preview", bloc_year_1, "handover", handover.pk) in page
        assert url("issue", bloc_year_1, "handover", handover.pk) in page


@pytest.mark.skipif(kind_named("minutes") is None, reason="the minutes are not declared")
def test_the_real_minutes_draft_carries_the_watermark_and_a_blank_number(
    meeting, member_staff, client_for
):
    response = client_for(member_staff).get(
        url("preview", meeting.bloc_year, "minutes", meeting.pk)
    )

    text = pdf_text(response.content)
    assert response.status_code == 200
    assert "DỰ THẢO" in text
    assert "Số: ……/BB-KTĐ1" in text


# The session and the user (2), the year with its leaders and their names (3), the rights of a
# unit's staff (1), the documents with their versions and issuers (1), the records of each kind
# (5: meetings, pledge, handover, and the ballot rounds and submissions awards registers), the
# navigation bar's unit or province (1), the attached files with their uploaders (1) and the
# records they belong to (one a sort: 2 here), the records a file may be attached to (3:
# leadership decisions, award decisions, ballot rounds).
LIST_QUERIES = {"board": 18, "unit_staff": 19}


SCAN = b"%PDF-1.4\n% scan\n%%EOF\n"


def build_documents_year(meetings: int, corrections: int) -> SimpleNamespace:
    """Return a bloc-year with meetings whose minutes were issued and some corrected, a pledge
    and a handover, both issued."""
    province = ProvinceFactory()
    bloc_year = BlocYearFactory(bloc__province=province, year=2025)
    units = [UnitFactory(province=province) for _ in range(3)]
    decision = LeadershipDecisionFactory(province=province)
    for index, unit in enumerate(units):
        MembershipFactory(
            bloc_year=bloc_year,
            unit=unit,
            head=index == 0,
            **({"basis": "decision", "decision": decision} if index == 0 else {}),
        )
    board = BoardUserFactory(province=province)
    for number in range(meetings):
        meeting = services.meeting_create(
            bloc_year=bloc_year,
            kind=Meeting.Kind.OTHER,
            title=f"Hội nghị số {number}",
            date=datetime.date(2025, 1 + number % 12, 10),
            venue_kind="online",
        )
        document = document_issue(builder=TinyMinutes(meeting), user=board)
        if number < corrections:
            document_issue(builder=TinyMinutes(meeting), user=board, replaces=document)
        # Each meeting's paper tally sheet, and a scan of the leadership decision, attached.
        ballot = Ballot.objects.create(meeting=meeting, issued=3, returned=3, valid=3, invalid=0)
        for kind, record in (("tally_sheet", ballot), ("leadership_decision", decision)):
            attachment_add(
                bloc_year=bloc_year,
                kind=kind,
                title=f"Tệp {number}",
                data=SCAN,
                user=board,
                record=record,
            )
    pledge = Pledge.objects.create(
        bloc_year=bloc_year, title="Giao ước", signed_on=datetime.date(2025, 2, 1)
    )
    document_issue(builder=TinyPledge(pledge), user=board)
    handover = Handover.objects.create(
        bloc_year=bloc_year,
        from_unit=units[0],
        from_representative="A",
        to_unit=units[1],
        to_representative="B",
        handed_over_on=datetime.date(2025, 12, 30),
    )
    document_issue(builder=TinyHandover(handover), user=board)
    return SimpleNamespace(
        bloc_year=bloc_year, board=board, unit_staff=UnitUserFactory(unit=units[0])
    )


@pytest.mark.parametrize("persona", list(LIST_QUERIES))
def test_the_list_makes_a_pinned_number_of_queries_that_does_not_grow(
    fake_pdfs, client_for, django_assert_max_num_queries, persona
):
    counts = []
    for meetings, corrections in ((1, 0), (8, 4)):
        world = build_documents_year(meetings, corrections)
        client = client_for(getattr(world, persona))
        page = url("list", world.bloc_year)
        assert client.get(page).status_code == 200
        with django_assert_max_num_queries(LIST_QUERIES[persona]) as queries:
            response = client.get(page)
        assert len(response.context["documents"]) == meetings + corrections + 2
        assert len(response.context["attachments"]) == 2 * meetings
        assert response.content.decode().count('data-testid="attachment-record"') == 2 * meetings
        counts.append(len(queries))

    assert counts[0] == counts[1]


def test_the_document_box_does_not_grow_with_the_versions(fake_pdfs, meeting, board, client_for):
    client = client_for(board)
    client.get(meeting.get_absolute_url())
    document_issue(builder=TinyMinutes(meeting), user=board)

    with CaptureQueriesContext(connection) as issued_queries:
        client.get(meeting.get_absolute_url())
    document_issue(
        builder=TinyMinutes(meeting), user=board, replaces=Document.objects.get(replaces=None)
    )
    with CaptureQueriesContext(connection) as corrected_queries:
        client.get(meeting.get_absolute_url())

    assert len(issued_queries) == len(corrected_queries)


class TestAdmin:
    @pytest.fixture
    def it_client(self, issued, client_for):
        return client_for(User.objects.create_superuser("it", password="x"))

    @pytest.mark.parametrize("model", [Document, DocumentSequence], ids=lambda m: m.__name__)
    def test_it_shows_documents_and_sequences_but_never_adds_changes_or_deletes(
        self, it_client, model
    ):
        name = f"admin:meetings_{model._meta.model_name}"
        obj = model.objects.get()

        change = it_client.get(reverse(f"{name}_change", args=[obj.pk]))
        posted = it_client.post(reverse(f"{name}_change", args=[obj.pk]), {"number": 99})

        assert it_client.get(reverse(f"{name}_changelist")).status_code == 200
        assert change.status_code == 200
        assert 'type="submit"' not in change.content.decode().split('id="content-main"')[1]
        assert posted.status_code == 403
        assert it_client.get(reverse(f"{name}_add")).status_code == 403
        assert it_client.get(reverse(f"{name}_delete", args=[obj.pk])).status_code == 403
        assert model.objects.get().pk == obj.pk

    def test_the_bulk_delete_action_is_not_offered(self, it_client, issued):
        page = it_client.get(reverse("admin:meetings_document_changelist")).content.decode()

        assert "delete_selected" not in page
        assert Document.objects.get().number == issued.number


def test_a_meeting_whose_minutes_were_issued_cannot_be_deleted(db):
    call_command("load_demo", verbosity=0)
    meeting = Meeting.objects.filter(kind=Meeting.Kind.MID_YEAR).get()

    with pytest.raises(DomainError):
        services.meeting_delete(meeting=meeting, version=meeting.version)
    assert Meeting.objects.filter(pk=meeting.pk).exists()
