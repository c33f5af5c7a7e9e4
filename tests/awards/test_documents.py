"""The year-end review's documents as the province's clerk reads them: the vote-count record,
the submission (tờ trình) and the year-end minutes, read back from their PDFs."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pdfplumber
import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from awards.documents.kinds import SUBMISSION, VOTE_COUNT
from awards.documents.minutes import YEAR_END_TEMPLATE, YearEndMinutesBuilder
from awards.documents.parts import vote_round
from awards.documents.submission import SubmissionBuilder
from awards.documents.vote_count import VoteCountBuilder
from awards.models import Nomination
from awards.selectors.ballots import ballot_result
from awards.services.counters import counter_add
from awards.services.scores import criterion_create, scores_save
from awards.services.submissions import submission_submit
from core.errors import DomainError
from meetings.documents.kinds import MINUTES
from meetings.documents.minutes import MinutesBuilder
from meetings.models import Document, DocumentSequence, Meeting
from meetings.services import meetings as meeting_services
from meetings.services.documents import document_issue
from tests.awards import review_world as review
from tests.awards.review_world import (
    DECREE_2017,
    DECREE_2023,
    DECREE_2025,
    LAW_2003,
    LAW_2022,
    NO_HEAD,
    NOT_CITED,
    OTHER_PROVINCE,
    QUY_CHE,
    record,
    stored,
    year_end_meeting,
)
from tests.awards.submitting import dossier_complete
from tests.factories import BlocYearFactory, MembershipFactory, UnitNameFactory
from tests.pdfs import assert_document_serif, flat, page_texts, pdf_text
from tests.words import assert_national_layout, assert_printed_alike, assert_same_words

pytestmark = pytest.mark.django_db

# The shared fixtures of the year-end review.
bases = review.bases
meeting = review.meeting
ballot = review.ballot
committee = review.committee
nominated = review.nominated
submission = review.submission


class TestTheVoteCountRecord:
    @pytest.fixture
    def document(self, bases, committee, ballot, board) -> Document:
        return document_issue(builder=VOTE_COUNT.builder_for(ballot), user=board)

    @pytest.fixture
    def text(self, document) -> str:
        return pdf_text(stored(document))

    def test_it_is_a_minutes_number_of_the_bloc_dated_the_meeting(self, document, ballot):
        assert isinstance(VOTE_COUNT.builder_for(ballot), VoteCountBuilder)
        assert (document.symbol, document.doc_type, document.number_year) == (
            "01/BB-KTĐ1",
            "BB",
            2025,
        )
        assert document.date == datetime.date(2025, 12, 20)
        assert document.subject == "Bình xét, suy tôn danh hiệu thi đua năm 2025"
        assert document.bloc_year == ballot.meeting.bloc_year

    def test_the_header_follows_the_national_format(self, text):
        for line in (
            "UBND TỈNH ĐẮK LẮK",
            "KHỐI THI ĐUA SỐ 1",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Số: 01/BB-KTĐ1",
            "Đắk Lắk, ngày 20 tháng 12 năm 2025",
            "BIÊN BẢN KIỂM PHIẾU",
            "Bình xét, suy tôn danh hiệu thi đua năm 2025",
        ):
            assert line in text

    def test_it_cites_the_bases_in_force_on_the_meeting_s_day(self, text):
        for citation in (LAW_2022, DECREE_2025, QUY_CHE):
            assert f"Căn cứ {citation};" in text
        for citation in (LAW_2003, DECREE_2017, DECREE_2023, OTHER_PROVINCE, NOT_CITED):
            assert citation not in text
        # Laws before decrees before the province's own texts.
        assert text.index(LAW_2022) < text.index(DECREE_2025) < text.index(QUY_CHE)

    def test_it_says_when_and_where_and_who_counted(self, text):
        assert (
            "Vào lúc 8 giờ 00 phút, ngày 20 tháng 12 năm 2025, tại trụ sở Công an tỉnh Đắk Lắk, "
            "Khối thi đua số 1 tổ chức Hội nghị tổng kết" in text
        )
        assert (
            "- Phạm Văn Bình, Phó Viện trưởng Viện kiểm sát nhân dân tỉnh Đắk Lắk - Trưởng ban;"
            in text
        )
        assert "- Trần Thị Lan, Chuyên viên Sở Tư pháp Đắk Lắk - Thành viên;" in text
        assert "- Hoàng Văn Cường - Thành viên." in text

    def test_it_gives_the_counts_and_each_award_s_votes_and_percentages(self, text):
        for line in (
            "Số phiếu phát ra: 3 phiếu;",
            "Số phiếu thu vào: 3 phiếu;",
            "Số phiếu hợp lệ: 3 phiếu;",
            "Số phiếu không hợp lệ: 0 phiếu.",
            "3.1. Cờ thi đua của UBND tỉnh (chỉ tiêu: 01 đơn vị)",
            "3.2. Bằng khen của Chủ tịch UBND tỉnh (chỉ tiêu: 03 đơn vị)",
            "1 Công an tỉnh Đắk Lắk 3 100 Đạt Trong chỉ tiêu",
            "2 Viện kiểm sát nhân dân tỉnh Đắk Lắk 1 33,33 Không đạt Không",
            "1 Viện kiểm sát nhân dân tỉnh Đắk Lắk 3 100 Đạt Trong chỉ tiêu",
            "2 Sở Tư pháp Đắk Lắk 2 66,67 Đạt Trong chỉ tiêu",
        ):
            assert line in text

    def test_it_states_the_units_proposed(self, text):
        assert "Cờ thi đua của UBND tỉnh: Công an tỉnh Đắk Lắk (3/3 phiếu, đạt 100%)." in text
        assert (
            "Bằng khen của Chủ tịch UBND tỉnh: Viện kiểm sát nhân dân tỉnh Đắk Lắk (3/3 phiếu, "
            "đạt 100%); Sở Tư pháp Đắk Lắk (2/3 phiếu, đạt 66,67%)." in text
        )

    def test_the_head_signs_right_and_the_members_left_and_below(self, document):
        pdf = stored(document)
        last = flat(page_texts(pdf)[-1])
        signatures = last[last.index("THÀNH VIÊN") : last.index("Nơi nhận")]

        assert signatures == (
            "THÀNH VIÊN TRƯỞNG BAN KIỂM PHIẾU Trần Thị Lan Phạm Văn Bình THÀNH VIÊN "
            "Hoàng Văn Cường "
        )
        with pdfplumber.open(io.BytesIO(pdf)) as reader:
            page = reader.pages[-1]
            words = page.extract_words()
            middle = page.width / 2
        sides = {w["text"]: w["x0"] < middle for w in words if w["text"] in ("TRƯỞNG", "Cường")}
        assert sides == {"TRƯỞNG": False, "Cường": True}

    def test_it_is_printed_in_the_document_serif(self, document):
        assert_document_serif(stored(document))

    def test_issuing_without_a_head_is_refused_and_takes_no_number(self, ballot, board):
        ballot.counters.create(position=1, role="member", name="Trần Thị Lan")

        with pytest.raises(DomainError) as refused:
            document_issue(builder=VOTE_COUNT.builder_for(ballot), user=board)

        assert refused.value.message == gettext(NO_HEAD)
        assert not Document.objects.exists()
        assert not DocumentSequence.objects.filter(last_number__gt=0).exists()

    def test_a_draft_without_a_head_can_be_previewed(self, ballot, member_staff, client_for):
        bloc_year = ballot.meeting.bloc_year
        url = reverse(
            "meetings:document_preview",
            args=[bloc_year.bloc_id, bloc_year.year, "vote_count", ballot.pk],
        )

        response = client_for(member_staff).get(url)

        assert response.status_code == 200
        text = pdf_text(response.content)
        assert "DỰ THẢO" in text
        assert "Số: ……/BB-KTĐ1" in text
        assert "TRƯỞNG BAN KIỂM PHIẾU" in text

    def test_the_issue_page_refuses_without_a_head_with_a_message(
        self, ballot, secretariat, client_for
    ):
        bloc_year = ballot.meeting.bloc_year
        url = reverse(
            "meetings:document_issue",
            args=[bloc_year.bloc_id, bloc_year.year, "vote_count", ballot.pk],
        )

        response = client_for(secretariat).post(url)

        assert response.status_code == 302
        assert [str(m) for m in get_messages(response.wsgi_request)] == [gettext(NO_HEAD)]
        assert not Document.objects.exists()

    def test_the_issue_page_issues_it_with_a_head(self, committee, ballot, secretariat, client_for):
        bloc_year = ballot.meeting.bloc_year
        url = reverse(
            "meetings:document_issue",
            args=[bloc_year.bloc_id, bloc_year.year, "vote_count", ballot.pk],
        )

        assert client_for(secretariat).post(url).status_code == 302
        assert Document.objects.get().kind == "vote_count"

    def test_the_word_file_says_what_the_pdf_says_in_the_national_layout(self, document):
        assert_national_layout(document)
        assert_same_words(document, stored(document))

    def test_libreoffice_prints_the_word_file_with_the_pdfs_words(self, document):
        assert_printed_alike(document, stored(document))


class TestATieAndTheSecondRound:
    @pytest.fixture
    def first(self, meeting, proposable, unit_h, unit_d):
        """H and D tie for the one flag."""
        flag, _merit = proposable
        return record(meeting, {(unit_h, flag): 2, (unit_d, flag): 2})

    def test_round_1_asks_for_another_round_among_the_tied_units(self, first):
        text = pdf_text(VoteCountBuilder(first).render(draft=True))

        assert (
            "Cờ thi đua của UBND tỉnh: các đơn vị Công an tỉnh Đắk Lắk, Viện kiểm sát nhân dân "
            "tỉnh Đắk Lắk có số phiếu bằng nhau tại vị trí cuối của chỉ tiêu; đề nghị Hội nghị "
            "bỏ phiếu vòng 2 giữa các đơn vị này." in text
        )
        assert "1 Công an tỉnh Đắk Lắk 2 66,67 Đạt Bằng phiếu, bỏ phiếu lại" in text

    def test_round_2_says_so_and_decides(self, first, meeting, proposable, unit_h, unit_d):
        flag, _merit = proposable
        second = record(meeting, {(unit_h, flag): 1, (unit_d, flag): 2}, round_number=2)

        builder = VoteCountBuilder(second)
        text = pdf_text(builder.render(draft=True))

        assert builder.subject() == "Bình xét, suy tôn danh hiệu thi đua năm 2025 (bỏ phiếu vòng 2)"
        assert "(bỏ phiếu vòng 2)" in text
        assert "kiểm phiếu bỏ phiếu kín vòng 2" in text
        assert "Căn cứ kết quả kiểm phiếu sau 2 vòng bỏ phiếu" in text
        assert "Cờ thi đua của UBND tỉnh: Viện kiểm sát nhân dân tỉnh Đắk Lắk (2/3 phiếu" in text


class TestA2020Record:
    @pytest.fixture
    def year_2020(self, bloc_1, unit_h, unit_d, unit_m):
        """Bloc 1's 2020, when Sở Tư pháp bore a former name."""
        UnitNameFactory(
            unit=unit_m,
            short_name="Sở Tư pháp (cũ)",
            full_name="Sở Tư pháp tỉnh Đắk Lắk (cũ)",
            valid_until=datetime.date(2021, 1, 1),
        )
        bloc_year = BlocYearFactory(bloc=bloc_1, year=2020)
        MembershipFactory(bloc_year=bloc_year, unit=unit_h, head=True)
        MembershipFactory(bloc_year=bloc_year, unit=unit_d)
        MembershipFactory(bloc_year=bloc_year, unit=unit_m)
        return bloc_year

    def test_it_cites_the_2003_law_and_names_units_as_they_were(
        self, bases, year_2020, proposable, unit_h, unit_d, unit_m, board
    ):
        meeting = year_end_meeting(
            year_2020, unit_h, [unit_h, unit_d, unit_m], datetime.date(2020, 12, 28)
        )
        ballot = record(meeting, {(unit_m, proposable[0]): 3})
        counter_add(ballot=ballot, role="head", name="Phạm Văn Bình")

        document = document_issue(builder=VoteCountBuilder(ballot), user=board)
        text = pdf_text(stored(document))

        assert document.symbol == "01/BB-KTĐ1"
        assert document.number_year == 2020
        assert "Đắk Lắk, ngày 28 tháng 12 năm 2020" in text
        assert "Bình xét, suy tôn danh hiệu thi đua năm 2020" in text
        assert f"Căn cứ {LAW_2003};" in text
        assert f"Căn cứ {DECREE_2017};" in text
        assert f"Căn cứ {QUY_CHE};" in text
        for citation in (LAW_2022, DECREE_2023, DECREE_2025):
            assert citation not in text
        assert "1 Sở Tư pháp tỉnh Đắk Lắk (cũ) 3 100 Đạt Trong chỉ tiêu" in text


