"""The awards' records a file may be attached to: the province's award decision (its scan) and a
ballot round (its signed paper tally sheet)."""

from __future__ import annotations

from awards.models import Ballot, Decision
from meetings.attachables import Attachable, attachable_declare
from meetings.models import Attachment

AWARD_DECISION = attachable_declare(
    Attachable(
        kind=Attachment.Kind.AWARD_DECISION,
        model=Decision,
        records=lambda bloc_year: (
            Decision.objects.filter(nominations__bloc_year=bloc_year)
            .distinct()
            .order_by("date", "number")
        ),
    )
)
TALLY_SHEET = attachable_declare(
    Attachable(
        kind=Attachment.Kind.TALLY_SHEET,
        model=Ballot,
        records=lambda bloc_year: (
            Ballot.objects.filter(meeting__bloc_year=bloc_year)
            .select_related("meeting")
            .order_by("meeting__date", "round_number")
        ),
        related=("meeting__bloc_year",),
    )
)
