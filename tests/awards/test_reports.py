"""A nominee's achievement report (báo cáo thành tích): written in the national template's
sections by the unit's focal point or the secretariat until the nomination is sent, read by
the year's readers, and printed as a PDF to sign and a Word file to finish."""

from __future__ import annotations

import datetime
import hashlib
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from awards.models import AchievementReport, Nomination, ReportFile
from tests.pdfs import assert_document_serif, pdf_text
from tests.personas import matrix
from tests.words import assert_national_layout, assert_same_words, word_text

pytestmark = pytest.mark.django_db

TEXT = {
    "parent_body": "Bộ Tư pháp",
    "date": "2026-01-25",
    "particulars": "Trụ sở: số 9 Lê Duẩn, thành phố Buôn Ma Thuột.\nTổng số 45 công chức.",
    "functions": "Tham mưu cho UBND tỉnh quản lý nhà nước về công tác tư pháp.",
    "achievements": "Thẩm định 112 dự thảo văn bản quy phạm pháp luật, đạt 100% kế hoạch.",
    "measures": "Phát động phong trào thi đua «Cán bộ tư pháp vì nhân dân phục vụ».",
    "party_work": "",
    "earlier_honours": "2023: Bằng khen của Bộ trưởng Bộ Tư pháp, Quyết định số 77/QĐ-BTP",
    "head_title": "Giám đốc",
    "head_name": "Nguyễn Thị Hoa",
}


@pytest.fixture
def nomination(bloc_year_1, membership_m, unit_m, proposable) -> Nomination:
    """Sở Tư pháp (M), nominated by bloc 1 for the chairman's certificate of merit in 2025."""
    _flag, merit = proposable
    return Nomination.objects.create(
        bloc_year=bloc_year_1,
        membership=membership_m,
        unit=unit_m,
        award_type=merit,
        reason="Hoàn thành xuất sắc nhiệm vụ",
    )


def url(name: str, nomination: Nomination) -> str:
    bloc_year = nomination.bloc_year
    return reverse(f"awards:{name}", args=[bloc_year.bloc_id, bloc_year.year, nomination.pk])


def write(client, nomination, version: int = 0, **changes):
    return client.post(url("report_edit", nomination), {**TEXT, **changes, "version": version})


@pytest.fixture
def written(nomination, member_staff, client_for) -> AchievementReport:
    write(client_for(member_staff), nomination)
    return AchievementReport.objects.get()


class TestWriting:
    def test_the_units_focal_point_writes_it_and_the_page_offers_its_files(
        self, nomination, member_staff, client_for
    ):
        client = client_for(member_staff)

        response = write(client, nomination)

        report = AchievementReport.objects.get()
        assert response.status_code == 302
        assert (report.nomination, report.head_name, report.updated_by) == (
            nomination,
            "Nguyễn Thị Hoa",
            member_staff,
        )
        assert report.date == datetime.date(2026, 1, 25)
        page = client.get(url("report_edit", nomination)).content.decode()
        assert url("report_pdf", nomination) in page
        assert url("report_word", nomination) in page

    def test_a_stale_save_is_refused_and_keeps_what_was_typed(
        self, written, nomination, secretariat, member_staff, client_for
    ):
        write(client_for(secretariat), nomination, version=1, head_name="Trần Văn Bình")

        response = write(client_for(member_staff), nomination, version=1, functions="Mới")

        written.refresh_from_db()
        assert written.head_name == "Trần Văn Bình" and written.version == 2
        assert "Người khác đã lưu" in response.content.decode()
        assert ">\nMới</textarea>" in response.content.decode()

    def test_a_missing_section_is_refused_in_vietnamese(self, nomination, member_staff, client_for):
        response = write(client_for(member_staff), nomination, achievements="  ")

        assert "Trường này là bắt buộc." in response.content.decode()
        assert not AchievementReport.objects.exists()

    def test_a_date_outside_the_year_is_refused(self, nomination, member_staff, client_for):
        response = write(client_for(member_staff), nomination, date="2024-03-01")

        assert response.status_code == 200
        assert not AchievementReport.objects.exists()

    def test_once_sent_it_is_read_only(self, written, nomination, member_staff, client_for):
        Nomination.objects.filter(pk=nomination.pk).update(status=Nomination.Status.SUBMITTED)
        client = client_for(member_staff)

        page = client.get(url("report_edit", nomination))

        assert page.context["form"] is None
        assert "Thẩm định 112 dự thảo" in page.content.decode()
        assert write(client, nomination, version=1).status_code == 403


