"""Excel (.xlsx) lists that users upload: reading them safely, and the blank templates."""

from __future__ import annotations

import datetime
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.http import HttpResponse
from django.utils import translation
from django.utils.functional import Promise
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

from core.errors import DomainError
from core.text import nfc, text_key

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
# What the archive may hold once unpacked: a list of a thousand units takes well under 1 MB,
# and a part that unpacks to 1 GB (a "zip bomb") is refused before anything parses it.
MAX_PART_BYTES = 8 * 1024 * 1024
MAX_UNPACKED_BYTES = 24 * 1024 * 1024
MAX_PARTS = 200
# Longer than any field a list fills in: a longer cell is refused, so a preview stays small.
MAX_CELL_CHARS = 1000
# Far more than a province has units; it stops a sheet of a million blank rows early.
MAX_ROWS = 1000
# Blank but formatted rows count too: reading stops here whatever they hold.
MAX_SCANNED_ROWS = 5 * MAX_ROWS
ZIP_MAGIC = b"PK\x03\x04"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# How long a previewed import may wait for its confirmation.
PREVIEW_MAX_AGE = 60 * 60


@dataclass(frozen=True)
class Column:
    """A column of an import: its key in the code and its header in the sheet."""

    key: str
    label: str | Promise


Row = tuple[int, tuple[str, ...]]  # the row's number in the sheet, and its cells as text


def errors_message(count: int) -> str:
    """Return the refusal of a list that still has wrong rows."""
    return ngettext(
        "%(n)d row of the list is wrong: correct the file and upload it again.",
        "%(n)d rows of the list are wrong: correct the file and upload it again.",
        count,
    ) % {"n": count}


def _accepted_headers(column: Column) -> set[str]:
    """Return the headers that name the column: its label in every language, and its key."""
    names = {text_key(column.key)}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            names.add(text_key(str(column.label)))
    return names


