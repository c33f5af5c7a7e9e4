"""Who changed what, and when: the history of an object and of its parts, as pages show it.

Built on django-simple-history: each historical record is compared with the record of the same
object just before it (`diff_against`), and the result is a flat list of entries, newest first,
that `templates/includes/history.html` prints.

A page passes one queryset of historical records per kind of object, already filtered to what
it shows; a queryset of the parts of an object names each part by annotating `history_label`:

    history_entries(
        bloc_year.history.all(),
        Membership.history.filter(bloc_year=bloc_year).annotate(
            history_label=F("unit__short_name")
        ),
    )

The queries are bounded: for each queryset, one for its records (with their users) and one for
the records they are compared with; then one for each kind of object a changed reference points
to, however many entries there are.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db import models
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

CREATED, CHANGED, DELETED = "+", "~", "-"
ACTIONS = {CREATED: _("created"), CHANGED: _("changed"), DELETED: _("deleted")}


@dataclass(frozen=True)
class FieldChange:
    """One field of an object, as it was and as it became (None when empty)."""

    label: str
    old: str | None
    new: str | None


@dataclass(frozen=True)
class HistoryEntry:
    """One save or deletion: who, when, what object, which fields changed."""

    when: datetime.datetime
    user: object | None
    action: str
    subject: str
    label: str
    changes: tuple[FieldChange, ...]
    reason: str

    @property
    def action_label(self) -> str:
        return ACTIONS[self.action]


def history_entries(*querysets: QuerySet, limit: int = 20) -> list[HistoryEntry]:
    """Return the latest changes found in these querysets of historical records, newest first."""
    found: list[tuple[models.Model, models.Model | None]] = []
    for queryset in querysets:
        found.extend(_records_with_previous(queryset, limit))
    found.sort(key=lambda pair: pair[0].history_date, reverse=True)
    found = found[:limit]
    deltas = [(record, _changes(record, previous)) for record, previous in found]
    names = _names_of_references(changes for _record, changes in deltas)
    entries = []
    for record, changes in deltas:
        if record.history_type == CHANGED and changes is not None and not changes:
            continue  # a save that changed no field a person edits (a version bump)
        entries.append(_entry(record, changes or [], names))
    return entries


def _records_with_previous(queryset: QuerySet, limit: int):
    """Yield the latest records of the queryset, each with the record of its object before it."""
    model = queryset.model
    key = model.instance_type._meta.pk.attname
    earlier = (
        model._default_manager.filter(**{key: OuterRef(key)})
        .filter(
            Q(history_date__lt=OuterRef("history_date"))
            | Q(history_date=OuterRef("history_date"), pk__lt=OuterRef("pk"))
        )
        .order_by("-history_date", "-pk")
        .values("pk")[:1]
    )
    records = list(
        queryset.select_related("history_user")
        .annotate(previous_pk=Subquery(earlier))
        .order_by("-history_date", "-pk")[:limit]
    )
    wanted = [r.previous_pk for r in records if r.history_type == CHANGED and r.previous_pk]
    previous = model._default_manager.in_bulk(wanted) if wanted else {}
    for record in records:
        yield record, previous.get(record.previous_pk)


def _changes(record, previous) -> list[tuple[models.Field, object, object]] | None:
    """Return the fields a person edits that differ from the previous record (None: unknown)."""
    if record.history_type != CHANGED or previous is None:
        return None
    fields = record.instance_type._meta
    delta = record.diff_against(previous)
    changed = [(fields.get_field(c.field), c.old, c.new) for c in delta.changes]
    order = {field: index for index, field in enumerate(fields.concrete_fields)}
    return sorted(changed, key=lambda change: order.get(change[0], len(order)))


def _names_of_references(all_changes) -> dict[tuple[type, object], str]:
    """Name the objects that changed references point to, one query per kind of object."""
    wanted: dict[type, set] = defaultdict(set)
    for changes in all_changes:
        for field, old, new in changes or ():
            if field.many_to_one or field.one_to_one:
                wanted[field.related_model].update(v for v in (old, new) if v is not None)
    names = {}
    for model, keys in wanted.items():
        # FETCH_PEERS: what an object's name needs from further objects comes in one query too.
        objects = model._base_manager.filter(pk__in=keys).fetch_mode(models.FETCH_PEERS)
        names.update({(model, obj.pk): str(obj) for obj in objects})
    return names


def _entry(record, changes, names) -> HistoryEntry:
    return HistoryEntry(
        when=record.history_date,
        user=record.history_user,
        action=record.history_type,
        subject=capfirst(record.instance_type._meta.verbose_name),
        label=str(getattr(record, "history_label", "") or ""),
        changes=tuple(
            FieldChange(
                label=capfirst(field.verbose_name),
                old=_shown(field, old, names),
                new=_shown(field, new, names),
            )
            for field, old, new in changes
        ),
        reason=record.history_change_reason or "",
    )


def _shown(field: models.Field, value, names) -> str | None:
    """Return a field's value as a person reads it, or None when it is empty."""
    if value is None or value == "":
        return None
    if field.many_to_one or field.one_to_one:
        return names.get((field.related_model, value), f"#{value}")
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%H:%M %d/%m/%Y")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    return str(value)
