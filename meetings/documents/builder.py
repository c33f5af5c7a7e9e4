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

from blocs.models import BlocYear
from meetings.documents.pdf import render_pdf

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

    def header(self, *, number: str = "", draft: bool = False) -> Header:
        bloc = self.bloc_year().bloc
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
        )

    def render(self, *, number: str = "", draft: bool = False) -> bytes:
        """Render the document to PDF bytes, numbered or as a draft."""
        return render_pdf(
            self.template_name, {**self.context(), "doc": self.header(number=number, draft=draft)}
        )
