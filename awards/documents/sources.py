"""Where the records of the year-end review's documents live, for the document pages."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from awards.models import Ballot, Submission
from meetings.documents.sources import DocumentSource, register_source

VOTE_COUNT = register_source(
    DocumentSource(
        kind="vote_count",
        model=Ballot,
        label=_("Vote-count record"),
        # Ballot.date is the meeting's: the count is dated the day of the vote.
        date_field="date",
        bloc_year_path="meeting__bloc_year",
        related=("meeting__bloc_year",),
    )
)
SUBMISSION = register_source(
    DocumentSource(
        kind="submission",
        model=Submission,
        label=_("Submission (tờ trình)"),
        date_field="date",
        related=("bloc_year",),
    )
)
