"""Reads of the awards app that are more than a filter: the facts that bear on a nomination.

When a bloc nominates a unit, and when the board reviews the nomination, they weigh what the
unit received in the previous years, what it registered for at the start of the year, how it
scored and how the conference voted. `unit_facts` gathers them for many units at once, in the
same number of queries whatever their number.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from awards.models import (
    AwardType,
    Ballot,
    BallotVote,
    Criterion,
    Decision,
    Nomination,
    Registration,
    Score,
)
from awards.selectors.ballots import Proposal, meeting_result
from awards.selectors.scores import score_totals
from blocs.models import BlocYear, Membership
from meetings.models import Meeting
from units.models import Unit

AWARDED = (Nomination.Status.APPROVED, Nomination.Status.DOWNGRADED)


@dataclass(frozen=True)
class PastAward:
    """An award the unit received in an earlier year, and the province's decision."""

    year: int
    award_type: AwardType  # what was awarded: the award decided, else the one proposed
    proposed_type: AwardType
    bloc_name: str
    decision: Decision | None

    @property
    def downgraded(self) -> bool:
        return self.award_type.pk != self.proposed_type.pk


@dataclass(frozen=True)
class VoteFact:
    """The unit's votes for an award type in the latest round that voted on it."""

    award_type: AwardType
    votes: int
    valid: int
    percent: float
    round_number: int


@dataclass
class Facts:
    """What bears on nominating a unit in a bloc-year (see `unit_facts`).

    `award_type`, when set (`about`), is the award the unit is nominated for; the warnings are
    about it.
    """

    unit_id: int
    year: int
    past_awards: list[PastAward] = field(default_factory=list)
    registrations: list[Registration] = field(default_factory=list)
    bloc_total: Decimal | None = None
    rank: int | None = None
    ranked_count: int = 0
    meeting: Meeting | None = None
    votes: list[VoteFact] = field(default_factory=list)
    proposal: Proposal | None = None
    award_type: AwardType | None = None

    def about(self, award_type: AwardType | None) -> Facts:
        """Return these facts as they bear on a nomination for that award type."""
        return dataclasses.replace(self, award_type=award_type)

    def flags_in_last(self, years: int) -> int:
        """Return how many emulation flags the unit received in the last `years` years."""
        return sum(
            1
            for award in self.past_awards
            if award.award_type.kind == AwardType.Kind.FLAG and award.year >= self.year - years
        )

    @property
    def flags_last_2_years(self) -> int:
        return self.flags_in_last(2)

    @property
    def flags_last_5_years(self) -> int:
        return self.flags_in_last(5)

    def registered_for(self, award_type: AwardType) -> bool:
        return any(r.award_type_id == award_type.pk for r in self.registrations)

    @property
    def registered(self) -> bool | None:
        """Return whether the unit registered for `award_type` (None when none is set)."""
        return None if self.award_type is None else self.registered_for(self.award_type)

    @property
    def warnings(self) -> list[str]:
        """Return what speaks against nominating the unit for `award_type`."""
        if self.award_type is None:
            return []
        found = []
        if not self.registered_for(self.award_type):
            found.append(_("The unit did not register for this award at the start of the year."))
        if self.proposal is not None and self.proposal.award_type.pk != self.award_type.pk:
            found.append(
                _("The conference's vote proposes it for %(award)s.")
                % {"award": self.proposal.award_type.label}
            )
        return found


def _unit_ids(units: Iterable[Unit | int]) -> set[int]:
    return {getattr(unit, "pk", unit) for unit in units}


def unit_facts(bloc_year: BlocYear, units: Iterable[Unit | int]) -> dict[int, Facts]:
    """Return the facts of each unit (or unit id) in a bloc-year, by unit id.

    For each unit: the awards it received in the previous years (approved or downgraded
    nominations, with the decision), hence its flags in the last 2 and 5 years; its
    registrations of the year; its bloc score total and rank when the bloc has scored; its
    votes in the latest meeting's ballot and what that ballot proposes for it. Seven queries at
    most, whatever the number of units.
    """
    wanted = _unit_ids(units)
    found = _collect({bloc_year.pk: bloc_year}, {bloc_year.pk: wanted})
    return {unit_id: found[bloc_year.pk, unit_id] for unit_id in wanted}


def nomination_facts(nominations: Iterable[Nomination]) -> dict[int, Facts]:
    """Return the facts of each nomination's unit about its award, by nomination id.

    The nominations come with their bloc-year loaded; they may span several bloc-years (the
    board's province-wide list) and still cost the queries of `unit_facts`.
    """
    nominations = list(nominations)
    bloc_years = {n.bloc_year_id: n.bloc_year for n in nominations}
    wanted: dict[int, set[int]] = {}
    for nomination in nominations:
        wanted.setdefault(nomination.bloc_year_id, set()).add(nomination.unit_id)
    found = _collect(bloc_years, wanted)
    return {n.pk: found[n.bloc_year_id, n.unit_id].about(n.award_type) for n in nominations}


