"""Writes to a bloc's rotation order."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext as _

from blocs.models import Bloc, RotationSlot
from core.errors import DomainError
from core.services import clean_or_refuse, versioned_for_update
from units.models import Unit


@transaction.atomic
def rotation_set(*, bloc: Bloc, units: Sequence[Unit], version: int) -> Bloc:
    """Make `units` the bloc's rotation order, refusing a change made on a stale copy.

    Slots are saved one by one (never `update()`), so the history shows every move.
    """
    bloc = versioned_for_update(Bloc, pk=bloc.pk, version=version)
    units = list(units)
    if len({unit.pk for unit in units}) != len(units):
        raise DomainError(_("A unit appears once in the rotation order."))
    foreign = [unit for unit in units if unit.province_id != bloc.province_id]
    if foreign:
        raise DomainError(
            _("Not units of %(province)s: %(units)s.")
            % {"province": bloc.province, "units": ", ".join(str(u) for u in foreign)}
        )
    slots = {slot.unit_id: slot for slot in bloc.rotation_slots.select_for_update()}
    wanted = {unit.pk: position for position, unit in enumerate(units, start=1)}
    for unit_id, slot in list(slots.items()):
        if unit_id not in wanted:
            slot.delete()
            del slots[unit_id]
    moving = [slot for slot in slots.values() if slot.position != wanted[slot.unit_id]]
    # Park the moving slots past the end first, so that no two share a place at any save.
    parking = max([len(units), *(slot.position for slot in slots.values())], default=0) + 1
    for offset, slot in enumerate(moving):
        slot.position = parking + offset
        slot.save()
    for slot in moving:
        slot.position = wanted[slot.unit_id]
        slot.save()
    for unit in units:
        if unit.pk not in slots:
            slot = RotationSlot(bloc=bloc, unit=unit, position=wanted[unit.pk])
            clean_or_refuse(slot)
            slot.save()
    bloc.version += 1
    clean_or_refuse(bloc)
    bloc.save()
    return bloc