class TestTheDocument:
    def test_the_pdf_has_the_national_templates_sections_and_the_heads_signature(
        self, written, nomination, board, client_for
    ):
        response = client_for(board).get(url("report_pdf", nomination))

        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        text = pdf_text(response.content)
        for expected in (
            "BỘ TƯ PHÁP",
            "BÁO CÁO THÀNH TÍCH",
            "Đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh năm 2025",
            "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH",
            "Thẩm định 112 dự thảo văn bản quy phạm pháp luật",
            "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG",
            "- 2023: Bằng khen của Bộ trưởng Bộ Tư pháp",
            "THỦ TRƯỞNG ĐƠN VỊ",
            "Nguyễn Thị Hoa",
            "ngày 25 tháng 01 năm 2026",
        ):
            assert expected in text, expected
        assert "Nơi nhận" not in text
        assert_document_serif(response.content)

    def test_the_word_file_says_what_the_pdf_says(self, written, nomination, board, client_for):
        client = client_for(board)
        word = client.get(url("report_word", nomination))
        pdf = client.get(url("report_pdf", nomination)).content

        assert word["Content-Disposition"].endswith('.docx"')
        assert_national_layout(word.content, recipients=False)
        assert_same_words(word.content, pdf)
        assert "Nguyễn Thị Hoa" in word_text(word.content)

    def test_there_is_no_file_before_the_report_is_written(self, nomination, board, client_for):
        assert client_for(board).get(url("report_pdf", nomination)).status_code == 404


#                       board  secr  depu  memb  oblc  oprv  opbd  natl
READS = {
    "page":             (200,  200,  200,  200,  404,  404,  404,  200),
    "pdf":              (200,  200,  200,  200,  404,  404,  404,  200),
}  # fmt: skip
# The nominee is M, the member's unit: its staff writes it, as do those who nominate in the year
# (the board, the head's and the deputy's staff); national staff only read.
WRITES = (302, 302, 302, 302, 404, 404, 404, 403)


@pytest.mark.parametrize(("page", "persona", "status"), matrix(READS))
def test_who_reads_it(request, written, nomination, client_for, page, persona, status):
    name = {"page": "report_edit", "pdf": "report_pdf"}[page]
    client = client_for(request.getfixturevalue(persona))

    assert client.get(url(name, nomination)).status_code == status


@pytest.mark.parametrize(("action", "persona", "status"), matrix({"write": WRITES}))
def test_who_writes_it(request, nomination, client_for, action, persona, status):
    response = write(client_for(request.getfixturevalue(persona)), nomination)

    assert response.status_code == status
    assert AchievementReport.objects.exists() == (status == 302)


def test_the_downloads_are_only_read(written, nomination, board, client_for):
    assert client_for(board).post(url("report_pdf", nomination)).status_code == 405


def test_the_nominations_list_says_whether_each_report_is_written(
    written, nomination, bloc_year_1, board, client_for
):
    page = client_for(board).get(
        reverse("awards:nomination_list", args=[bloc_year_1.bloc_id, 2025])
    )

    assert f'data-testid="report-{nomination.pk}">đã viết' in page.content.decode()


SIGNED = b"%PDF-1.4\n% bao cao thanh tich co chu ky\n%%EOF\n"


