"""Reads of a bloc-year's submission: the one being prepared, its tờ trình, and what a new one
starts with."""

from __future__ import annotations

from django.utils import timezone

from awards.models import Submission
from blocs.models import BlocYear
from meetings.models import Document


def submission_pending(bloc_year: BlocYear) -> Submission | None:
    """Return the submission being prepared (not sent yet), if any."""
    return (
        Submission.objects.filter(bloc_year=bloc_year, submitted_at__isnull=True)
        .order_by("-pk")
        .first()
    )


def submission_document(submission: Submission) -> Document | None:
    """Return the current (not corrected) tờ trình issued for the submission, if any."""
    return Document.objects.of_record(submission).current().first()


def submission_defaults(bloc_year: BlocYear) -> dict:
    """Return what a new submission starts with: today, and the head unit's leader as signer."""
    head = bloc_year.head
    unit = head.unit if head is not None else None
    return {
        "date": timezone.localdate(),
        "signer_name": unit.leader_name if unit else "",
        "signer_title": unit.leader_title if unit else "",
        "summary": "",
    }
