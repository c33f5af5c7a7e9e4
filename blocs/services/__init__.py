"""Writes to blocs, bloc-years, memberships and leadership."""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from blocs.models import Bloc, BlocYear, LeadershipDecision, Membership, RotationSlot
from units.models import Province, Unit
from units.services import DomainError, clean_or_refuse, versioned_for_update


@transaction.atomic
def bloc_create(
    *, province: Province, name: str, symbol: str, kind: str = Bloc.Kind.BLOC, rotation=()
) -> Bloc:
    """Create a bloc with its rotation order (units in the order they take turns)."""
    bloc = Bloc(province=province, name=name, symbol=symbol, kind=kind)
    clean_or_refuse(bloc)
    bloc.save()
    for position, unit in enumerate(rotation, start=1):
        slot = RotationSlot(bloc=bloc, unit=unit, position=position)
        clean_or_refuse(slot)
        slot.save()
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


@transaction.atomic
def membership_add(*, bloc_year: BlocYear, unit: Unit, note: str = "") -> Membership:
    """Add a unit to a bloc-year, refusing one already in another bloc that year."""
    other = (
        Membership.objects.filter(unit=unit, year=bloc_year.year)
        .select_related("bloc_year__bloc")
        .first()
    )
    if other is not None:
        raise DomainError(
            _("%(unit)s is already a member of %(bloc)s in %(year)d.")
            % {"unit": unit, "bloc": other.bloc_year.bloc, "year": bloc_year.year}
        )
    membership = Membership(bloc_year=bloc_year, unit=unit, note=note)
    clean_or_refuse(membership)
    try:
        with transaction.atomic():
            membership.save()
    except IntegrityError as error:  # a concurrent insert of the same unit
        raise DomainError(_("%(unit)s is already in a bloc that year.") % {"unit": unit}) from error
    return membership


@transaction.atomic
def leadership_decision_record(
    *, province: Province, number: str, date: datetime.date, signer: str = "", subject: str = ""
) -> LeadershipDecision:
    """Record a provincial decision that assigns heads and deputies (or return it if known)."""
    decision = LeadershipDecision.objects.filter(
        province=province, number=number, date=date
    ).first()
    if decision is not None:
        return decision
    decision = LeadershipDecision(
        province=province, number=number, date=date, signer=signer, subject=subject
    )
    clean_or_refuse(decision)
    decision.save()
    return decision


@transaction.atomic
def leadership_set(
    *,
    bloc_year: BlocYear,
    head: Unit,
    deputies: list[Unit] | tuple[Unit, ...] = (),
    basis: str,
    decision: LeadershipDecision | None = None,
    elected_on: datetime.date | None = None,
) -> BlocYear:
    """Make one unit head and these units deputies (in rank order); the others plain members."""
    if head in deputies:
        raise DomainError(_("The head cannot also be a deputy."))
    if len(set(deputies)) != len(deputies):
        raise DomainError(_("A unit is named twice among the deputies."))
    if len(deputies) > bloc_year.max_deputies:
        raise DomainError(
            _("This bloc-year has at most %(n)d deputies.") % {"n": bloc_year.max_deputies}
        )
    memberships = {m.unit_id: m for m in bloc_year.memberships.select_for_update()}
    missing = [u for u in [head, *deputies] if u.pk not in memberships]
    if missing:
        raise DomainError(
            _("Only members can lead the bloc; not members in %(year)d: %(units)s.")
            % {"year": bloc_year.year, "units": ", ".join(str(u) for u in missing)}
        )
    wanted = {head.pk: (Membership.Role.HEAD, None)}
    wanted.update({u.pk: (Membership.Role.DEPUTY, rank) for rank, u in enumerate(deputies, 1)})
    # Demote first, so that the one-head and rank constraints hold after every single save.
    for membership in memberships.values():
        if membership.is_leader:
            membership.role, membership.deputy_rank = Membership.Role.MEMBER, None
            membership.basis, membership.decision, membership.elected_on = "", None, None
            membership.save()
    if deputies and bloc_year.deputies_unknown:
        bloc_year.deputies_unknown = False
        bloc_year.save(update_fields=["deputies_unknown"])
    for unit_id, (role, rank) in wanted.items():
        membership = memberships[unit_id]
        membership.role, membership.deputy_rank = role, rank
        membership.basis, membership.decision = basis, decision
        membership.elected_on = elected_on
        clean_or_refuse(membership)
        membership.save()
    return bloc_year
