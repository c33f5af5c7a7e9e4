"""The count of a bloc-year meeting's secret ballot: what each round gives, and the outcome.

A meeting may hold several rounds. The first round in which an award type is voted on counts
every unit; a later round only decides among the units still tied at the edge of that award's
quota, for the places the earlier rounds left. `ballot_result` tells one round as it stands
with the rounds before it; `meeting_result` gives the final outcome of all the rounds.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch

from awards.models import AwardType, Ballot, BallotVote
from meetings.models import Meeting
from units.models import Unit


def proposable_award_types(bloc_year) -> list[AwardType]:
    """Return the award types a bloc of the province votes on, flags first."""
    return list(
        AwardType.objects.filter(
            province_id=bloc_year.bloc.province_id, proposable_by_bloc=True, is_active=True
        ).order_by("position", "name")
    )


@dataclass
class UnitResult:
    """One unit's votes for one award type in one round, and what they earned it."""

    unit: Unit
    votes: int
    percent: float
    passes: bool
    rank: int | None = None
    within_quota: bool = False
    tied: bool = False
    # Placed for a higher award (one achievement, one award): not counted for this one.
    excluded: bool = False
    # Already placed for this award by an earlier round of the meeting.
    carried: bool = False
    # False in a later round for a unit that was not among those it had to decide between.
    contending: bool = True


@dataclass(frozen=True)
class Proposal:
    """A unit placed within an award's quota, with the votes of the round that decided it."""

    unit: Unit
    award_type: AwardType
    votes: int
    percent: float
    ballot: Ballot

    @property
    def round_number(self) -> int:
        return self.ballot.round_number


@dataclass
class AwardResult:
    """One award type in one round: every unit's row, and the places earlier rounds kept."""

    award_type: AwardType
    quota: int | None
    rows: list[UnitResult] = field(default_factory=list)
    carried: list[Proposal] = field(default_factory=list)

    @property
    def quota_left(self) -> int | None:
        """Return the places this round could still fill: the quota less the carried ones."""
        return None if self.quota is None else max(self.quota - len(self.carried), 0)

    @property
    def tied_units(self) -> list:
        return [row.unit for row in self.rows if row.tied]

    @property
    def needs_second_round(self) -> bool:
        return any(row.tied for row in self.rows)


@dataclass
class AwardOutcome:
    """The outcome of one award type over a meeting's rounds."""

    award_type: AwardType
    quota: int | None
    proposals: list[Proposal] = field(default_factory=list)
    tied_units: list[Unit] = field(default_factory=list)

    @property
    def needs_another_round(self) -> bool:
        return bool(self.tied_units)

    @property
    def places_left(self) -> int | None:
        """Return the places still open for the tied units (None: no quota)."""
        return None if self.quota is None else max(self.quota - len(self.proposals), 0)


@dataclass
class MeetingResult:
    """The outcome of the secret ballot at a meeting, all rounds merged.

    `awards` holds one `AwardOutcome` per award type voted on, flags first (then the province's
    order of award types). Each outcome's `proposals` are the units proposed for that award,
    each with the votes and percentage of the round that decided it; `tied_units` are units
    still tied at the quota's edge, which need another round. A unit appears in at most one
    proposal (one achievement, one award).
    """

    meeting: Meeting
    ballots: list[Ballot]
    awards: list[AwardOutcome]

    @property
    def proposals(self) -> list[Proposal]:
        """Return every proposal, flags first, each award's in the order of its places."""
        return [proposal for award in self.awards for proposal in award.proposals]

    @property
    def needs_another_round(self) -> bool:
        return any(award.needs_another_round for award in self.awards)

    @property
    def is_final(self) -> bool:
        """Return whether the vote was held and left no tie to decide."""
        return bool(self.ballots) and not self.needs_another_round

    @property
    def last_round(self) -> int:
        return self.ballots[-1].round_number if self.ballots else 0

    def proposal_for(self, unit) -> Proposal | None:
        """Return the award the unit is proposed for at this meeting, if any."""
        unit_id = getattr(unit, "pk", unit)
        return next((p for p in self.proposals if p.unit.pk == unit_id), None)


