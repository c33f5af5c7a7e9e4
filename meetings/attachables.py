"""The records a file may be attached to: each kind of attachment but "other" belongs to one
sort of record (the leadership decision here; the province's award decision and the ballot in
awards), declared once by the app whose records they are. The year's documents page offers the
records of the bloc-year; the record's own page lists the files attached to it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.prefetch import GenericPrefetch
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Model, QuerySet

from blocs.models import BlocYear, LeadershipDecision
from meetings.models import Attachment


@dataclass(frozen=True)
class Attachable:
    """One sort of record files of one kind belong to, and which of them a bloc-year holds."""

    kind: str
    model: type[Model]
    records: Callable[[BlocYear], QuerySet]
    # What a record's name is made of, loaded with it.
    related: tuple[str, ...] = ()


_BY_KIND: dict[str, Attachable] = {}


def attachable_declare(attachable: Attachable) -> Attachable:
    """Let files of a kind be attached to records of a model."""
    if attachable.kind in _BY_KIND:
        raise ImproperlyConfigured(f"Files of kind {attachable.kind!r} are declared twice.")
    _BY_KIND[attachable.kind] = attachable
    return attachable


def attachable_of(kind: str) -> Attachable | None:
    """Return the sort of record files of the kind belong to, or None (other files)."""
    return _BY_KIND.get(kind)


def record_choices(bloc_year: BlocYear) -> list[tuple[str, str]]:
    """Return the bloc-year's records a file may be attached to, as form choices whose value
    names the kind and the record ("tally_sheet:12"), in the order of the kinds."""
    choices = []
    for kind, label in Attachment.Kind.choices:
        attachable = _BY_KIND.get(kind)
        if attachable is None:
            continue
        choices += [
            (f"{kind}:{record.pk}", f"{label}: {record}")
            for record in attachable.records(bloc_year)
        ]
    return choices


def record_chosen(bloc_year: BlocYear, value: str) -> tuple[str, Model] | None:
    """Return the kind and the record a choice names, if the bloc-year holds it."""
    kind, _sep, pk = value.partition(":")
    attachable = _BY_KIND.get(kind)
    if attachable is None or not pk.isdigit():
        return None
    record = attachable.records(bloc_year).filter(pk=int(pk)).first()
    return (kind, record) if record is not None else None


def with_records(attachments: QuerySet[Attachment]) -> QuerySet[Attachment]:
    """Load the record of each attachment, and what its name is made of, in one query a sort."""
    return attachments.prefetch_related(
        GenericPrefetch(
            "record",
            [
                attachable.model._default_manager.select_related(*attachable.related)
                for attachable in _BY_KIND.values()
            ],
        )
    )


def attachments_of(record: Model) -> QuerySet[Attachment]:
    """Return the files attached to a record, in the order they came."""
    return Attachment.objects.filter(
        record_type=ContentType.objects.get_for_model(record), record_id=record.pk
    ).select_related("bloc_year", "uploaded_by")


LEADERSHIP = attachable_declare(
    Attachable(
        kind=Attachment.Kind.LEADERSHIP_DECISION,
        model=LeadershipDecision,
        records=lambda bloc_year: (
            LeadershipDecision.objects.filter(assignments__bloc_year=bloc_year)
            .distinct()
            .order_by("date", "number")
        ),
    )
)
