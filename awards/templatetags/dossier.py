"""The dossier a bloc sends with its nominations, as a box on the nominations page.

The tờ trình of the submission, the minutes of the year-end review, the vote-count record of
each ballot round and the score table, with their numbers and links to their documents.
"""

from __future__ import annotations

from django import template
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from awards.documents.kinds import SUBMISSION, VOTE_COUNT
from awards.models import Ballot, Criterion, Submission
from meetings.documents.kinds import MINUTES
from meetings.models import Document, Meeting

register = template.Library()


@register.inclusion_tag("awards/includes/dossier.html", takes_context=True)
def dossier(context, bloc_year) -> dict:
    """Show the bloc-year's dossier: which records are issued, and sending it.

    Needs `request` in the context. Costs the same few queries whatever the year holds.
    """
    request = context["request"]
    submissions = list(Submission.objects.filter(bloc_year=bloc_year).order_by("-pk"))
    pending = next((s for s in submissions if not s.is_submitted), None)
    submission = pending or (submissions[0] if submissions else None)
    meetings = list(
        Meeting.objects.filter(bloc_year=bloc_year)
        .filter(Q(kind=Meeting.Kind.YEAR_END) | Q(ballots__isnull=False))
        .distinct()
        .prefetch_related(Prefetch("ballots", Ballot.objects.order_by("round_number")))
        .order_by("date", "pk")
    )
    documents = {
        (document.kind, document.source_id): document
        for document in Document.objects.filter(bloc_year=bloc_year)
        .of_kinds(SUBMISSION, MINUTES, VOTE_COUNT)
        .current()
    }
    rows = []
    for meeting in meetings:
        meeting.bloc_year = bloc_year  # for its address
        rows.append(
            {
                "kind": MINUTES.code,
                "label": _("Minutes: %(meeting)s") % {"meeting": meeting},
                "record": meeting,
                "url": meeting.get_absolute_url(),
                "document": documents.get((MINUTES.code, meeting.pk)),
            }
        )
        for ballot in meeting.ballots.all():
            rows.append(
                {
                    "kind": VOTE_COUNT.code,
                    "label": _("Vote-count record, round %(n)s") % {"n": ballot.round_number},
                    "record": ballot,
                    "url": reverse(
                        "awards:counter_list", args=[bloc_year.bloc_id, bloc_year.year, ballot.pk]
                    ),
                    "document": documents.get((VOTE_COUNT.code, ballot.pk)),
                }
            )
    submission_document = (
        documents.get((SUBMISSION.code, submission.pk)) if submission is not None else None
    )
    return {
        "bloc_year": bloc_year,
        "submission": submission,
        "pending": pending,
        "submission_document": submission_document,
        "rows": rows,
        "has_scores": Criterion.objects.filter(bloc_year=bloc_year).exists(),
        "pending_count": bloc_year.nominations.pending().count(),
        "can_submit": request.user.has_perm("awards.submit_nominations", bloc_year),
        "csrf_token": context.get("csrf_token"),
    }