class TestTheSubmission:
    @pytest.fixture
    def document(self, bases, nominated, submission, board) -> Document:
        return document_issue(builder=SUBMISSION.builder_for(submission), user=board)

    @pytest.fixture
    def text(self, document) -> str:
        return pdf_text(stored(document))

    def test_it_is_a_tờ_trình_of_the_bloc_numbered_in_its_own_year(self, document, submission):
        assert isinstance(SUBMISSION.builder_for(submission), SubmissionBuilder)
        assert (document.symbol, document.doc_type, document.number_year) == (
            "01/TTr-KTĐ1",
            "TTr",
            2026,
        )
        assert document.date == datetime.date(2026, 1, 5)

    def test_the_header_the_subject_and_the_addressees(self, text):
        for line in (
            "UBND TỈNH ĐẮK LẮK",
            "KHỐI THI ĐUA SỐ 1",
            "Số: 01/TTr-KTĐ1",
            "Đắk Lắk, ngày 05 tháng 01 năm 2026",
            "TỜ TRÌNH",
            "Về việc đề nghị tặng Cờ thi đua của UBND tỉnh và Bằng khen của Chủ tịch UBND tỉnh "
            "năm 2025 cho các đơn vị thuộc Khối thi đua số 1",
            "Kính gửi: - Ủy ban nhân dân tỉnh Đắk Lắk; - Ban Thi đua - Khen thưởng Đắk Lắk.",
        ):
            assert line in text

    def test_the_subject_names_only_the_awards_proposed(self, bases, nominated, submission):
        Nomination.objects.exclude(award_type__kind="flag").delete()

        subject = SubmissionBuilder(submission).subject()

        assert subject == (
            "Về việc đề nghị tặng Cờ thi đua của UBND tỉnh năm 2025 cho các đơn vị thuộc "
            "Khối thi đua số 1"
        )

    def test_it_cites_the_bases_and_the_vote(self, text):
        for citation in (LAW_2022, DECREE_2025, QUY_CHE):
            assert f"Căn cứ {citation};" in text
        for citation in (LAW_2003, DECREE_2023, OTHER_PROVINCE):
            assert citation not in text
        assert (
            "Căn cứ kết quả bình xét, bỏ phiếu suy tôn tại Hội nghị tổng kết công tác thi đua, "
            "khen thưởng năm 2025 của Khối thi đua số 1 ngày 20 tháng 12 năm 2025 (Biên bản "
            "kiểm phiếu số 01/BB-KTĐ1);" in text
        )

    def test_it_says_what_the_year_achieved_and_lists_the_nominees(self, text):
        assert "hoàn thành xuất sắc nhiệm vụ được giao. Phong trào thi đua" in text
        assert "tặng thưởng cho 03 tập thể" in text
        for row in (
            "1 Công an tỉnh Đắk Lắk Cờ thi đua của UBND tỉnh 3/3 (100%)",
            # within an award, the most votes first
            "2 Viện kiểm sát nhân dân tỉnh Đắk Lắk Bằng khen của Chủ tịch UBND tỉnh 3/3 (100%)",
            "3 Sở Tư pháp Đắk Lắk Bằng khen của Chủ tịch UBND tỉnh 2/3 (66,67%)",
        ):
            assert row in text
        assert "Biên bản kiểm phiếu số 01/BB-KTĐ1 ngày 20 tháng 12 năm 2025" in text
        assert (
            "Kính trình Ủy ban nhân dân tỉnh Đắk Lắk (qua Ban Thi đua - Khen thưởng Đắk Lắk) "
            "xem xét, quyết định./." in text
        )

    def test_the_head_s_leader_signs_for_the_bloc(self, document):
        pdf = stored(document)
        last = flat(page_texts(pdf)[-1])

        assert (
            "TM. KHỐI THI ĐUA SỐ 1 KHỐI TRƯỞNG GIÁM ĐỐC CÔNG AN TỈNH Thiếu tướng Lê Vinh Quy"
            in last
        )
        assert "Nơi nhận: - Như trên; - Các đơn vị thành viên Khối; - Lưu: VT." in last
        with pdfplumber.open(io.BytesIO(pdf)) as reader:
            page = reader.pages[-1]
            tm = next(w for w in page.extract_words() if w["text"] == "TM.")
            assert tm["x0"] > page.width / 2
        assert_document_serif(pdf)

    @pytest.mark.parametrize(
        ("day", "cited", "not_cited"),
        [
            (datetime.date(2020, 12, 30), [LAW_2003, DECREE_2017], [LAW_2022, DECREE_2025]),
            (datetime.date(2025, 3, 1), [LAW_2022, DECREE_2023], [LAW_2003, DECREE_2025]),
            (datetime.date(2025, 12, 30), [LAW_2022, DECREE_2025], [LAW_2003, DECREE_2023]),
        ],
        ids=["2020", "early 2025", "late 2025"],
    )
    def test_it_cites_what_is_in_force_on_its_own_date(
        self, bases, submission, day, cited, not_cited
    ):
        submission.date = day

        text = pdf_text(SubmissionBuilder(submission).render(draft=True))

        for citation in cited:
            assert f"Căn cứ {citation};" in text
        for citation in not_cited:
            assert citation not in text

    def test_a_sent_submission_lists_the_nominations_it_carried(
        self, nominated, submission, board, unit_m
    ):
        dossier_complete(bloc_year=submission.bloc_year, user=board)
        document_issue(builder=SubmissionBuilder(submission), user=board)
        submission_submit(submission=submission, user=board)
        submission.refresh_from_db()
        unit_m.nominations.update(submission=None)  # as if M had been sent with another one

        rows = SubmissionBuilder(submission).context()["rows"]

        assert [row["unit"] for row in rows] == [
            "Công an tỉnh Đắk Lắk",
            "Viện kiểm sát nhân dân tỉnh Đắk Lắk",
        ]

    def test_the_word_file_says_what_the_pdf_says_in_the_national_layout(self, document):
        assert_national_layout(document)
        assert_same_words(document, stored(document))

    def test_libreoffice_prints_the_word_file_with_the_pdfs_words(self, document):
        assert_printed_alike(document, stored(document))


