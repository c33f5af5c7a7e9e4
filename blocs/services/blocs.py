"""Writes to blocs and their years: a bloc with its rotation order, its details, a year with its
settings."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from blocs.models import Bloc, BlocYear, Membership, RotationSlot
from core.errors import DomainError
from core.services import clean_or_refuse, versioned_for_update
from units.models import Province


@transaction.atomic
def bloc_create(
    *,
    province: Province,
    name: str,
    symbol: str,
    kind: str = Bloc.Kind.BLOC,
    description: str = "",
    rotation=(),
) -> Bloc:
    """Create a bloc with its rotation order (units in the order they take turns)."""
    bloc = Bloc(province=province, name=name, symbol=symbol, kind=kind, description=description)
    clean_or_refuse(bloc)
    bloc.save()
    for position, unit in enumerate(rotation, start=1):
        slot = RotationSlot(bloc=bloc, unit=unit, position=position)
        clean_or_refuse(slot)
        slot.save()
    return bloc


@transaction.atomic
def bloc_update(
    *, bloc: Bloc, version: int, name: str, kind: str, symbol: str, description: str = ""
) -> Bloc:
    """Change a bloc's name, kind, document symbol and description."""
    bloc = versioned_for_update(Bloc, pk=bloc.pk, version=version)
    bloc.name, bloc.kind, bloc.symbol, bloc.description = name, kind, symbol, description
    bloc.version += 1
    clean_or_refuse(bloc)
    try:
        with transaction.atomic():
            bloc.save()
    except IntegrityError as error:  # another bloc took the name or symbol meanwhile
        raise DomainError(
            _("Another bloc of this province already has this name or document symbol.")
        ) from error
    return bloc


@transaction.atomic
def bloc_year_create(*, bloc: Bloc, year: int, **settings) -> BlocYear:
    """Open a year of a bloc with its settings (defaults where none are given)."""
    bloc_year = BlocYear(bloc=bloc, year=year, **settings)
    clean_or_refuse(bloc_year)
    bloc_year.save()
    return bloc_year


SETTINGS_FIELDS = (
    "max_deputies",
    "deputies_unknown",
    "quorum_numerator",
    "quorum_denominator",
    "vote_threshold_percent",
    "flag_quota",
    "merit_quota",
    "score_scale",
    "rotation_lookback_years",
    "note",
)


@transaction.atomic
def bloc_year_update_settings(*, bloc_year: BlocYear, version: int, **settings) -> BlocYear:
    """Change the rules a bloc-year follows, refusing a save made on a stale copy."""
    bloc_year = versioned_for_update(BlocYear, pk=bloc_year.pk, version=version)
    for name in SETTINGS_FIELDS:
        if name in settings:
            setattr(bloc_year, name, settings[name])
    members = bloc_year.memberships.count()
    for name, label in (("flag_quota", _("flags")), ("merit_quota", _("certificates of merit"))):
        quota = getattr(bloc_year, name)
        if members and quota is not None and quota > members:
            raise DomainError(
                _("The bloc has %(members)d members: it cannot propose %(quota)d %(award)s.")
                % {"members": members, "quota": quota, "award": label},
                field=name,
            )
    deputies = bloc_year.memberships.filter(role=Membership.Role.DEPUTY).count()
    if deputies > bloc_year.max_deputies:
        raise DomainError(
            _("The bloc-year already has %(n)d deputies; the maximum cannot be lower.")
            % {"n": deputies}
        )
    bloc_year.version += 1
    clean_or_refuse(bloc_year)
    bloc_year.save()
    return bloc_year
