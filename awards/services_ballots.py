"""The secret ballot of a bloc-year's meeting: recording a round and counting its result."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from awards.models import AwardType, Ballot, BallotVote
from meetings.models import Meeting
from units.services import DomainError, clean_or_refuse, versioned_for_update


def proposable_award_types(bloc_year) -> list[AwardType]:
    """Return the award types a bloc of the province votes on, flags first."""
    return list(
        AwardType.objects.filter(
            province_id=bloc_year.bloc.province_id, proposable_by_bloc=True, is_active=True
        ).order_by("position", "name")
    )


@transaction.atomic
def ballot_save(
    *,
    meeting: Meeting,
    round_number: int,
    issued: int,
    returned: int,
    valid: int,
    invalid: int,
    votes: dict[tuple[int, int], int],
    note: str = "",
    ballot: Ballot | None = None,
    version: int | None = None,
) -> Ballot:
    """Record a round (or correct one): its counts and the votes per (unit id, award type id).

    Refuses, saving nothing, when the counts do not reconcile, a vote is for a unit that is not a
    member or an award type the bloc may not propose, or a unit has more votes than valid ballots.
    """
    if ballot is None:
        ballot = Ballot(meeting=meeting)
    else:
        ballot = versioned_for_update(Ballot, pk=ballot.pk, version=version)
        ballot.version += 1
    ballot.round_number = round_number
    ballot.issued, ballot.returned, ballot.valid, ballot.invalid = issued, returned, valid, invalid
    ballot.note = note
    clean_or_refuse(ballot)
    bloc_year = meeting.bloc_year
    members = set(bloc_year.memberships.values_list("unit_id", flat=True))
    award_types = {award_type.pk for award_type in proposable_award_types(bloc_year)}
    for (unit_id, award_type_id), count in votes.items():
        if unit_id not in members:
            raise DomainError(_("Votes can only be recorded for the bloc-year's member units."))
        if award_type_id not in award_types:
            raise DomainError(_("The bloc does not vote on this award type."))
        if count < 0 or count > valid:
            raise DomainError(
                _("A unit cannot receive more votes (%(votes)d) than valid ballots (%(valid)d).")
                % {"votes": count, "valid": valid}
            )
    ballot.save()
    ballot.votes.all().delete()
    for (unit_id, award_type_id), count in sorted(votes.items()):
        BallotVote(ballot=ballot, unit_id=unit_id, award_type_id=award_type_id, votes=count).save()
    return ballot


@dataclass
class UnitResult:
    unit: object
    votes: int
    percent: float
    passes: bool
    rank: int | None = None
    within_quota: bool = False
    tied: bool = False
    excluded: bool = (
        False  # already within the quota of a higher award (one achievement, one award)
    )


@dataclass
class AwardResult:
    award_type: AwardType
    quota: int | None
    rows: list[UnitResult] = field(default_factory=list)

    @property
    def tied_units(self) -> list:
        return [row.unit for row in self.rows if row.tied]

    @property
    def needs_second_round(self) -> bool:
        return any(row.tied for row in self.rows)


@dataclass
class BallotResult:
    ballot: Ballot
    awards: list[AwardResult]

    @property
    def needs_second_round(self) -> bool:
        return any(award.needs_second_round for award in self.awards)


_KIND_ORDER = {AwardType.Kind.FLAG: 0, AwardType.Kind.MERIT: 1}


def ballot_result(ballot: Ballot) -> BallotResult:
    """Count a round: each unit's share of the valid ballots, who passes and who is within quota.

    A unit passes with strictly more than the bloc-year's threshold. Passing units are ranked by
    votes; flags are counted first and a unit within the flag quota is not counted again for the
    certificate of merit. Units tied at the quota's edge need a second round among themselves.
    Reads `ballot.votes` (prefetch it with its unit and award type) and the meeting's bloc-year.
    """
    bloc_year = ballot.meeting.bloc_year
    by_award: dict[int, list[BallotVote]] = {}
    award_types: dict[int, AwardType] = {}
    for vote in ballot.votes.all():
        by_award.setdefault(vote.award_type_id, []).append(vote)
        award_types[vote.award_type_id] = vote.award_type
    ordered = sorted(
        award_types.values(),
        key=lambda award: (_KIND_ORDER.get(award.kind, 2), award.position, award.name),
    )
    awarded: set[int] = set()
    results = []
    for award_type in ordered:
        quota = {
            AwardType.Kind.FLAG: bloc_year.flag_quota,
            AwardType.Kind.MERIT: bloc_year.merit_quota,
        }.get(award_type.kind)
        rows = []
        for vote in by_award[award_type.pk]:
            percent = 100 * vote.votes / ballot.valid if ballot.valid else 0.0
            passes = (
                ballot.valid > 0
                and vote.votes * 100 > bloc_year.vote_threshold_percent * ballot.valid
            )
            rows.append(
                UnitResult(
                    unit=vote.unit,
                    votes=vote.votes,
                    percent=percent,
                    passes=passes,
                    excluded=vote.unit_id in awarded,
                )
            )
        rows.sort(key=lambda row: (-row.votes, row.unit.short_name))
        ranked = [row for row in rows if row.passes and not row.excluded]
        for rank, row in enumerate(ranked, start=1):
            row.rank = rank
        if quota is None or len(ranked) <= quota:
            edge_votes = None
            for row in ranked:
                row.within_quota = True
        else:
            edge_votes = ranked[quota - 1].votes if quota else None
            tie_at_edge = quota > 0 and ranked[quota].votes == edge_votes
            for row in ranked[:quota]:
                row.within_quota = not (tie_at_edge and row.votes == edge_votes)
            if tie_at_edge:
                for row in ranked:
                    row.tied = row.votes == edge_votes
        awarded.update(row.unit.pk for row in ranked if row.within_quota)
        results.append(AwardResult(award_type=award_type, quota=quota, rows=rows))
    return BallotResult(ballot=ballot, awards=results)
