"""The counting committee (ban kiểm phiếu) of a ballot round: its head and members."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from awards.models import Ballot, BallotCounter
from core.errors import DomainError
from core.services import clean_or_refuse, versioned_for_update
from units.models import Unit


def _check(*, ballot: Ballot, role: str, unit: Unit | None, exclude_pk: int | None) -> None:
    if role not in BallotCounter.Role.values:
        raise DomainError(_("Unknown role."), field="role")
    if role == BallotCounter.Role.HEAD:
        heads = ballot.counters.filter(role=BallotCounter.Role.HEAD).exclude(pk=exclude_pk)
        if heads.exists():
            raise DomainError(
                _("The counting committee already has a head: %(name)s.")
                % {"name": heads.first().name},
                field="role",
            )
    if unit is not None:
        bloc_year_id = ballot.meeting.bloc_year_id
        if not unit.memberships.filter(bloc_year_id=bloc_year_id).exists():
            raise DomainError(
                _("%(unit)s is not a member of this bloc-year.") % {"unit": unit.short_name},
                field="unit",
            )


def _locked(ballot: Ballot) -> Ballot:
    """Lock the round, so that two people adding a head at once cannot both succeed."""
    return Ballot.objects.select_for_update().select_related("meeting").get(pk=ballot.pk)


@transaction.atomic
def counter_add(
    *, ballot: Ballot, role: str, name: str, title: str = "", unit: Unit | None = None
) -> BallotCounter:
    """Add a member (or the head) to a round's counting committee, after the others."""
    ballot = _locked(ballot)
    _check(ballot=ballot, role=role, unit=unit, exclude_pk=None)
    last = ballot.counters.aggregate(last=Max("position"))["last"] or 0
    counter = BallotCounter(
        ballot=ballot, position=last + 1, role=role, name=name, title=title, unit=unit
    )
    clean_or_refuse(counter)
    counter.save()
    return counter


@transaction.atomic
def counter_update(
    *,
    counter: BallotCounter,
    version: int,
    role: str,
    name: str,
    title: str = "",
    unit: Unit | None = None,
) -> BallotCounter:
    """Correct a member of the committee: their role, name, title or unit, refusing a save made
    on a copy someone else changed meanwhile."""
    ballot = _locked(counter.ballot)
    counter = versioned_for_update(BallotCounter, pk=counter.pk, version=version)
    _check(ballot=ballot, role=role, unit=unit, exclude_pk=counter.pk)
    counter.role, counter.name, counter.title, counter.unit = role, name, title, unit
    counter.version += 1
    clean_or_refuse(counter)
    counter.save()
    return counter


@transaction.atomic
def counter_delete(*, counter: BallotCounter) -> None:
    """Remove a member from the committee."""
    _locked(counter.ballot)
    BallotCounter.objects.get(pk=counter.pk).delete()
