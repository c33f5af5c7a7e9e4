"""The counting committee (ban kiểm phiếu) of a ballot round: its head and members."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.db.models import F, Max
from django.utils.translation import gettext as _

from awards.models import Ballot, BallotCounter
from core.errors import DomainError
from core.services import clean_or_refuse, stale, versioned_for_update
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


@transaction.atomic
def committee_save(*, ballot: Ballot, rows: Sequence[dict]) -> list[BallotCounter]:
    """Make the committee these rows, in this order, all or none: a row with an `id` corrects
    that member (its `version` as the user loaded it), a row without one adds a member, and a
    member no row names is removed. One head at most, each unit a member of the bloc-year."""
    ballot = _locked(ballot)
    existing = {counter.pk: counter for counter in ballot.counters.select_for_update()}
    kept = [row["id"] for row in rows if row.get("id")]
    if set(kept) - existing.keys() or any(
        existing[row["id"]].version != row.get("version", 0) for row in rows if row.get("id")
    ):
        raise stale()
    if sum(row["role"] == BallotCounter.Role.HEAD for row in rows) > 1:
        raise DomainError(_("The counting committee has one head."))
    members = set(
        Unit.objects.filter(memberships__bloc_year_id=ballot.meeting.bloc_year_id).values_list(
            "pk", flat=True
        )
    )
    for row in rows:
        if row.get("unit") is not None and row["unit"].pk not in members:
            raise DomainError(
                _("%(unit)s is not a member of this bloc-year.") % {"unit": row["unit"].short_name}
            )
    for pk in existing.keys() - set(kept):
        existing.pop(pk).delete()
    # Park the members kept aside, none of them head, so that no save on the way meets another
    # member's number or a second head; the parking place is not a state anyone should see,
    # hence update(), which the history does not record.
    before = {pk: (c.position, c.role, c.name, c.title, c.unit_id) for pk, c in existing.items()}
    parking = max([len(rows), *(position for position, *_rest in before.values())], default=0)
    ballot.counters.filter(pk__in=existing).update(
        position=F("position") + parking, role=BallotCounter.Role.MEMBER
    )
    saved = []
    # Members first, the head last.
    for position, row in sorted(
        enumerate(rows, start=1), key=lambda pair: pair[1]["role"] == BallotCounter.Role.HEAD
    ):
        counter = existing.get(row.get("id")) or BallotCounter(ballot=ballot)
        unit = row.get("unit")
        wanted = (
            position,
            row["role"],
            row["name"],
            row.get("title", ""),
            unit.pk if unit else None,
        )
        if counter.pk and before[counter.pk] == wanted:
            # Unchanged: back to its place as it was, without a new version.
            BallotCounter.objects.filter(pk=counter.pk).update(position=position, role=row["role"])
            saved.append(counter)
            continue
        counter.position, counter.role = position, row["role"]
        counter.name, counter.title, counter.unit = row["name"], row.get("title", ""), unit
        if counter.pk:
            counter.version += 1
        clean_or_refuse(counter)
        counter.save()
        saved.append(counter)
    return sorted(saved, key=lambda counter: counter.position)
