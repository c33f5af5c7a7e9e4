"""Records no one may delete while something stands on them, whoever deletes: a page's service,
the Django admin, a cascade from a parent, the shell.

A higher app says which records and why (meetings: the records an issued document was made
from); core refuses the deletion before the database sees it, and the admin lists them as it
lists the records a PROTECT key keeps.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

from django.db.models import Model, ProtectedError
from django.db.models.signals import pre_delete

Guard = Callable[[Model], str | None]

_GUARDS: dict[type[Model], list[Guard]] = defaultdict(list)


def deletion_guard(model: type[Model], guard: Guard) -> None:
    """Refuse to delete a record of `model` while `guard(record)` gives a reason (a message)."""
    _GUARDS[model].append(guard)
    pre_delete.connect(_refuse, sender=model, dispatch_uid=f"core.protection.{model._meta.label}")


def deletion_refusal(record: Model) -> str | None:
    """Return why the record cannot be deleted, or None when nothing stands on it."""
    for guard in _GUARDS.get(type(record), ()):
        if reason := guard(record):
            return reason
    return None


def guarded_models() -> set[type[Model]]:
    """Return the models whose records a guard may keep."""
    return set(_GUARDS)


def deletion_refusals(records: Iterable[Model]) -> list[tuple[Model, str]]:
    """Return the records kept among these, each with why."""
    return [(record, reason) for record in records if (reason := deletion_refusal(record))]


def _refuse(sender, instance: Model, **kwargs) -> None:
    if reason := deletion_refusal(instance):
        raise ProtectedError(reason, {instance})
