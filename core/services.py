"""What every app's services share: validating before a save, refusing a save made on a stale
copy, and saving an ordered list of child rows as a whole."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.utils.translation import gettext as _

from core.errors import DomainError
from core.text import nfc


def clean_or_refuse(obj) -> None:
    """Validate the object, turning what is wrong into one domain error."""
    try:
        obj.full_clean()
    except ValidationError as error:
        raise DomainError(" ".join(error.messages)) from error


def stale() -> DomainError:
    """Return the refusal of a save made on a copy someone else changed meanwhile."""
    return DomainError(
        _(
            "Someone else saved this record after you opened it. Your changes were not "
            "saved: reload the page to see theirs, then enter yours again."
        )
    )


def versioned_for_update(model, *, pk: int, version: int, field: str = "version"):
    """Lock the row and refuse when it changed since the user loaded it."""
    obj = model.objects.select_for_update().get(pk=pk)
    if getattr(obj, field) != version:
        raise stale()
    return obj


def numbered_items_save(
    *,
    items: models.QuerySet,
    make,
    rows: Sequence[dict],
    fields: Sequence[str],
) -> list[models.Model]:
    """Make the list hold these rows in this order, numbered from 1.

    A row with an `id` updates that item in place (so its history goes on), a row without one
    becomes a new item made by `make(position=…)`, and items no row names are deleted. Only
    items that really change are saved, so the history shows what was edited.
    """
    existing = {item.pk: item for item in items.select_for_update()}
    kept = {row["id"] for row in rows if row.get("id")}
    if kept - existing.keys():
        raise stale()
    for pk in existing.keys() - kept:
        existing.pop(pk).delete()
    moving = [
        row["id"]
        for position, row in enumerate(rows, start=1)
        if row.get("id") and existing[row["id"]].position != position
    ]
    if moving:
        # The numbers are unique per list: park the items that move above every number in use,
        # so that no save on the way meets another item's number. The parking place is not a
        # state anyone should see, hence update(), which the history does not record.
        above = max([len(rows), *(item.position for item in existing.values())])
        items.filter(pk__in=moving).update(position=F("position") + above)
    saved = []
    for position, row in enumerate(rows, start=1):
        values = {name: _cleaned(row.get(name, "")) for name in fields}
        if row.get("id"):
            item = existing[row["id"]]
            changed = item.position != position or any(
                getattr(item, name) != value for name, value in values.items()
            )
        else:
            item, changed = make(position=position), True
        if changed:
            item.position = position
            for name, value in values.items():
                setattr(item, name, value)
            try:
                clean_or_refuse(item)
            except DomainError as error:
                raise DomainError(
                    _("Item %(n)d: %(error)s") % {"n": position, "error": error.message}
                ) from error
            item.save()
        saved.append(item)
    return saved


def _cleaned(value):
    return nfc(value) if isinstance(value, str) else value