@dataclass
class BallotResult:
    """One round's result, and where the meeting stands after it (`standing`)."""

    ballot: Ballot
    awards: list[AwardResult]
    standing: MeetingResult | None = None

    @property
    def needs_second_round(self) -> bool:
        """Return whether another round is needed after this one, for any award type."""
        if self.standing is not None:
            return self.standing.needs_another_round
        return any(award.needs_second_round for award in self.awards)

    @property
    def carried(self) -> list[Proposal]:
        """Return the places this round's award types kept from the earlier rounds."""
        return [proposal for award in self.awards for proposal in award.carried]


def _quota(bloc_year, award_type: AwardType) -> int | None:
    return {
        AwardType.Kind.FLAG: bloc_year.flag_quota,
        AwardType.Kind.MERIT: bloc_year.merit_quota,
    }.get(award_type.kind)


def _within(ranked: list[UnitResult], places: int | None) -> tuple[list, list]:
    """Split the ranked rows into those within the places and those tied at their edge."""
    if places is None or len(ranked) <= places:
        return ranked, []
    if places == 0:
        return [], []
    edge = ranked[places - 1].votes
    if ranked[places].votes == edge:
        return [r for r in ranked if r.votes > edge], [r for r in ranked if r.votes == edge]
    return ranked[:places], []


@dataclass
class _Count:
    award_type: AwardType
    quota: int | None
    proposals: list[Proposal] = field(default_factory=list)
    rows: dict[int, list[UnitResult]] = field(default_factory=dict)
    tied: list[Unit] = field(default_factory=list)


def _count(ballots: list[Ballot], bloc_year) -> list[_Count]:
    """Count the rounds together, award type by award type, flags first.

    The first round that votes on an award counts every unit; each later round decides only
    among the units tied at the edge, for the places left. A unit placed for a higher award
    (over all the rounds) is not counted for a lower one.
    """
    by_award: dict[int, list[tuple[Ballot, list[BallotVote]]]] = {}
    award_types: dict[int, AwardType] = {}
    for ballot in sorted(ballots, key=lambda b: b.round_number):
        votes: dict[int, list[BallotVote]] = {}
        for vote in ballot.votes.all():
            votes.setdefault(vote.award_type_id, []).append(vote)
            award_types[vote.award_type_id] = vote.award_type
        for award_type_id, award_votes in votes.items():
            by_award.setdefault(award_type_id, []).append((ballot, award_votes))
    placed: set[int] = set()
    counts = []
    for award_type in sorted(
        award_types.values(), key=lambda award_type: (*award_type.rank, award_type.name)
    ):
        count = _Count(award_type=award_type, quota=_quota(bloc_year, award_type))
        contenders: set[int] | None = None  # None: the round counts every unit
        places = count.quota
        for ballot, votes in by_award[award_type.pk]:
            mine = {proposal.unit.pk for proposal in count.proposals}
            rows = []
            for vote in votes:
                rows.append(
                    UnitResult(
                        unit=vote.unit,
                        votes=vote.votes,
                        percent=100 * vote.votes / ballot.valid if ballot.valid else 0.0,
                        passes=ballot.valid > 0
                        and vote.votes * 100 > bloc_year.vote_threshold_percent * ballot.valid,
                        excluded=vote.unit_id in placed,
                        carried=vote.unit_id in mine,
                        contending=contenders is None or vote.unit_id in contenders,
                    )
                )
            rows.sort(key=lambda row: (-row.votes, row.unit.short_name))
            ranked = [
                row
                for row in rows
                if row.passes and row.contending and not row.excluded and not row.carried
            ]
            for rank, row in enumerate(ranked, start=1):
                row.rank = rank
            winners, tied = _within(ranked, places)
            for row in winners:
                row.within_quota = True
                count.proposals.append(
                    Proposal(
                        unit=row.unit,
                        award_type=award_type,
                        votes=row.votes,
                        percent=row.percent,
                        ballot=ballot,
                    )
                )
            for row in tied:
                row.tied = True
            if places is not None:
                places -= len(winners)
            contenders = {row.unit.pk for row in tied}
            count.rows[ballot.pk] = rows
            count.tied = [row.unit for row in tied]
        placed.update(proposal.unit.pk for proposal in count.proposals)
        counts.append(count)
    return counts