def _collect(
    bloc_years: dict[int, BlocYear], wanted: dict[int, set[int]]
) -> dict[tuple[int, int], Facts]:
    """Return the facts of the wanted units of each bloc-year, by (bloc-year id, unit id)."""
    facts = {
        (bloc_year_id, unit_id): Facts(unit_id=unit_id, year=bloc_years[bloc_year_id].year)
        for bloc_year_id, unit_ids in wanted.items()
        for unit_id in unit_ids
    }
    if not facts:
        return facts
    all_units = {unit_id for _by, unit_id in facts}
    by_unit: dict[int, list[Facts]] = {}
    for (_by, unit_id), fact in facts.items():
        by_unit.setdefault(unit_id, []).append(fact)
    _add_past_awards(by_unit, all_units, max(b.year for b in bloc_years.values()))
    _add_registrations(facts, bloc_years, all_units)
    _add_scores(facts, bloc_years)
    _add_votes(facts, bloc_years)
    return facts


def _add_past_awards(by_unit: dict[int, list[Facts]], unit_ids: set[int], before: int) -> None:
    awarded = (
        Nomination.objects.filter(
            unit_id__in=unit_ids, status__in=AWARDED, bloc_year__year__lt=before
        )
        .select_related("award_type", "decided_award_type", "decision", "bloc_year__bloc")
        .order_by("-bloc_year__year", "pk")
    )
    for nomination in awarded:
        past = PastAward(
            year=nomination.bloc_year.year,
            award_type=nomination.awarded_type,
            proposed_type=nomination.award_type,
            bloc_name=nomination.bloc_year.bloc.name,
            decision=nomination.decision,
        )
        for fact in by_unit[nomination.unit_id]:
            if past.year < fact.year:
                fact.past_awards.append(past)


def _add_registrations(
    facts: dict[tuple[int, int], Facts], bloc_years: dict[int, BlocYear], unit_ids: set[int]
) -> None:
    registrations = (
        Registration.objects.filter(
            membership__bloc_year_id__in=bloc_years, membership__unit_id__in=unit_ids
        )
        .select_related("award_type", "membership")
        .order_by("registered_on", "pk")
    )
    for registration in registrations:
        membership = registration.membership
        fact = facts.get((membership.bloc_year_id, membership.unit_id))
        if fact is not None:
            fact.registrations.append(registration)


def _add_scores(facts: dict[tuple[int, int], Facts], bloc_years: dict[int, BlocYear]) -> None:
    criteria = list(Criterion.objects.filter(bloc_year_id__in=bloc_years))
    if not criteria:
        return
    memberships = list(
        Membership.objects.filter(bloc_year_id__in=bloc_years).prefetch_related(
            Prefetch("scores", Score.objects.all())
        )
    )
    for bloc_year_id in bloc_years:
        members = [m for m in memberships if m.bloc_year_id == bloc_year_id]
        scored = any(s.bloc_score is not None for m in members for s in m.scores.all())
        if not scored:
            continue
        rows = score_totals(
            criteria=[c for c in criteria if c.bloc_year_id == bloc_year_id], memberships=members
        )
        for row in rows:
            fact = facts.get((bloc_year_id, row.membership.unit_id))
            if fact is not None:
                fact.bloc_total, fact.rank, fact.ranked_count = row.bloc_total, row.rank, len(rows)


def _add_votes(facts: dict[tuple[int, int], Facts], bloc_years: dict[int, BlocYear]) -> None:
    ballots = list(
        Ballot.objects.filter(meeting__bloc_year_id__in=bloc_years)
        .select_related("meeting")
        .prefetch_related(
            Prefetch("votes", BallotVote.objects.select_related("unit", "award_type"))
        )
        .order_by("round_number")
    )
    latest: dict[int, Meeting] = {}
    for ballot in ballots:
        meeting = ballot.meeting
        current = latest.get(meeting.bloc_year_id)
        if current is None or (meeting.date, meeting.pk) > (current.date, current.pk):
            latest[meeting.bloc_year_id] = meeting
    for bloc_year_id, meeting in latest.items():
        meeting.bloc_year = bloc_years[bloc_year_id]
        rounds = [b for b in ballots if b.meeting_id == meeting.pk]
        for ballot in rounds:
            ballot.meeting = meeting
        result = meeting_result(meeting, ballots=rounds)
        votes: dict[tuple[int, int], VoteFact] = {}
        for ballot in rounds:  # in round order: a later round replaces an earlier one
            for vote in ballot.votes.all():
                votes[vote.unit_id, vote.award_type_id] = VoteFact(
                    award_type=vote.award_type,
                    votes=vote.votes,
                    valid=ballot.valid,
                    percent=100 * vote.votes / ballot.valid if ballot.valid else 0.0,
                    round_number=ballot.round_number,
                )
        for (unit_id, _award_type_id), vote in votes.items():
            fact = facts.get((bloc_year_id, unit_id))
            if fact is not None:
                fact.meeting = meeting
                fact.votes.append(vote)
        for proposal in result.proposals:
            fact = facts.get((bloc_year_id, proposal.unit.pk))
            if fact is not None:
                fact.proposal = proposal
    for fact in facts.values():
        fact.votes.sort(key=lambda v: (v.award_type.position, v.award_type.name))


def unit_awards(unit: Unit) -> list[Nomination]:
    """Return the awards a unit received (its approved and downgraded nominations), newest year
    first, with their decisions."""
    return list(
        Nomination.objects.filter(
            unit=unit,
            status__in=[Nomination.Status.APPROVED, Nomination.Status.DOWNGRADED],
        )
        .select_related("bloc_year__bloc", "award_type", "decided_award_type", "decision")
        .order_by("-bloc_year__year")
    )
