"""Excel files built in the tests, as a user would upload them."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_bytes(rows: list[list]) -> bytes:
    """Return a workbook whose first sheet holds these rows (the header first)."""
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_upload(rows: list[list], name: str = "danh-sach.xlsx") -> SimpleUploadedFile:
    """Return the rows as an uploaded .xlsx file."""
    return SimpleUploadedFile(name, xlsx_bytes(rows), content_type=XLSX)


def upload(content: bytes, name: str, content_type: str = XLSX) -> SimpleUploadedFile:
    """Return any bytes as an uploaded file."""
    return SimpleUploadedFile(name, content, content_type=content_type)
