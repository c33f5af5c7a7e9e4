"""What a document's builder describes: for one source record (a meeting, a handover, a
pledge …), which bloc-year issues it, its subject, date, recipients and the template with its
context.

Each builder renders one kind of document (meetings.documents.registry), which gives it its type
(BB, GƯ …) and heading; the document service (meetings.services.documents) numbers, renders and
stores what a builder describes.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from django.template.loader import render_to_string

from blocs.models import BlocYear
from meetings.documents.pdf import html_to_pdf
from meetings.documents.proof import qr_data_uri, verify_url
from meetings.documents.word import html_to_docx

if TYPE_CHECKING:
    from meetings.documents.registry import DocumentKind


@dataclass
class Header:
    """What every document's header and footer print (the `doc` of documents/base.html)."""

    parent_body: str
    issuer: str
    symbol_suffix: str
    place: str
    date: datetime.date | None
    type_name: str
    subject: str
    recipients: list[str] = field(default_factory=list)
    number: str = ""
    draft: bool = False
    archive: str = "VT"
    # An issued document's verification code, its public address and that address's QR code.
    code: str = ""
    verify_url: str = ""
    qr: str = ""


class DocumentBuilder:
    """Describe the document of one source record; subclasses fill in the specifics."""

    # Set when the kind the builder renders is declared.
    kind: ClassVar[DocumentKind]
    template_name: ClassVar[str]

    def __init__(self, source) -> None:
        self.source = source

    def bloc_year(self) -> BlocYear:
        raise NotImplementedError

    def subject(self) -> str:
        raise NotImplementedError

    def date(self) -> datetime.date | None:
        raise NotImplementedError

    def context(self) -> dict:
        """Return what the template needs besides `doc`."""
        return {}

    def recipients(self) -> list[str]:
        bloc_year = self.bloc_year()
        board = bloc_year.bloc.province.board_name or "Ban Thi đua - Khen thưởng tỉnh"
        return [board, "Các đơn vị thành viên Khối"]

    def place(self) -> str:
        return self.bloc_year().bloc.province.name

    def header(self, *, number: str = "", draft: bool = False, code: str = "") -> Header:
        bloc = self.bloc_year().bloc
        url = verify_url(code) if code else ""
        return Header(
            parent_body=bloc.province.parent_body,
            issuer=bloc.name,
            symbol_suffix=f"{self.kind.doc_type}-{bloc.symbol}",
            place=self.place(),
            date=self.date(),
            type_name=self.kind.type_name,
            subject=self.subject(),
            recipients=self.recipients(),
            number=number,
            draft=draft,
            code=code,
            verify_url=url,
            qr=qr_data_uri(url) if url else "",
        )

    def html(self, *, number: str = "", draft: bool = False, code: str = "") -> str:
        """Render the document's template, numbered (with its verification code) or as a draft:
        its PDF and its Word file are both made from this."""
        header = self.header(number=number, draft=draft, code=code)
        return render_to_string(self.template_name, {**self.context(), "doc": header})

    def render(self, *, number: str = "", draft: bool = False, code: str = "") -> bytes:
        """Render the document to PDF bytes, numbered (with its verification code) or as a
        draft."""
        # An issued document reserves its signature fields, for a signing tool to sign in place.
        html = self.html(number=number, draft=draft, code=code)
        return html_to_pdf(html, signature_fields=bool(code))

    def render_docx(self, *, number: str = "", draft: bool = False, code: str = "") -> bytes:
        """Render the document as an editable Word file, numbered or as a draft."""
        return html_to_docx(self.html(number=number, draft=draft, code=code))

    def render_issued(self, *, number: str, code: str) -> tuple[bytes, bytes]:
        """Render the issued document once and return its PDF, with its signature fields, and
        its Word file: the same content in both."""
        html = self.html(number=number, code=code)
        return html_to_pdf(html, signature_fields=True), html_to_docx(html)
