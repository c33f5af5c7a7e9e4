"""Small builders for the three kinds of record, so that the registry and the document pages are
tested apart from the real documents' templates: one page, the header fields that matter."""

from __future__ import annotations

import datetime

import pytest
from django.template import Context, Template

from meetings.documents.builder import DocumentBuilder
from meetings.documents.kinds import HANDOVER, MINUTES, PLEDGE

TINY = Template(
    "<p>{% if doc.draft %}DỰ THẢO{% endif %}</p>"
    "<p>Số: {% if doc.number %}{{ doc.number }}{% else %}……/{{ doc.symbol_suffix }}{% endif %}</p>"
    "<p>{{ doc.type_name }}: {{ doc.subject }}</p>"
)


class TinyBuilder(DocumentBuilder):
    """Render the header fields of a document on one page, through the real renderer."""

    template_name = "unused"
    # Rendering costs a WeasyPrint run; the registry tests that do not read the PDF turn it off.
    real_pdf = True

    def bloc_year(self):
        return self.source.bloc_year

    def html(self, *, number: str = "", draft: bool = False, code: str = "") -> str:
        return TINY.render(Context({"doc": self.header(number=number, draft=draft)}))

    def render(self, *, number: str = "", draft: bool = False, code: str = "") -> bytes:
        if not self.real_pdf:
            return f"%PDF-1.7 {number or 'draft'} {self.subject()}".encode()
        return super().render(number=number, draft=draft, code=code)

    def render_issued(self, *, number: str, code: str) -> tuple[bytes, bytes]:
        if not self.real_pdf:
            return self.render(number=number, code=code), f"PK {number}".encode()
        return super().render_issued(number=number, code=code)


class TinyMinutes(TinyBuilder):
    kind = MINUTES

    def subject(self) -> str:
        return self.source.title

    def date(self) -> datetime.date | None:
        return self.source.date


class TinyPledge(TinyBuilder):
    kind = PLEDGE

    def subject(self) -> str:
        return self.source.title

    def date(self) -> datetime.date | None:
        return self.source.signed_on


class TinyHandover(TinyBuilder):
    kind = HANDOVER

    def subject(self) -> str:
        return "Bàn giao nhiệm vụ Khối trưởng"

    def date(self) -> datetime.date | None:
        return self.source.handed_over_on


@pytest.fixture
def tiny_builders(monkeypatch):
    """Put the small builders in place of the real ones for the test."""
    for builder in (TinyMinutes, TinyPledge, TinyHandover):
        monkeypatch.setattr(builder.kind, "builder", builder)


@pytest.fixture
def fake_pdfs(monkeypatch, tiny_builders):
    """Make the small builders return PDF-like bytes without running WeasyPrint."""
    monkeypatch.setattr(TinyBuilder, "real_pdf", False)