def _as_text(value) -> str:
    """Return a cell's value as the text a user sees in it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime | datetime.date):
        return value.strftime("%d/%m/%Y")
    return nfc(str(value))


def _check_archive(upload) -> None:
    """Refuse an archive whose parts would unpack to more than a list can hold, before any of
    it is unpacked (the sizes come from its directory; reading stops at them)."""
    try:
        with zipfile.ZipFile(upload) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise DomainError(
            _("The file could not be read as an Excel workbook: it may be damaged."),
            field="file",
        ) from error
    finally:
        upload.seek(0)
    unpacked = sum(part.file_size for part in parts)
    if (
        len(parts) > MAX_PARTS
        or unpacked > MAX_UNPACKED_BYTES
        or any(part.file_size > MAX_PART_BYTES for part in parts)
    ):
        raise DomainError(
            _(
                "The file unpacks to far more than a list holds (%(size)s MB); it is not read. "
                "Copy the list into the template and upload that."
            )
            % {"size": f"{unpacked / 1024 / 1024:.0f}"},
            field="file",
        )


def read_table(upload, columns: Sequence[Column]) -> list[Row]:
    """Return the rows under the header of the first sheet, refusing what is not a sound list."""
    if upload.size > MAX_UPLOAD_BYTES:
        raise DomainError(
            _("The file is too big (%(size)s MB); at most %(limit)s MB is accepted.")
            % {
                "size": f"{upload.size / 1024 / 1024:.1f}",
                "limit": MAX_UPLOAD_BYTES // 1024 // 1024,
            },
            field="file",
        )
    upload.seek(0)
    if upload.read(len(ZIP_MAGIC)) != ZIP_MAGIC:
        raise DomainError(
            _("This is not an Excel file (.xlsx). Save the list as an Excel workbook and retry."),
            field="file",
        )
    upload.seek(0)
    _check_archive(upload)
    try:
        # defusedxml being installed, openpyxl parses the sheet's XML through it.
        workbook = load_workbook(upload, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds on a damaged file
        raise DomainError(
            _("The file could not be read as an Excel workbook: it may be damaged."),
            field="file",
        ) from error
    try:
        sheet = workbook.worksheets[0] if workbook.worksheets else None
        if sheet is None:
            raise DomainError(_("The workbook has no sheet."), field="file")
        rows = sheet.iter_rows(values_only=True, max_col=len(columns))
        try:
            header = next(rows, None)
            _check_header(header, columns)
            table: list[Row] = []
            filled = 0
            for number, cells in enumerate(rows, start=2):
                texts = tuple(_as_text(cell) for cell in cells)
                if any(len(text) > MAX_CELL_CHARS for text in texts):
                    raise DomainError(
                        _(
                            "Row %(row)d has a cell longer than %(n)d characters; a list of "
                            "names never needs that much."
                        )
                        % {"row": number, "n": MAX_CELL_CHARS},
                        field="file",
                    )
                filled += any(texts)
                if filled > MAX_ROWS or number > MAX_SCANNED_ROWS:
                    raise DomainError(
                        _("The list has more than %(n)d rows; split it into several files.")
                        % {"n": MAX_ROWS},
                        field="file",
                    )
                table.append((number, texts + ("",) * (len(columns) - len(texts))))
        except DomainError:
            raise
        except Exception as error:  # a damaged sheet fails only while it is read
            raise DomainError(
                _("The file could not be read as an Excel workbook: it may be damaged."),
                field="file",
            ) from error
    finally:
        workbook.close()
    # Sheets often carry formatted but empty rows at the end; they are not part of the list.
    while table and not any(table[-1][1]):
        table.pop()
    if not table:
        raise DomainError(_("The list is empty: there is no row under the header."), field="file")
    return table


def _check_header(header, columns: Sequence[Column]) -> None:
    cells = [text_key(_as_text(cell)) for cell in (header or ())]
    cells += [""] * (len(columns) - len(cells))
    if any(cell not in _accepted_headers(col) for cell, col in zip(cells, columns, strict=False)):
        raise DomainError(
            _(
                "The first row must hold the column headers, in this order: %(headers)s. "
                "Download the template and copy the list into it."
            )
            % {"headers": ", ".join(str(column.label) for column in columns)},
            field="file",
        )


def _append(sheet, values: Sequence) -> None:
    """Append a row whose text stays text, even where it starts like a formula (= + - @): a
    spreadsheet shows it as it was typed and never computes it."""
    sheet.append([str(value) if isinstance(value, Promise) else value for value in values])
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"


def workbook_bytes(
    header: Sequence, rows: Sequence[Sequence], *, title: str, bold_header: bool = False
) -> bytes:
    """Return an .xlsx workbook of one sheet: a header row and the rows, text written as text."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(title)[:31]
    _append(sheet, header)
    if bold_header:
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            sheet.column_dimensions[cell.column_letter].width = 32
        sheet.freeze_panes = "A2"
    for row in rows:
        _append(sheet, row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    """Return a workbook as a download."""
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def workbook_response(
    header: Sequence, rows: Sequence[Sequence], filename: str, *, title: str
) -> HttpResponse:
    """Return an .xlsx download of one sheet: a header row and the rows, text written as text."""
    return xlsx_response(workbook_bytes(header, rows, title=title), filename)


def template_workbook(columns: Sequence[Column]) -> bytes:
    """Return an empty workbook with the header row of the import, ready to be filled in."""
    return workbook_bytes(
        [column.label for column in columns], [], title=_("List"), bold_header=True
    )


def template_response(columns: Sequence[Column], filename: str) -> HttpResponse:
    """Return the empty workbook of an import as a download."""
    return xlsx_response(template_workbook(columns), filename)


def rows_sign(rows: Sequence[Row], *, purpose: str, user, target: int, version: int = 0) -> str:
    """Return the rows of a previewed import as a token that the confirmation sends back."""
    payload = {"u": user.pk, "t": target, "v": version, "r": [[n, list(c)] for n, c in rows]}
    return signing.dumps(payload, salt=f"import:{purpose}", compress=True)


def rows_unsign(token: str, *, purpose: str, user, target: int) -> tuple[list[Row], int]:
    """Return the rows and the version a token carries, refusing a forged or stale one."""
    try:
        payload = signing.loads(token, salt=f"import:{purpose}", max_age=PREVIEW_MAX_AGE)
    except signing.BadSignature as error:  # includes an expired one
        raise DomainError(
            _("The preview has expired or was altered. Upload the file again.")
        ) from error
    if payload.get("u") != user.pk or payload.get("t") != target:
        raise DomainError(_("The preview has expired or was altered. Upload the file again."))
    rows = [(int(number), tuple(str(cell) for cell in cells)) for number, cells in payload["r"]]
    return rows, int(payload["v"])


@dataclass
class CheckedRow:
    """A row of an import as the preview shows it: will be written, left out, or wrong."""

    OK = "ok"
    SKIPPED = "skipped"
    ERROR = "error"

    number: int
    cells: tuple[str, ...]
    status: str = OK
    message: str = ""
    # What the row stands for once checked: the unit it names, for instance.
    target: object = None


@dataclass
class CheckedImport:
    """Every row of an import, checked; it may be written only when no row is wrong."""

    rows: list[CheckedRow]

    @property
    def to_write(self) -> list[CheckedRow]:
        return [row for row in self.rows if row.status == CheckedRow.OK]

    @property
    def skipped(self) -> list[CheckedRow]:
        return [row for row in self.rows if row.status == CheckedRow.SKIPPED]

    @property
    def errors(self) -> list[CheckedRow]:
        return [row for row in self.rows if row.status == CheckedRow.ERROR]

    @property
    def can_write(self) -> bool:
        return not self.errors and bool(self.to_write)

    def raw(self) -> list[Row]:
        return [(row.number, row.cells) for row in self.rows]
