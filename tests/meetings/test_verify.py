"""Anyone checks a copy: each issued PDF prints a verification code and the QR code of a public
page that shows only what is safe and compares a file with the issued one."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from meetings.documents.proof import code_normalised
from meetings.documents.registry import kind_of
from meetings.models import Document
from meetings.services.documents import document_issue
from tests.pdfs import flat, pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued(meeting, secretariat) -> Document:
    return document_issue(builder=kind_of(meeting).builder_for(meeting), user=secretariat)


def stored(document: Document) -> bytes:
    with document.file.open("rb") as handle:
        return handle.read()


class TestThePrintedCode:
    def test_the_pdf_prints_its_code_and_where_to_check_it(self, issued):
        reader = PdfReader(io.BytesIO(stored(issued)))
        text = flat(" ".join(page.extract_text() for page in reader.pages))

        assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}", issued.code)
        assert f"Mã kiểm tra: {issued.code}" in text
        assert f"/verify/{issued.code}/" in text.replace(" ", "")

    def test_each_document_has_its_own(self, issued, meeting, secretariat):
        correction = document_issue(
            builder=kind_of(meeting).builder_for(meeting), user=secretariat, replaces=issued
        )

        assert correction.code != issued.code

    def test_a_draft_has_none(self, meeting):
        text = flat(pdf_text(kind_of(meeting).builder_for(meeting).render(draft=True)))

        assert "Mã kiểm tra" not in text

    def test_a_code_typed_loosely_is_found(self, issued):
        typed = issued.code.lower().replace("-", " ").replace("0", "o")

        assert code_normalised(typed) == issued.code


class TestThePublicPage:
    def test_it_needs_no_login_and_shows_only_the_listed_facts(self, issued):
        page = Client().get(reverse("verify", args=[issued.code]))

        assert page.status_code == 200
        html = page.content.decode()
        facts = re.search(r'<dl class="row mb-0" id="document-facts">(.*?)</dl>', html, re.S)
        labels = re.findall(r"<dt[^>]*>(.*?)</dt>", facts.group(1))
        assert labels == [
            "Đơn vị ban hành",
            "Loại văn bản",
            "Số, ký hiệu",
            "Ngày văn bản",
            "Mã kiểm tra",
            "SHA-256",
            "Bản gốc đã ký",
            "Hiệu lực",
        ]
        assert issued.symbol in html and issued.sha256 in html
        # Nothing of the record: not its subject, people, units or links into the app.
        assert issued.subject not in html
        assert "Công an tỉnh" not in html
        assert "/blocs/" not in html
        assert 'href="/documents/' not in html

    def test_the_issued_file_matches_and_another_does_not(self, issued):
        url = reverse("verify", args=[issued.code])

        same = Client().post(url, {"file": SimpleUploadedFile("a.pdf", stored(issued))})
        other = Client().post(url, {"file": SimpleUploadedFile("b.pdf", stored(issued) + b" ")})

        assert "Tệp này đúng là văn bản đã phát hành." in same.content.decode()
        assert "không phải là văn bản đã phát hành" in other.content.decode()

    def test_a_corrected_document_says_so(self, issued, meeting, secretariat):
        correction = document_issue(
            builder=kind_of(meeting).builder_for(meeting), user=secretariat, replaces=issued
        )

        html = Client().get(reverse("verify", args=[issued.code])).content.decode()

        assert "Đã được thay thế bằng văn bản đính chính" in html
        assert reverse("verify", args=[correction.code]) in html

    def test_an_unknown_code_is_not_found(self, world):
        assert Client().get(reverse("verify", args=["00000-00000"])).status_code == 404

    def test_the_lookup_finds_it_by_the_printed_code(self, issued):
        response = Client().post(reverse("verify_lookup"), {"code": issued.code.lower()})

        assert response.url == reverse("verify", args=[issued.code])

    def test_too_many_checks_from_one_address_are_refused(self, issued):
        client = Client()
        url = reverse("verify", args=["00000-00000"])
        for _ in range(60):
            client.get(url)

        response = client.get(reverse("verify", args=[issued.code]))

        assert response.status_code == 429
        assert "Quá nhiều lần kiểm tra" in response.content.decode()


class TestTheIntegrityCheck:
    def run(self) -> tuple[str, str]:
        out, err = io.StringIO(), io.StringIO()
        call_command("verify_documents", stdout=out, stderr=err)
        return out.getvalue(), err.getvalue()

    def test_intact_files_pass(self, issued):
        out, _err = self.run()

        # The PDF and the Word file issued with it.
        assert "2 tệp đã kiểm tra: toàn vẹn." in out

    def test_an_altered_file_is_reported_and_fails(self, issued):
        path = Path(issued.file.path)
        path.write_bytes(path.read_bytes() + b"\n% altered\n")

        with pytest.raises(CommandError, match="1/2 tệp bị mất hoặc bị sửa"):
            self.run()

    def test_an_altered_word_file_is_reported(self, issued):
        path = Path(issued.word_file.path)
        path.write_bytes(path.read_bytes() + b"altered")
        err = io.StringIO()

        with pytest.raises(CommandError, match="1/2 tệp bị mất hoặc bị sửa"):
            call_command("verify_documents", stderr=err)

        assert f"BỊ SỬA {issued.symbol}" in err.getvalue()
        assert issued.word_file.name in err.getvalue()

    def test_a_missing_file_is_reported(self, issued, capsys):
        Path(issued.file.path).unlink()
        err = io.StringIO()

        with pytest.raises(CommandError):
            call_command("verify_documents", stderr=err)

        assert f"MẤT {issued.symbol}" in err.getvalue()
