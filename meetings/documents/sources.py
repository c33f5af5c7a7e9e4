"""The records of a bloc-year that documents are issued for, by kind of document.

A builder renders one record; a source says where the records of its kind live, how a record
reaches its bloc-year and which of its fields dates the document, so that the pages can find a
record inside the bloc-year in the URL and list what can still be issued. Apps above meetings
(awards) add theirs with `register_source`.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Model, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from blocs.models import BlocYear, Handover, Pledge
from meetings.models import Meeting


@dataclass(frozen=True)
class DocumentSource:
    """Where the records of one kind of document live."""

    kind: str
    model: type[Model]
    label: str | Promise
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


SOURCES: dict[str, DocumentSource] = {}


def register_source(source: DocumentSource) -> DocumentSource:
    """Make the records of a kind of document reachable from the document pages."""
    SOURCES[source.kind] = source
    return source


register_source(
    DocumentSource(
        kind="minutes",
        model=Meeting,
        label=_("Minutes"),
        date_field="date",
        related=("bloc_year",),
    )
)
register_source(
    DocumentSource(
        kind="pledge",
        model=Pledge,
        label=_("Pledge"),
        date_field="signed_on",
        related=("bloc_year",),
    )
)
register_source(
    DocumentSource(
        kind="handover",
        model=Handover,
        label=_("Handover record"),
        date_field="handed_over_on",
        related=("bloc_year__bloc", "from_unit", "to_unit"),
    )
)
