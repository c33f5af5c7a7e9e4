"""Changes to a bloc-year's member list, each checked against the version the user saw."""

from __future__ import annotations

from django.db import IntegrityError, router, transaction
from django.db.models import ProtectedError, RestrictedError
from django.db.models.deletion import Collector
from django.utils.translation import gettext as _

from blocs.models import BlocYear, Membership
from core.errors import DomainError
from core.services import clean_or_refuse, versioned_for_update
from units.models import Unit


def members_lock(*, bloc_year: BlocYear, members_version: int) -> BlocYear:
    """Lock the bloc-year, refusing when its member list changed since the user loaded it."""
    return versioned_for_update(
        BlocYear, pk=bloc_year.pk, version=members_version, field="members_version"
    )


def members_bump(bloc_year: BlocYear) -> None:
    """Record that the member list changed, so that older forms are refused."""
    bloc_year.members_version += 1
    bloc_year.save(update_fields=["members_version"])


def refuse_merged(unit: Unit) -> None:
    if unit.merged_into_id is not None:
        raise DomainError(
            _("%(unit)s was merged into %(other)s; it can no longer join a bloc.")
            % {"unit": unit, "other": unit.merged_into}
        )


@transaction.atomic
def member_add(
    *, bloc_year: BlocYear, unit: Unit, members_version: int | None = None, note: str = ""
) -> Membership:
    """Add a unit to a bloc-year, refusing a merged unit and one already in a bloc that year.

    With `members_version` (an add from the member list), the list must be as the user loaded it
    and the add changes its version; without it (an import, the demo), the caller holds the list.
    """
    if members_version is not None:
        bloc_year = members_lock(bloc_year=bloc_year, members_version=members_version)
    refuse_merged(unit)
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
    if members_version is not None:
        members_bump(bloc_year)
    return membership


def records_depending_on(membership: Membership) -> list[str]:
    """Name the kinds of records that deleting the membership would delete or is blocked by."""
    collector = Collector(using=router.db_for_write(Membership))
    try:
        collector.collect([membership])
    except (ProtectedError, RestrictedError) as error:
        found = (
            error.protected_objects
            if isinstance(error, ProtectedError)
            else error.restricted_objects
        )
        return sorted({str(obj._meta.verbose_name_plural) for obj in found})
    names = {
        str(model._meta.verbose_name_plural)
        for model, instances in collector.data.items()
        if model is not Membership and instances
    }
    names.update(
        str(queryset.model._meta.verbose_name_plural)
        for queryset in collector.fast_deletes
        if queryset.model is not Membership and queryset.exists()
    )
    return sorted(names)


@transaction.atomic
def member_remove(*, membership: Membership, members_version: int) -> BlocYear:
    """Take a plain member off the list; a head or deputy is refused while it leads."""
    bloc_year = members_lock(bloc_year=membership.bloc_year, members_version=members_version)
    membership = Membership.objects.select_related("unit").get(pk=membership.pk)
    if membership.is_leader:
        raise DomainError(
            _(
                "%(unit)s leads the bloc this year: give the leadership to another unit before "
                "removing it."
            )
            % {"unit": membership.unit}
        )
    records = records_depending_on(membership)
    if records:
        raise DomainError(
            _("%(unit)s already has records in this year (%(records)s); it stays a member.")
            % {"unit": membership.unit, "records": ", ".join(records)}
        )
    membership.delete()
    members_bump(bloc_year)
    return bloc_year
