"""Recording a ballot round of a meeting: its counts and votes, reconciled."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from awards.models import Ballot, BallotVote
from awards.selectors.ballots import proposable_award_types
from core.errors import DomainError
from core.services import clean_or_refuse, versioned_for_update
from meetings.models import Meeting


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
