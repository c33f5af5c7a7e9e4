"""The registry of document kinds: each kind declared once, by the app whose records it renders.

A kind names everything about one sort of official record: its code (stored on each issued
document and used in URLs), its title on the pages, its type in the number (BB, GƯ, TTr …) and
the heading it prints, the builder that renders it, and where its source records live. A record
model has one kind, so a page finds the kind of a record from the record alone.

A higher app may extend a kind with a builder of its own (awards gives the minutes of a year-end
conference its sections): `kind_extend` takes a subclass of the declared builder, once. Because
extending needs the declared kind, the module that declares it is imported first, whatever order
the apps are loaded in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Model, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from core.protection import deletion_guard
from meetings.models import Document

if TYPE_CHECKING:
    from blocs.models import BlocYear
    from meetings.documents.builder import DocumentBuilder


@dataclass(frozen=True)
class DocumentSource:
    """Where the records of one kind live: their model, the path from a record to its bloc-year,
    the field that dates the document, and what a list of them loads with them."""

    model: type[Model]
    date_field: str
    bloc_year_path: str = "bloc_year"
    related: tuple[str, ...] = ()

    def records(self, bloc_year: BlocYear) -> QuerySet:
        """Return the records of this kind in the bloc-year."""
        return self.model.objects.filter(**{self.bloc_year_path: bloc_year}).select_related(
            *self.related
        )

    def date_of(self, record) -> object:
        return getattr(record, self.date_field)


@dataclass(eq=False)
class DocumentKind:
    """One kind of official record; `builder` is the declared builder or its one extension."""

    code: str
    title: str | Promise
    doc_type: str
    type_name: str
    builder: type[DocumentBuilder]
    source: DocumentSource
    # Where the kind stands in the lists of a bloc-year's records.
    order: int
    extended: bool = field(default=False, init=False)

    def __str__(self) -> str:
        return str(self.title)

    def builder_for(self, record) -> DocumentBuilder:
        """Return the builder of this kind's document for one of its records."""
        return self.builder(record)


_KINDS: dict[str, DocumentKind] = {}
_BY_MODEL: dict[type[Model], DocumentKind] = {}


def kind_declare(kind: DocumentKind) -> DocumentKind:
    """Make a kind known to the document pages and the registry; its builder renders it."""
    if kind.code in _KINDS or kind.source.model in _BY_MODEL:
        raise ImproperlyConfigured(
            f"The document kind {kind.code!r} or its records are declared twice."
        )
    kind.builder.kind = kind
    _KINDS[kind.code] = kind
    _BY_MODEL[kind.source.model] = kind
    # The record a document was made from is what a correction is made from: it stays.
    deletion_guard(kind.source.model, _issued_from)
    return kind


def _issued_from(record: Model) -> str | None:
    """Return why a record an issued document was made from cannot be deleted."""
    issued = Document.objects.of_record(record).order_by("issued_at").first()
    if issued is None:
        return None
    return _(
        "The document %(symbol)s was issued from this record: it stays, so that the document "
        "can be corrected from it."
    ) % {"symbol": issued.symbol}


def kind_extend(kind: DocumentKind, builder: type[DocumentBuilder]) -> DocumentKind:
    """Render a declared kind with a builder that extends its own (once, by one higher app)."""
    if kind.extended:
        raise ImproperlyConfigured(f"The document kind {kind.code!r} is extended twice.")
    if not issubclass(builder, kind.builder):
        raise ImproperlyConfigured(
            f"{builder.__name__} must extend {kind.builder.__name__} to render {kind.code!r}."
        )
    kind.builder = builder
    kind.extended = True
    return kind


def kind_named(code: str) -> DocumentKind | None:
    """Return the kind stored under this code, or None when there is none."""
    return _KINDS.get(code)


def kind_of(record: Model | type[Model]) -> DocumentKind:
    """Return the kind of a record's documents (a record model has exactly one)."""
    model = record if isinstance(record, type) else type(record)
    return _BY_MODEL[model]


def declared_kinds() -> list[DocumentKind]:
    """Return every declared kind, in the order the lists show them."""
    return sorted(_KINDS.values(), key=lambda kind: kind.order)
