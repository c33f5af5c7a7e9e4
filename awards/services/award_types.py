"""Writes to a province's award types: adding, changing and deactivating them, the standard
ones."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from awards.models import AwardType
from core.errors import DomainError
from core.services import clean_or_refuse, versioned_for_update
from core.text import nfc
from units.models import Province

AWARD_TYPE_EDITABLE_FIELDS = ("name", "short_name", "kind", "proposable_by_bloc", "position")


@dataclass(frozen=True)
class StandardAwardType:
    """An award type every province has, named as provinces usually name it."""

    name: str
    short_name: str
    kind: str
    proposable_by_bloc: bool

    def for_province(self, province: Province) -> dict:
        # "UBND tỉnh" for a province, "UBND thành phố" for a centrally run city.
        level = "thành phố" if province.kind == Province.Kind.CITY else "tỉnh"
        return {
            "name": self.name.format(level=level),
            "short_name": self.short_name.format(level=level),
            "kind": self.kind,
            "proposable_by_bloc": self.proposable_by_bloc,
        }


# The collective titles and awards of the Law on Emulation and Commendation (2022) that blocs
# deal with. A bloc votes on the province's flag and certificates of merit; the Government's
# flag and the Prime Minister's certificate are chosen by the province among those units, and
# the labour titles follow each unit's own review.
STANDARD_AWARD_TYPES = (
    StandardAwardType("Cờ thi đua của Chính phủ", "Cờ Chính phủ", AwardType.Kind.FLAG, False),
    StandardAwardType("Cờ thi đua của UBND {level}", "Cờ UBND {level}", AwardType.Kind.FLAG, True),
    StandardAwardType(
        "Bằng khen của Thủ tướng Chính phủ", "BK Thủ tướng", AwardType.Kind.MERIT, False
    ),
    StandardAwardType(
        "Bằng khen của Chủ tịch UBND {level}",
        "BK Chủ tịch UBND {level}",
        AwardType.Kind.MERIT,
        True,
    ),
    StandardAwardType("Tập thể lao động xuất sắc", "TTLĐXS", AwardType.Kind.TITLE, False),
    StandardAwardType("Tập thể lao động tiên tiến", "TTLĐTT", AwardType.Kind.TITLE, False),
)


def _save_award_type(award_type: AwardType) -> AwardType:
    """Validate and save, refusing a name the province already has (also when saved at once)."""
    taken = DomainError(_("This province already has an award type of this name."), field="name")
    others = AwardType.objects.filter(province_id=award_type.province_id).exclude(pk=award_type.pk)
    if others.filter(name=nfc(award_type.name)).exists():
        raise taken
    clean_or_refuse(award_type)
    try:
        with transaction.atomic():
            award_type.save()
    except IntegrityError as error:
        raise taken from error
    return award_type


@transaction.atomic
def award_type_create(
    *,
    province: Province,
    name: str,
    kind: str,
    short_name: str = "",
    proposable_by_bloc: bool = False,
    position: int | None = None,
) -> AwardType:
    """Add an award type to a province, after its other types unless a position is given."""
    award_type = AwardType(
        province=province,
        name=name,
        short_name=short_name,
        kind=kind,
        proposable_by_bloc=proposable_by_bloc,
        position=position if position is not None else AwardType.objects.next_position(province.pk),
    )
    return _save_award_type(award_type)


@transaction.atomic
def award_type_update(*, award_type: AwardType, version: int, **fields) -> AwardType:
    """Change an award type's name, kind or order, refusing a save made on a stale copy."""
    award_type = versioned_for_update(AwardType, pk=award_type.pk, version=version)
    for name in AWARD_TYPE_EDITABLE_FIELDS:
        if name in fields:
            setattr(award_type, name, fields[name])
    award_type.version += 1
    return _save_award_type(award_type)


def _set_active(award_type: AwardType, active: bool) -> AwardType:
    award_type = AwardType.objects.select_for_update().get(pk=award_type.pk)
    if award_type.is_active == active:
        message = (
            _("“%(name)s” is already in use.") if active else _("“%(name)s” is already retired.")
        )
        raise DomainError(message % {"name": award_type.name})
    award_type.is_active = active
    award_type.version += 1
    award_type.save()
    return award_type


@transaction.atomic
def award_type_deactivate(*, award_type: AwardType) -> AwardType:
    """Retire an award type: no new registration for it; past records keep it."""
    return _set_active(award_type, False)


@transaction.atomic
def award_type_reactivate(*, award_type: AwardType) -> AwardType:
    """Put a retired award type back in use."""
    return _set_active(award_type, True)


def standard_award_types_missing(*, province: Province, existing=None) -> list[str]:
    """Return the names of the standard award types the province does not have yet."""
    if existing is None:
        existing = AwardType.objects.filter(province=province).values_list("name", flat=True)
    have = set(existing)
    names = [standard.for_province(province)["name"] for standard in STANDARD_AWARD_TYPES]
    return [name for name in names if name not in have]


@transaction.atomic
def award_types_ensure_defaults(*, province: Province) -> list[AwardType]:
    """Add the standard award types the province does not have yet (by name); return the new.

    Calling it again adds nothing, and a type the board retired or reordered stays as it is.
    """
    existing = set(AwardType.objects.filter(province=province).values_list("name", flat=True))
    position = AwardType.objects.next_position(province.pk)
    created = []
    for standard in STANDARD_AWARD_TYPES:
        fields = standard.for_province(province)
        if fields["name"] in existing:
            continue
        award_type = AwardType(province=province, position=position, **fields)
        clean_or_refuse(award_type)
        try:
            with transaction.atomic():
                award_type.save()
        except IntegrityError:  # someone else added it at the same moment
            continue
        created.append(award_type)
        position += 1
    return created
