"""The bloc's submission (tờ trình) of its nominations to the province, with the dossier.

The secretariat prepares a submission (its date, the signer, what the year achieved), issues
its tờ trình through the document registry, then sends it: the bloc-year's draft and returned
nominations are submitted with it and freeze. After the board returns nominations, a new
submission is prepared for them.
"""

from __future__ import annotations

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from awards.models import Nomination, Submission
from blocs.models import BlocYear
from core.errors import DomainError
from core.services import clean_or_refuse, versioned_for_update
from meetings.models import Document
from units.models import User

PENDING = (Nomination.Status.DRAFT, Nomination.Status.RETURNED)


def submission_pending(bloc_year: BlocYear) -> Submission | None:
    """Return the submission being prepared (not sent yet), if any."""
    return (
        Submission.objects.filter(bloc_year=bloc_year, submitted_at__isnull=True)
        .order_by("-pk")
        .first()
    )


def submission_document(submission: Submission) -> Document | None:
    """Return the current (not corrected) tờ trình issued for the submission, if any."""
    return Document.objects.filter(
        kind="submission",
        source_type=ContentType.objects.get_for_model(Submission),
        source_id=submission.pk,
        replaced_by__isnull=True,
    ).first()


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


@transaction.atomic
def submission_create(
    *,
    bloc_year: BlocYear,
    date: datetime.date,
    signer_name: str,
    signer_title: str,
    summary: str = "",
) -> Submission:
    """Prepare a new submission of the bloc-year's nominations; one at a time."""
    bloc_year = BlocYear.objects.select_for_update().get(pk=bloc_year.pk)
    if submission_pending(bloc_year) is not None:
        raise DomainError(_("A submission is already being prepared for this year: change it."))
    submission = Submission(
        bloc_year=bloc_year,
        date=date,
        signer_name=signer_name,
        signer_title=signer_title,
        summary=summary,
    )
    clean_or_refuse(submission)
    submission.save()
    return submission


@transaction.atomic
def submission_update(
    *,
    submission: Submission,
    version: int,
    date: datetime.date,
    signer_name: str,
    signer_title: str,
    summary: str = "",
) -> Submission:
    """Change a submission that is not sent yet; its issued tờ trình stays as it was issued."""
    submission = versioned_for_update(Submission, pk=submission.pk, version=version)
    if submission.is_submitted:
        raise DomainError(_("The submission was sent: it can no longer be changed."))
    submission.date = date
    submission.signer_name = signer_name
    submission.signer_title = signer_title
    submission.summary = summary
    submission.version += 1
    clean_or_refuse(submission)
    submission.save()
    return submission


@transaction.atomic
def submission_submit(*, submission: Submission, user: User) -> list[Nomination]:
    """Send the submission: the bloc-year's draft and returned nominations are submitted with
    it and freeze. Refused when it was sent already, when its tờ trình is not issued, or when
    there is no nomination to submit."""
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    if submission.is_submitted:
        raise DomainError(_("The submission was already sent."))
    if submission_document(submission) is None:
        raise DomainError(
            _("Issue the submission's tờ trình before sending it: the dossier needs it.")
        )
    pending = list(
        Nomination.objects.select_for_update()
        .filter(bloc_year_id=submission.bloc_year_id, status__in=PENDING)
        .order_by("pk")
    )
    if not pending:
        raise DomainError(_("There is no nomination to submit."))
    for nomination in pending:
        nomination.status = Nomination.Status.SUBMITTED
        nomination.submission = submission
        nomination.version += 1
        nomination.save()
    submission.submitted_at = timezone.now()
    submission.submitted_by = user
    submission.version += 1
    submission.save()
    return pending
