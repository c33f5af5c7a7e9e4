"""The bloc's submission (tờ trình) of its nominations to the province, with the dossier.

The secretariat prepares a submission (its date, the signer, what the year achieved), issues
its tờ trình through the document registry, then sends it: the bloc-year's draft and returned
nominations are submitted with it and freeze. After the board returns nominations, a new
submission is prepared for them.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from awards.models import Nomination, Submission
from awards.selectors.dossier import dossier_gaps
from awards.selectors.submissions import submission_document, submission_pending
from blocs.models import BlocYear
from core.errors import DomainError
from core.formats import page_date
from core.services import clean_or_refuse, versioned_for_update
from units.models import User
from units.services.notifications import board_of, notify


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
def submission_submit(
    *, submission: Submission, user: User, sent_on: datetime.date | None = None
) -> list[Nomination]:
    """Send the submission on `sent_on` (today unless the user says otherwise, as for a past
    year's record): the bloc-year's draft and returned nominations are submitted with it and
    freeze. Refused when it was sent already, when its tờ trình is not issued, when there is no
    nomination to submit, when the dossier lacks a part (awards.selectors.dossier), or when the
    day is before the tờ trình's."""
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    sent_on = sent_on or timezone.localdate()
    if sent_on < submission.date:
        raise DomainError(
            _("The dossier cannot be sent before the date of its tờ trình (%(date)s).")
            % {"date": page_date(submission.date)},
            field="sent_on",
        )
    if submission.is_submitted:
        raise DomainError(_("The submission was already sent."))
    if submission_document(submission) is None:
        raise DomainError(
            _("Issue the submission's tờ trình before sending it: the dossier needs it.")
        )
    pending = list(
        Nomination.objects.select_for_update()
        .filter(bloc_year_id=submission.bloc_year_id)
        .pending()
        .order_by("pk")
    )
    if not pending:
        raise DomainError(_("There is no nomination to submit."))
    if gaps := dossier_gaps(submission.bloc_year):
        raise DomainError(
            _("The dossier is not complete: %(gaps)s.")
            % {"gaps": "; ".join(gap.label for gap in gaps)}
        )
    for nomination in pending:
        nomination.status = Nomination.Status.SUBMITTED
        nomination.submission = submission
        nomination.version += 1
        nomination.save()
    submission.submitted_at = timezone.now()
    submission.sent_on = sent_on
    submission.submitted_by = user
    submission.version += 1
    clean_or_refuse(submission)
    submission.save()
    bloc_year = submission.bloc_year
    notify(
        users=board_of(bloc_year.bloc.province_id),
        subject=_("%(bloc)s sent its dossier of %(year)d: %(count)d nominations")
        % {"bloc": bloc_year.bloc.name, "year": bloc_year.year, "count": len(pending)},
        body=_("Tờ trình of %(date)s, sent on %(sent)s.")
        % {"date": page_date(submission.date), "sent": page_date(sent_on)},
        url=reverse("awards:province_nominations", args=[bloc_year.year]),
        key=f"dossier-sent:{submission.pk}",
    )
    return pending
