"""Writes to the leadership of bloc-years: heads, deputies, and the decisions that assign them."""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Iterable, Mapping, Sequence

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from blocs.models import BlocYear, LeadershipDecision, Membership
from core.dates import year_window_error
from core.errors import DomainError
from core.services import clean_or_refuse
from units.models import Province, Unit

STALE_LEADERSHIP = gettext_noop(
    "Someone else changed the head and deputies of this year after you opened the page. "
    "Nothing was saved: look at the leadership as it is now, then decide again."
)


def leadership_version(memberships: Iterable[Membership]) -> str:
    """Return a short fingerprint of the leaders among these memberships, for optimistic locking.

    The leadership is spread over several membership rows, so it has no version column of its
    own: the form carries this fingerprint and the service compares it under lock.
    """
    leaders = sorted(
        (m.unit_id, m.role, m.deputy_rank or 0, m.basis, m.decision_id or 0, str(m.elected_on))
        for m in memberships
        if m.role != Membership.Role.MEMBER
    )
    return hashlib.sha256(repr(leaders).encode()).hexdigest()[:16]


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
    deputies: Sequence[Unit] = (),
    basis: str,
    decision: LeadershipDecision | None = None,
    elected_on: datetime.date | None = None,
    version: str | None = None,
    bases: Mapping[int, str] | None = None,
) -> BlocYear:
    """Make one unit head and these units deputies (in rank order); the others plain members.

    Each leader gets `basis`, or the one `bases` gives its unit (by primary key): a proposal
    taken in part keeps the rotation for the head and the conference's choice for a deputy.

    With `version` (see `leadership_version`), refuse when the leaders changed since the user
    loaded them. Only the memberships whose role or basis changes are saved, so the history
    shows what changed.
    """
    deputies = list(deputies)
    if head in deputies:
        raise DomainError(_("The head cannot also be a deputy."))
    if len(set(deputies)) != len(deputies):
        raise DomainError(_("A unit is named twice among the deputies."))
    if len(deputies) > bloc_year.max_deputies:
        raise DomainError(
            _("This bloc-year has at most %(n)d deputies.") % {"n": bloc_year.max_deputies}
        )
    memberships = {m.unit_id: m for m in bloc_year.memberships.select_for_update()}
    if version is not None and version != leadership_version(memberships.values()):
        raise DomainError(_(STALE_LEADERSHIP))
    missing = [u for u in [head, *deputies] if u.pk not in memberships]
    if missing:
        raise DomainError(
            _("Only members can lead the bloc; not members in %(year)d: %(units)s.")
            % {"year": bloc_year.year, "units": ", ".join(str(u) for u in missing)}
        )
    wanted = {head.pk: (Membership.Role.HEAD, None)}
    wanted.update({u.pk: (Membership.Role.DEPUTY, rank) for rank, u in enumerate(deputies, 1)})

    def target(unit_id: int) -> tuple:
        role, rank = wanted.get(unit_id, (Membership.Role.MEMBER, None))
        if role == Membership.Role.MEMBER:
            return (role, None, "", None, None)
        return (role, rank, basis_of(unit_id), decision.pk if decision else None, elected_on)

    def basis_of(unit_id: int) -> str:
        return (bases or {}).get(unit_id, basis)

    def current(m: Membership) -> tuple:
        return (m.role, m.deputy_rank, m.basis, m.decision_id, m.elected_on)

    changing = [m for m in memberships.values() if current(m) != target(m.unit_id)]
    # Demote first those whose place changes, so that the one-head and rank constraints hold
    # after every single save; a leader who keeps its place is saved once, with its new basis.
    for membership in changing:
        if membership.is_leader and current(membership)[:2] != target(membership.unit_id)[:2]:
            membership.role, membership.deputy_rank = Membership.Role.MEMBER, None
            membership.basis, membership.decision, membership.elected_on = "", None, None
            membership.save()
    if deputies and bloc_year.deputies_unknown:
        bloc_year.deputies_unknown = False
        bloc_year.save(update_fields=["deputies_unknown"])
    for membership in changing:
        if membership.unit_id not in wanted:
            continue
        role, rank = wanted[membership.unit_id]
        membership.role, membership.deputy_rank = role, rank
        membership.basis, membership.decision = basis_of(membership.unit_id), decision
        membership.elected_on = elected_on
        clean_or_refuse(membership)
        membership.save()
    return bloc_year


@transaction.atomic
def leadership_assign_by_decision(
    *,
    bloc_year: BlocYear,
    number: str,
    date: datetime.date,
    signer: str = "",
    subject: str = "",
    head: Unit,
    deputies: Sequence[Unit] = (),
    version: str | None = None,
) -> LeadershipDecision:
    """Record the provincial decision (or find it) and make the leaders it assigns."""
    if message := year_window_error(date, bloc_year.year, label=_("The date of the decision")):
        raise DomainError(message, field="date")
    decision = leadership_decision_record(
        province=bloc_year.bloc.province, number=number, date=date, signer=signer, subject=subject
    )
    leadership_set(
        bloc_year=bloc_year,
        head=head,
        deputies=deputies,
        basis=Membership.Basis.DECISION,
        decision=decision,
        version=version,
    )
    return decision
