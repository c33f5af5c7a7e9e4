"""The dossier a bloc sends with its nominations, as a box on the nominations page.

The tờ trình of the submission, the minutes of the year-end review, the vote-count record of
each ballot round and the score table, with their numbers and links to their documents, and,
while a submission is prepared, what the dossier still lacks before it is sent.
"""

from __future__ import annotations

from django import template

from awards.documents.kinds import SUBMISSION
from awards.models import Criterion, Submission
from awards.selectors.dossier import dossier_documents, dossier_gaps, dossier_rows

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
    documents = dossier_documents(bloc_year)
    rows = dossier_rows(bloc_year, documents)
    submission_document = (
        documents.get((SUBMISSION.code, submission.pk)) if submission is not None else None
    )
    return {
        "bloc_year": bloc_year,
        "submission": submission,
        "pending": pending,
        "submission_document": submission_document,
        "rows": rows,
        "gaps": dossier_gaps(bloc_year, rows) if pending is not None else [],
        "has_scores": Criterion.objects.filter(bloc_year=bloc_year).exists(),
        "pending_count": bloc_year.nominations.pending().count(),
        "can_submit": request.user.has_perm("awards.submit_nominations", bloc_year),
        "csrf_token": context.get("csrf_token"),
    }
