"""Excel files built in the tests, as a user would upload them."""

from __future__ import annotations

import io
import zipfile

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


def xlsx_bomb(rows: list[list], *, unpacked_mb: int) -> bytes:
    """Return a workbook of these rows whose shared strings unpack to `unpacked_mb` MB (one
    string of that many letters), while the file itself stays small: a "zip bomb"."""
    plain = xlsx_bytes(rows)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(plain)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb,
    ):
        for part in source.infolist():
            if part.filename != "xl/sharedStrings.xml":
                bomb.writestr(part, source.read(part.filename))
        with bomb.open("xl/sharedStrings.xml", "w", force_zip64=True) as shared:
            shared.write(b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
            shared.write(b"<si><t>")
            chunk = b"A" * (1024 * 1024)
            for _ in range(unpacked_mb):
                shared.write(chunk)
            shared.write(b"</t></si></sst>")
    return out.getvalue()