class TestTheSignedReport:
    def keep(self, client, nomination, data=SIGNED, kind="signed"):
        return client.post(
            url("report_file", nomination),
            {"kind": kind, "file": SimpleUploadedFile("bao-cao.pdf", data)},
            follow=True,
        )

    def test_the_signed_scan_is_kept_and_served_while_it_matches(
        self, written, nomination, member_staff, board, client_for
    ):
        page = self.keep(client_for(member_staff), nomination)

        kept = ReportFile.objects.get()
        assert (kept.kind, kept.uploaded_by, kept.sha256) == (
            "signed",
            member_staff,
            hashlib.sha256(SIGNED).hexdigest(),
        )
        assert 'data-testid="report-signed"' in page.content.decode()
        download = reverse(
            "awards:report_file_download",
            args=[nomination.bloc_year.bloc_id, 2025, nomination.pk, kept.pk],
        )
        response = client_for(board).get(download)
        assert b"".join(response.streaming_content) == SIGNED
        Path(kept.file.path).write_bytes(SIGNED + b"%sua\n")
        assert client_for(board).get(download).status_code == 404

    def test_the_units_own_report_is_kept_without_one_written_here(
        self, nomination, member_staff, client_for
    ):
        self.keep(client_for(member_staff), nomination, kind="own")

        assert ReportFile.objects.get().kind == "own"
        assert not AchievementReport.objects.exists()

    def test_a_file_that_is_no_pdf_is_refused_in_vietnamese(
        self, nomination, member_staff, client_for
    ):
        page = self.keep(client_for(member_staff), nomination, data=b"\x89PNG\r\n\x1a\n")

        assert "Tệp không phải là tệp PDF." in page.content.decode()
        assert not ReportFile.objects.exists()

    def test_once_sent_no_file_is_added_and_none_is_ever_deleted(
        self, nomination, member_staff, client_for
    ):
        self.keep(client_for(member_staff), nomination)
        Nomination.objects.filter(pk=nomination.pk).update(status=Nomination.Status.SUBMITTED)

        assert self.keep(client_for(member_staff), nomination).status_code == 403
        with pytest.raises(ValidationError):
            ReportFile.objects.get().delete()

    @pytest.mark.parametrize(
        ("persona", "status"),
        [("member_staff", 200), ("national", 403), ("other_bloc_staff", 404)],
    )
    def test_who_keeps_it(self, request, nomination, client_for, persona, status):
        response = self.keep(client_for(request.getfixturevalue(persona)), nomination)

        assert response.status_code == status
        assert ReportFile.objects.exists() == (status == 200)

    def test_keeping_is_only_posted(self, nomination, member_staff, client_for):
        assert client_for(member_staff).get(url("report_file", nomination)).status_code == 405


def test_the_nominees_focal_point_is_asked_for_its_signed_report_until_it_is_kept(
    nomination, member_staff, client_for
):
    client = client_for(member_staff)
    bloc_year = nomination.bloc_year
    to_do = reverse("awards:report_of_unit", args=[bloc_year.bloc_id, 2025, nomination.unit_id])

    page = client.get(reverse("dashboard")).content.decode()
    assert "Viết và ký báo cáo thành tích của đơn vị" in page
    assert to_do in page
    assert client.get(to_do)["Location"] == url("report_edit", nomination)

    client.post(
        url("report_file", nomination),
        {"kind": "own", "file": SimpleUploadedFile("bao-cao.pdf", SIGNED)},
    )

    assert "Viết và ký báo cáo thành tích" not in client.get(reverse("dashboard")).content.decode()


def test_the_boards_review_of_the_province_leads_to_each_report_and_says_if_it_is_signed(
    nomination, member_staff, board, client_for
):
    client_for(member_staff).post(
        url("report_file", nomination),
        {"kind": "own", "file": SimpleUploadedFile("bao-cao.pdf", SIGNED)},
    )

    page = client_for(board).get(reverse("awards:province_nominations", args=[2025]))

    html = " ".join(page.content.decode().split())
    assert f'href="{url("report_edit", nomination)}" data-testid="report-{nomination.pk}">' in html
    assert f'data-testid="report-{nomination.pk}">Báo cáo thành tích</a>: đã ký' in html


def test_a_nomination_with_a_kept_signed_report_is_not_removed(
    nomination, member_staff, secretariat, client_for
):
    client_for(member_staff).post(
        url("report_file", nomination),
        {"kind": "own", "file": SimpleUploadedFile("bao-cao.pdf", SIGNED)},
    )

    response = client_for(secretariat).post(
        reverse("awards:nomination_delete", args=[nomination.pk]),
        {"confirm": "1", "version": nomination.version},
        follow=True,
    )

    assert response.status_code == 200
    assert "Báo cáo thành tích đã ký của đơn vị được lưu kèm đề nghị này" in (
        response.content.decode()
    )
    assert Nomination.objects.filter(pk=nomination.pk).exists()
    assert ReportFile.objects.count() == 1