def _outcome(meeting: Meeting, ballots: list[Ballot], counts: list[_Count]) -> MeetingResult:
    return MeetingResult(
        meeting=meeting,
        ballots=sorted(ballots, key=lambda b: b.round_number),
        awards=[
            AwardOutcome(
                award_type=count.award_type,
                quota=count.quota,
                proposals=count.proposals,
                tied_units=count.tied,
            )
            for count in counts
        ],
    )


def _votes_prefetch() -> Prefetch:
    return Prefetch("votes", BallotVote.objects.select_related("unit", "award_type").order_by("pk"))


def meeting_rounds(meeting: Meeting, *, before: int | None = None) -> list[Ballot]:
    """Return the meeting's rounds (those before a round number, if given) with their votes."""
    ballots = Ballot.objects.filter(meeting=meeting).prefetch_related(_votes_prefetch())
    if before is not None:
        ballots = ballots.filter(round_number__lt=before)
    ballots = list(ballots.order_by("round_number"))
    for ballot in ballots:
        ballot.meeting = meeting
    return ballots


def ballot_result(ballot: Ballot, *, earlier: list[Ballot] | None = None) -> BallotResult:
    """Count a round: each unit's share of the valid ballots, who passes and who is within quota.

    A unit passes with strictly more than the bloc-year's threshold. Passing units are ranked by
    votes; flags are counted first and a unit within the flag quota is not counted again for the
    certificate of merit. Units tied at the quota's edge need another round among themselves.
    From round 2 on, the earlier rounds of the meeting count too (`earlier`: the meeting's
    rounds with their votes prefetched, any of them; only those before this one are used; loaded
    when not given): the units they placed keep their places (`AwardResult.carried`) and are
    not counted for another award, and this round decides among the tied units for the places
    left. `standing` tells where the meeting stands after this round (a `MeetingResult`).
    Reads `ballot.votes` (prefetch it with its unit and award type) and the meeting's bloc-year.
    """
    meeting = ballot.meeting
    if earlier is None:
        earlier = (
            [] if ballot.round_number <= 1 else meeting_rounds(meeting, before=ballot.round_number)
        )
    rounds = [b for b in earlier if b.round_number < ballot.round_number] + [ballot]
    counts = _count(rounds, meeting.bloc_year)
    awards = [
        AwardResult(
            award_type=count.award_type,
            quota=count.quota,
            rows=count.rows[ballot.pk],
            carried=[p for p in count.proposals if p.round_number < ballot.round_number],
        )
        for count in counts
        if ballot.pk in count.rows
    ]
    return BallotResult(ballot=ballot, awards=awards, standing=_outcome(meeting, rounds, counts))


def meeting_result(
    meeting: Meeting, *, ballots: list[Ballot] | None = None, up_to_round: int | None = None
) -> MeetingResult:
    """Return the final outcome of the meeting's secret ballot, all its rounds merged.

    Who is proposed for which award type, with the votes and percentage of the round that
    decided it, and the units still tied (another round is needed). `ballots` are the meeting's
    rounds with their votes prefetched (loaded when not given); `up_to_round` stops after that
    round, to tell where the meeting stood then. Reads `meeting.bloc_year` for the quotas and
    the threshold.
    """
    if ballots is None:
        ballots = meeting_rounds(meeting)
    if up_to_round is not None:
        ballots = [b for b in ballots if b.round_number <= up_to_round]
    return _outcome(meeting, ballots, _count(ballots, meeting.bloc_year))
