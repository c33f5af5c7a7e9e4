"""Pages of the bloc's submission (tờ trình): preparing it, and sending it with the dossier.

The tờ trình is previewed and issued through the document pages (kind "submission"); the box
on the page links to them.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from awards.documents.submission import submission_nominations
from awards.forms.submissions import SendForm, SubmissionForm
from awards.models import Submission
from awards.selectors.submissions import submission_defaults, submission_pending
from awards.services.submissions import (
    submission_create,
    submission_submit,
    submission_update,
)
from blocs.frame import bloc_year_for
from blocs.models import BlocYear
from core.errors import DomainError
from meetings.models import Document

WRITE = "awards.submit_nominations"


def _initial(pending: Submission | None, bloc_year: BlocYear) -> dict:
    if pending is None:
        return submission_defaults(bloc_year)
    return {
        "date": pending.date,
        "signer_name": pending.signer_name,
        "signer_title": pending.signer_title,
        "summary": pending.summary,
        "version": pending.version,
    }


def _sent(bloc_year: BlocYear) -> list[Submission]:
    """Return the submissions already sent, newest first, each with its current tờ trình."""
    sent = list(
        Submission.objects.filter(bloc_year=bloc_year, submitted_at__isnull=False)
        .select_related("submitted_by")
        .annotate(nomination_count=Count("nominations"))
        .order_by("-submitted_at", "-pk")
    )
    documents = {
        document.source_id: document for document in Document.objects.of_records(sent).current()
    }
    for submission in sent:
        submission.document = documents.get(submission.pk)
    return sent


def submission_page(request, bloc_pk: int, year: int):
    """The submission being prepared (GET shows it, POST saves it), its tờ trình, the
    nominations it will carry, and the submissions already sent."""
    bloc_year = bloc_year_for(request, bloc_pk, year, leaders=True)
    can_write = request.user.has_perm(WRITE, bloc_year)
    pending = submission_pending(bloc_year)
    label = _("Save") if pending else _("Prepare the submission")
    form = None
    if request.method == "POST":
        if not can_write:
            raise PermissionDenied
        form = SubmissionForm(request.POST, submit_label=label)
        if form.is_valid():
            data = dict(form.cleaned_data)
            version = data.pop("version")
            try:
                if pending is None:
                    submission_create(bloc_year=bloc_year, **data)
                else:
                    submission_update(submission=pending, version=version or 0, **data)
            except DomainError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                messages.success(request, _("The submission was saved."))
                return redirect("awards:submission", bloc_pk, year)
    elif can_write:
        form = SubmissionForm(initial=_initial(pending, bloc_year), submit_label=label)
    if pending is not None:
        nominations = submission_nominations(pending)
    else:
        nominations = list(
            bloc_year.nominations.pending()
            .select_related("unit", "award_type")
            .prefetch_related("unit__names")
        )
    return render(
        request,
        "awards/submission_form.html",
        {
            "bloc_year": bloc_year,
            "section": "nominations",
            "pending": pending,
            "form": form,
            "can_write": can_write,
            "nominations": nominations,
            "sent": _sent(bloc_year),
        },
    )


@require_POST
def submission_submit_view(request, bloc_pk: int, year: int, pk: int):
    """Send the submission with its dossier: the nominations it carries freeze."""
    bloc_year = bloc_year_for(request, bloc_pk, year, WRITE, leaders=True)
    submission = get_object_or_404(Submission, pk=pk, bloc_year=bloc_year)
    form = SendForm(request.POST)
    try:
        if not form.is_valid():
            raise DomainError(_("Give the date the dossier is sent, as dd/mm/yyyy."))
        sent = submission_submit(
            submission=submission, user=request.user, sent_on=form.cleaned_data["sent_on"]
        )
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("awards:submission", bloc_pk, year)
    messages.success(
        request,
        _("The dossier was sent to the province with %(count)d nominations.")
        % {"count": len(sent)},
    )
    return redirect("awards:nomination_list", bloc_pk, year)
