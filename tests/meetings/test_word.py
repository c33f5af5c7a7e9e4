"""The editable Word files: the converter's layout, the drafts and issued files a clerk
downloads, checked like the PDFs, and the Word file of the province's annex."""

from __future__ import annotations

import hashlib

import pytest
from django.urls import reverse
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from meetings.documents.word import DOCX, html_to_docx
from meetings.models import Document
from meetings.services.documents import document_issue
from tests.meetings.tiny_builders import TinyMinutes
from tests.words import word_document, word_paragraphs, word_text

pytestmark = pytest.mark.django_db


def url(name: str, document: Document, *args) -> str:
    bloc_year = document.bloc_year
    return reverse(f"meetings:document_{name}", args=[bloc_year.bloc_id, bloc_year.year, *args])


def body(html: str) -> str:
    return f"<!doctype html><html><head><title>T</title></head><body>{html}</body></html>"


class TestTheConverter:
    def test_a_paragraph_keeps_its_bold_and_italic_words_and_html_spacing(self):
        data = html_to_docx(
            body('<div class="doc-body"><p>  Đại diện:\n  <strong>Nguyễn Văn An</strong>, '
                 "<em>Phó Giám đốc</em>.  </p></div>")
        )  # fmt: skip

        (paragraph,) = word_paragraphs(data)
        assert paragraph.text == "Đại diện: Nguyễn Văn An, Phó Giám đốc."
        assert [(run.text, run.bold, run.italic) for run in paragraph.runs] == [
            ("Đại diện: ", None, None),
            ("Nguyễn Văn An", True, None),
            (", ", None, None),
            ("Phó Giám đốc", None, True),
            (".", None, None),
        ]
        # The body's paragraphs are justified with a first-line indent of 10 mm.
        assert paragraph.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
        assert round(paragraph.paragraph_format.first_line_indent.mm) == 10

    def test_a_grid_is_a_bordered_table_with_the_templates_widths_and_a_repeated_head(self):
        data = html_to_docx(
            body('<div class="doc-body"><table class="grid"><thead><tr>'
                   '<th style="width: 8mm">STT</th><th>Đơn vị</th><th style="width: 20mm">Số</th>'
                 "</tr></thead><tbody><tr><td class='num'>1</td><td>Sở Tư pháp</td><td>3</td>"
                 "</tr></tbody></table></div>")
        )  # fmt: skip

        (table,) = word_document(data).tables
        assert table.style.name == "Table Grid"
        # The template's widths, the rest to the unit; a column too narrow for its longest word
        # is widened to it (Word would break "STT" in two).
        assert [round(column.width.mm) for column in table.columns] == [12, 133, 20]
        assert [cell.text for cell in table.rows[1].cells] == ["1", "Sở Tư pháp", "3"]
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
        assert table.rows[0].cells[0].paragraphs[0].runs[0].bold
        assert table.rows[1].cells[0].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER

    def test_a_draft_is_marked_on_every_page_and_an_issued_copy_carries_its_code(self):
        draft = word_document(html_to_docx(body('<div class="draft-mark">DỰ THẢO</div>')))
        issued_bytes = html_to_docx(
                body('<div class="verify-box" data-url="https://tdkt.example/verify/7K3QX-M9D2P/">'
                     '<img src="data:," alt=""><div>Mã kiểm tra: 7K3QX-M9D2P<br>'
                     "Kiểm tra tại: https://tdkt.example/verify/7K3QX-M9D2P/</div></div>")
        )  # fmt: skip
        issued = word_document(issued_bytes)

        section = draft.sections[0]
        assert section.different_first_page_header_footer
        for header in (section.header, section.first_page_header):
            assert "DỰ THẢO" in [paragraph.text for paragraph in header.paragraphs]
        footer = issued.sections[0].first_page_footer.tables[0].rows[0].cells
        assert "Mã kiểm tra: 7K3QX-M9D2P" in footer[1].text
        assert footer[0].paragraphs[0]._p.xpath(".//pic:pic")  # the QR code's picture
        # In the margin only, not in the text a clerk edits.
        assert "Mã kiểm tra" not in word_text(issued_bytes)

    def test_the_page_number_is_printed_from_the_second_page(self):
        section = word_document(html_to_docx(body("<p>x</p>"))).sections[0]

        assert section.different_first_page_header_footer
        assert section.header.paragraphs[0]._p.find(qn("w:fldSimple")).get(qn("w:instr")) == "PAGE"
        assert not section.first_page_header.paragraphs[0].text


class TestTheDownloads:
    @pytest.fixture
    def issued(self, tiny_builders, meeting, board) -> Document:
        return document_issue(builder=TinyMinutes(meeting), user=board)

    def test_the_issued_word_file_is_kept_with_its_hash_and_served_as_issued(
        self, issued, member_staff, client_for
    ):
        response = client_for(member_staff).get(url("word", issued, issued.pk))

        content = b"".join(response.streaming_content)
        assert response.status_code == 200
        assert response["Content-Type"] == DOCX
        assert response["Content-Disposition"] == 'attachment; filename="01-BB-KTD1-2026.docx"'
        assert hashlib.sha256(content).hexdigest() == issued.word_sha256
        assert "Số: 01/BB-KTĐ1" in word_text(content)
        assert issued.word_file.name.endswith(".docx")

    def test_an_altered_word_file_is_not_served(self, issued, member_staff, client_for, caplog):
        with issued.word_file.storage.open(issued.word_file.name, "wb") as stored:
            stored.write(b"PK a forged copy")

        response = client_for(member_staff).get(url("word", issued, issued.pk))

        assert response.status_code == 409
        assert "does not match its SHA-256" in caplog.text

    def test_a_document_issued_before_word_files_were_kept_has_none(
        self, issued, member_staff, client_for
    ):
        Document.objects.filter(pk=issued.pk).update(word_file="", word_sha256="")

        response = client_for(member_staff).get(url("word", issued, issued.pk))
        listing = client_for(member_staff).get(url("list", issued)).content.decode()

        assert response.status_code == 404
        assert url("word", issued, issued.pk) not in listing

    def test_the_draft_word_file_is_drawn_from_the_record_as_it_is_now(
        self, issued, meeting, member_staff, client_for
    ):
        meeting.title = "Hội nghị đã đổi tên"
        meeting.save()

        response = client_for(member_staff).get(url("preview_word", issued, "minutes", meeting.pk))

        assert response.status_code == 200
        assert response["Content-Type"] == DOCX
        assert response["Cache-Control"].startswith("max-age=0")
        assert "attachment" in response["Content-Disposition"]
        assert "Hội nghị đã đổi tên" in word_text(response.content)
        assert "Số: ……/BB-KTĐ1" in word_text(response.content)

    def test_the_pages_offer_the_word_files(self, issued, meeting, board, client_for):
        listing = client_for(board).get(url("list", issued)).content.decode()

        assert url("word", issued, issued.pk) in listing
        assert url("preview_word", issued, "minutes", meeting.pk) in listing