class TestTheYearEndMinutes:
    @pytest.fixture
    def scored(self, bloc_year_1, unit_h, unit_d, unit_m):
        """Two criteria; the bloc scored H 95.5, D 90 and M 90 (H self-scored 98)."""
        section = criterion_create(bloc_year=bloc_year_1, title="Công tác", max_points=100)
        first = criterion_create(
            bloc_year=bloc_year_1, parent=section, title="Nhiệm vụ", max_points=60
        )
        second = criterion_create(
            bloc_year=bloc_year_1, parent=section, title="Phong trào", max_points=40
        )
        points = {unit_h: ("58", "37.5"), unit_d: ("55", "35"), unit_m: ("50", "40")}
        for unit, (a, b) in points.items():
            membership = unit.memberships.get(bloc_year=bloc_year_1)
            scores_save(
                membership=membership,
                which="bloc_score",
                values={first.pk: Decimal(a), second.pk: Decimal(b)},
            )
        scores_save(
            membership=unit_h.memberships.get(bloc_year=bloc_year_1),
            which="self_score",
            values={first.pk: Decimal("60"), second.pk: Decimal("38")},
        )

    @pytest.fixture
    def next_year(self, bloc_1, unit_h, unit_d, unit_m):
        """2026: D heads the bloc, M is its deputy."""
        bloc_year = BlocYearFactory(bloc=bloc_1, year=2026)
        MembershipFactory(bloc_year=bloc_year, unit=unit_d, head=True)
        MembershipFactory(bloc_year=bloc_year, unit=unit_m, deputy=True)
        MembershipFactory(bloc_year=bloc_year, unit=unit_h)
        return bloc_year

    @pytest.fixture
    def document(self, scored, nominated, next_year, meeting, board) -> Document:
        return document_issue(builder=MINUTES.builder_for(meeting), user=board)

    @pytest.fixture
    def text(self, document) -> str:
        return pdf_text(stored(document))

    def test_awards_builds_the_minutes_and_numbers_them_after_the_vote_count(
        self, document, meeting
    ):
        builder = MINUTES.builder_for(meeting)
        assert isinstance(builder, YearEndMinutesBuilder)
        assert builder.template_name == YEAR_END_TEMPLATE
        assert document.kind == "minutes"
        assert document.symbol == "02/BB-KTĐ1"

    def test_it_carries_the_score_table_and_ranking(self, text):
        assert "III. KẾT QUẢ CHẤM ĐIỂM, XẾP HẠNG THI ĐUA" in text
        assert "(thang điểm 100)" in text
        assert "1 Công an tỉnh Đắk Lắk 98 95,5" in text
        # D and M share the second place.
        assert "2 Sở Tư pháp Đắk Lắk — 90" in text
        assert "2 Viện kiểm sát nhân dân tỉnh Đắk Lắk — 90" in text

    def test_it_carries_the_vote(self, text):
        assert "IV. KẾT QUẢ BỎ PHIẾU SUY TÔN" in text
        assert "Kết quả kiểm phiếu theo Biên bản kiểm phiếu số 01/BB-KTĐ1" in text
        assert (
            "Số phiếu phát ra: 3; số phiếu thu vào: 3; số phiếu hợp lệ: 3; số phiếu không hợp "
            "lệ: 0." in text
        )
        assert "2 Sở Tư pháp Đắk Lắk 2 66,67 Đạt Trong chỉ tiêu" in text

    def test_it_carries_the_proposals_and_next_year_s_leaders(self, text):
        assert "V. ĐỀ NGHỊ KHEN THƯỞNG" in text
        assert "- Cờ thi đua của UBND tỉnh: Công an tỉnh Đắk Lắk;" in text
        assert (
            "- Bằng khen của Chủ tịch UBND tỉnh: Sở Tư pháp Đắk Lắk; Viện kiểm sát nhân dân "
            "tỉnh Đắk Lắk." in text
        )
        assert "VI. KHỐI TRƯỞNG, KHỐI PHÓ NĂM 2026" in text
        assert "- Khối trưởng: Viện kiểm sát nhân dân tỉnh Đắk Lắk;" in text
        assert "- Khối phó: Sở Tư pháp Đắk Lắk." in text

    def test_the_sections_come_after_the_conclusions_and_before_the_signatures(self, text):
        assert (
            text.index("Kết luận của Hội nghị")
            < text.index("III. KẾT QUẢ CHẤM ĐIỂM")
            < text.index("VI. KHỐI TRƯỞNG")
            < text.index("Hội nghị kết thúc vào lúc 11 giờ 30 phút")
            < text.index("THƯ KÝ")
        )

    def test_without_nominations_it_proposes_the_ballot_s_outcome(self, ballot, meeting):
        text = pdf_text(MINUTES.builder_for(meeting).render(draft=True))

        assert "III. KẾT QUẢ BỎ PHIẾU SUY TÔN" in text
        assert "IV. ĐỀ NGHỊ KHEN THƯỞNG" in text
        assert "- Cờ thi đua của UBND tỉnh: Công an tỉnh Đắk Lắk;" in text
        assert "KẾT QUẢ CHẤM ĐIỂM" not in text

    def test_a_year_end_review_with_nothing_recorded_has_no_more_sections(self, meeting):
        text = pdf_text(MINUTES.builder_for(meeting).render(draft=True))

        assert "II. NỘI DUNG HỘI NGHỊ" in text
        assert "III." not in text

    def test_another_meeting_without_a_ballot_prints_as_the_meetings_minutes(self, bloc_year_1):
        launch = meeting_services.meeting_create(
            bloc_year=bloc_year_1,
            kind=Meeting.Kind.LAUNCH,
            title="Hội nghị phát động thi đua năm 2025",
            date=datetime.date(2025, 2, 15),
            venue_kind=Meeting.VenueKind.ONLINE,
        )

        builder = MINUTES.builder_for(launch)

        assert builder.template_name == MinutesBuilder.template_name
        assert "result_numbers" not in builder.context()

    def test_the_word_file_says_what_the_pdf_says_in_the_national_layout(self, document):
        assert_national_layout(document)
        assert_same_words(document, stored(document))

    def test_libreoffice_prints_the_word_file_with_the_pdfs_words(self, document):
        assert_printed_alike(document, stored(document))


