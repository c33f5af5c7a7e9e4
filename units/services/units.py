"""Writes to provinces and units."""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from core.errors import DomainError
from core.services import clean_or_refuse, versioned_for_update
from core.text import nfc
from units.models import Province, Unit, UnitName

UNIT_EDITABLE_FIELDS = (
    "short_name",
    "full_name",
    "abbreviation",
    "address",
    "leader_name",
    "leader_title",
)
NAME_FIELDS = ("short_name", "full_name", "abbreviation")


def _keep_former_name(*, unit: Unit, effective: datetime.date, basis: str) -> UnitName:
    """Store the unit's current name as a former one that ends the day before `effective`."""
    latest = unit.names.order_by("-valid_until").first()
    if latest is not None and effective <= latest.valid_until:
        raise DomainError(
            _("The new name must take effect after the last recorded change (%(date)s).")
            % {"date": latest.valid_until.strftime("%d/%m/%Y")}
        )
    former = UnitName(
        unit=unit,
        short_name=unit.short_name,
        full_name=unit.full_name,
        abbreviation=unit.abbreviation,
        valid_from=latest.valid_until if latest else None,
        valid_until=effective,
        basis=basis,
    )
    clean_or_refuse(former)
    former.save()
    return former


@transaction.atomic
def unit_update(
    *,
    unit: Unit,
    version: int,
    renamed_on: datetime.date | None = None,
    rename_basis: str = "",
    **fields: str,
) -> Unit:
    """Change a unit's details; with `renamed_on`, its old name is kept for earlier records."""
    unit = versioned_for_update(Unit, pk=unit.pk, version=version)
    renamed = any(name in fields and fields[name] != getattr(unit, name) for name in NAME_FIELDS)
    if renamed_on is not None:
        if not renamed:
            raise DomainError(_("A rename date was given but the name did not change."))
        _keep_former_name(unit=unit, effective=renamed_on, basis=rename_basis)
    for name in UNIT_EDITABLE_FIELDS:
        if name in fields:
            setattr(unit, name, fields[name])
    unit.version += 1
    clean_or_refuse(unit)
    unit.save()
    return unit


@transaction.atomic
def unit_rename(
    *,
    unit: Unit,
    effective: datetime.date,
    short_name: str,
    full_name: str,
    abbreviation: str = "",
    basis: str = "",
) -> Unit:
    """Give a unit a new name from a date on, keeping the old one for the records before it."""
    return unit_update(
        unit=unit,
        version=Unit.objects.get(pk=unit.pk).version,
        renamed_on=effective,
        rename_basis=basis,
        short_name=short_name,
        full_name=full_name,
        abbreviation=abbreviation or Unit.objects.get(pk=unit.pk).abbreviation,
    )


@transaction.atomic
def unit_merge(*, unit: Unit, into: Unit, effective: datetime.date) -> Unit:
    """Record that a unit was merged into another from a date on."""
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    if unit.merged_into_id:
        raise DomainError(
            _("This unit was already merged into %(unit)s.") % {"unit": unit.merged_into}
        )
    unit.merged_into, unit.merged_on = into, effective
    unit.version += 1
    clean_or_refuse(unit)
    unit.save()
    return unit


@transaction.atomic
def unit_create(
    *,
    province: Province,
    short_name: str,
    full_name: str,
    abbreviation: str = "",
    address: str = "",
    leader_name: str = "",
    leader_title: str = "",
) -> Unit:
    """Add a unit to a province, refusing a full name the province already has."""
    unit = Unit(
        province=province,
        short_name=short_name,
        full_name=full_name,
        abbreviation=abbreviation,
        address=address,
        leader_name=leader_name,
        leader_title=leader_title,
    )
    taken = _("This province already has a unit with this name.")
    if Unit.objects.filter(province=province, full_name=nfc(full_name)).exists():
        raise DomainError(taken, field="full_name")
    clean_or_refuse(unit)
    try:
        with transaction.atomic():
            unit.save()
    except IntegrityError as error:  # a concurrent insert of the same name
        raise DomainError(taken, field="full_name") from error
    return unit


@transaction.atomic
def province_terms_set(
    *, province: Province, version: int, head_term: str, deputy_term: str
) -> Province:
    """Set what the province calls a bloc's head and deputies, refusing a stale copy."""
    province = versioned_for_update(Province, pk=province.pk, version=version)
    province.head_term, province.deputy_term = nfc(head_term), nfc(deputy_term)
    province.version += 1
    clean_or_refuse(province)
    province.save()
    return province
