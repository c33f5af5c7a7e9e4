"""Reading Word files back: their text, layout and fonts, and the PDF LibreOffice makes of them."""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from collections import Counter
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Pt

from meetings.models import Document
from tests.pdfs import page_number_words, page_texts

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def word_bytes(data: bytes | Document) -> bytes:
    """Return the bytes of a Word file, or of an issued document's stored Word file."""
    if isinstance(data, Document):
        with data.word_file.open("rb") as stored:
            return stored.read()
    return data


def word_document(data: bytes | Document):
    return docx.Document(io.BytesIO(word_bytes(data)))


def _blocks(container):
    """Yield the paragraphs of a body or cell in order, a table's cells row by row."""
    for block in container.iter_inner_content():
        if isinstance(block, docx.table.Table):
            for row in block.rows:
                for cell in row.cells:
                    yield from _blocks(cell)
        else:
            yield block


def word_paragraphs(data: bytes | Document) -> list:
    """Return every paragraph of the body (tables' cells included), in reading order."""
    return list(_blocks(word_document(data)))


def word_text(data: bytes | Document) -> str:
    """Return the text of the body, one line per paragraph."""
    return "\n".join(paragraph.text for paragraph in word_paragraphs(data))


def words(text: str) -> Counter:
    """Count the words of a text, however its lines were broken or its columns read."""
    return Counter(text.split())


def pdf_words(pdf: bytes) -> Counter:
    """Count the words of a PDF's pages without their page numbers and verification box."""
    numbers = words(" ".join(number for number in page_number_words(pdf) if number))
    return words(" ".join(page_texts(pdf))) - numbers


def assert_same_words(word: bytes | Document, pdf: bytes) -> None:
    """Fail unless the Word file says word for word what the PDF says."""
    in_word, in_pdf = words(word_text(word)), pdf_words(pdf)
    assert in_word == in_pdf, {"only in Word": in_word - in_pdf, "only in PDF": in_pdf - in_word}


def assert_national_layout(data: bytes | Document, *, recipients: bool = True) -> None:
    """Fail unless the Word file is laid out as Nghị định 30 asks: A4 portrait, margins 20 mm
    top and bottom, 30 left, 15 right, Times New Roman 11–14 pt (13–14 outside Nơi nhận), the
    two-column header with the number and the date line, and Nơi nhận."""
    document = word_document(data)
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [round(m.mm) for m in (section.top_margin, section.bottom_margin)] == [20, 20]
    assert [round(m.mm) for m in (section.left_margin, section.right_margin)] == [30, 15]
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    assert normal.font.size == Pt(14)
    fonts = normal.element.rPr.rFonts
    assert {fonts.get(f"{{{fonts.nsmap['w']}}}{key}") for key in ("ascii", "hAnsi", "cs")} == {
        "Times New Roman"
    }
    paragraphs = list(_blocks(document))
    sizes = Counter()
    for paragraph in paragraphs:
        for run in paragraph.runs:
            assert run.font.name in (None, "Times New Roman"), run.font.name
            if run.text.strip():
                sizes[run.font.size.pt if run.font.size else 14] += len(run.text)
    assert set(sizes) <= {11, 12, 13, 14}, sizes
    # The body is set in 13–14 pt; only Nơi nhận is smaller.
    assert sum(sizes[size] for size in (13, 14)) > 0.9 * sum(sizes.values())
    header = document.tables[0]
    assert len(header.columns) == 2
    left, right = (cell.text for cell in header.rows[0].cells)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in right
    assert "Độc lập - Tự do - Hạnh phúc" in right
    if recipients:
        assert "Số:" in left
        date_line = header.rows[0].cells[1].paragraphs[-1]
        assert "ngày" in date_line.text and all(run.italic for run in date_line.runs)
        assert any(paragraph.text == "Nơi nhận:" for paragraph in paragraphs)


def repeated_header_words(data: bytes | Document) -> set[str]:
    """Return the words of the grids' header rows, which an office suite repeats on each page a
    grid runs onto."""
    found = set()
    for table in word_document(data).tables:
        for row in table.rows:
            if row._tr.trPr is not None and row._tr.trPr.find(qn("w:tblHeader")) is not None:
                found.update(" ".join(cell.text for cell in row.cells).split())
    return found


def assert_printed_alike(data: bytes | Document, pdf: bytes) -> None:
    """Fail unless LibreOffice prints the Word file with every word of the PDF and nothing
    else but the header rows it repeats on a new page."""
    printed, expected = pdf_words(libreoffice_pdf(data)), pdf_words(pdf)
    assert expected - printed == Counter()
    assert set(printed - expected) <= repeated_header_words(data)


def libreoffice_pdf(data: bytes | Document) -> bytes:
    """Convert a Word file to PDF with LibreOffice, as a clerk's office suite prints it (the
    test is skipped where LibreOffice is not installed)."""
    if SOFFICE is None:
        pytest.skip("LibreOffice is not installed (scripts/system-packages.sh office)")
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "document.docx"
        source.write_bytes(word_bytes(data))
        subprocess.run(
            [
                SOFFICE,
                f"-env:UserInstallation=file://{folder}/profile",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                folder,
                str(source),
            ],
            capture_output=True,
            timeout=180,
            check=True,
        )
        return (Path(folder) / "document.pdf").read_bytes()