class TestTheListOfRecords:
    def test_each_record_says_what_it_is(self, nominated, submission, board, client_for):
        bloc_year = submission.bloc_year
        url = reverse("meetings:document_list", args=[bloc_year.bloc_id, bloc_year.year])

        with translation.override("en"):
            page = client_for(board).get(url).content.decode()

        assert "Ballot round 1 at Hội nghị tổng kết công tác thi đua" in page
        assert "Submission (tờ trình) of 05/01/2026" in page


class TestNumbersAndTables:
    def test_a_vote_table_only_for_the_award_types_that_had_candidates(
        self, meeting, proposable, unit_h, unit_d
    ):
        flag, merit = proposable
        ballot = record(meeting, {(unit_h, flag): 3, (unit_d, flag): 1})

        tables = vote_round(ballot_result(ballot), year=2025, threshold=50)["tables"]

        assert [table["award_type"] for table in tables] == [flag]

    def test_a_percentage_is_written_alike_on_the_page_and_in_the_record(
        self, meeting, proposable, unit_h, unit_d, unit_m, board, client_for
    ):
        flag, _merit = proposable
        ballot = record(meeting, {(unit_h, flag): 2, (unit_d, flag): 1})
        bloc_year = meeting.bloc_year
        url = reverse("awards:ballot_result", args=[bloc_year.bloc_id, 2025, ballot.pk])

        page = client_for(board).get(url).content.decode()
        text = pdf_text(VoteCountBuilder(ballot).render(draft=True))

        assert "66,67" in page and "66,67%" in text
        assert "66,666" not in page and "66.67" not in page


def test_the_score_page_ranks_nobody_while_no_criterion_is_set(bloc_year_1, board, client_for):
    url = reverse("awards:score_list", args=[bloc_year_1.bloc_id, 2025])

    page = client_for(board).get(url).content.decode()

    assert 'data-testid="no-ranking"' in page
    assert '<td class="rank">—</td>' in page
    assert '<td class="rank">1</td>' not in page
