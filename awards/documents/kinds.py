"""The kinds of document the year-end review issues, and the minutes it extends."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from awards.documents.minutes import YearEndMinutesBuilder
from awards.documents.submission import SubmissionBuilder
from awards.documents.vote_count import VoteCountBuilder
from awards.models import Ballot, Submission
from meetings.documents.kinds import MINUTES
from meetings.documents.registry import DocumentKind, DocumentSource, kind_declare, kind_extend
from meetings.models import Document

VOTE_COUNT = kind_declare(
    DocumentKind(
        code="vote_count",
        title=_("Vote-count record"),
        doc_type=Document.Type.MINUTES,
        type_name="Biên bản kiểm phiếu",
        builder=VoteCountBuilder,
        source=DocumentSource(
            model=Ballot,
            # Ballot.date is the meeting's: the count is dated the day of the vote.
            date_field="date",
            bloc_year_path="meeting__bloc_year",
            related=("meeting__bloc_year",),
        ),
        order=40,
    )
)
SUBMISSION = kind_declare(
    DocumentKind(
        code="submission",
        title=_("Submission (tờ trình)"),
        doc_type=Document.Type.SUBMISSION,
        type_name="Tờ trình",
        builder=SubmissionBuilder,
        source=DocumentSource(model=Submission, date_field="date", related=("bloc_year",)),
        order=50,
    )
)
# A meeting that held the year-end review prints its scores, votes, proposals and next year's
# leaders in its minutes.
kind_extend(MINUTES, YearEndMinutesBuilder)
