"""Submit a bloc-year's nominations in a test's set-up, without issuing its tờ trình; or give
its dossier the parts it needs before the real path sends it.

The real path (prepare the submission, issue its tờ trình, send it) is tested in
tests/awards/test_submissions.py; tests of what comes after only need the nominations sent.
"""

from __future__ import annotations

import datetime

from awards.models import Nomination, Submission
from awards.selectors.dossier import dossier_documents, dossier_rows
from awards.services.reports import report_file_add
from meetings.documents.registry import kind_of
from meetings.services.documents import document_issue


def nominations_submit(*, bloc_year) -> int:
    """Send the bloc-year's draft and returned nominations with a new submission."""
    submission = Submission.objects.create(
        bloc_year=bloc_year,
        date=datetime.date(bloc_year.year + 1, 1, 20),
        signer_name="Nguyễn Văn Khối",
        signer_title="Giám đốc",
        submitted_at=datetime.datetime(bloc_year.year + 1, 1, 21, tzinfo=datetime.UTC),
    )
    pending = list(
        bloc_year.nominations.filter(
            status__in=[Nomination.Status.DRAFT, Nomination.Status.RETURNED]
        )
    )
    for nomination in pending:
        nomination.status = Nomination.Status.SUBMITTED
        nomination.submission = submission
        nomination.version += 1
        nomination.save()
    return len(pending)


SIGNED_REPORT = b"%PDF-1.4\n% bao cao thanh tich da ky\n%%EOF\n"


def dossier_complete(*, bloc_year, user) -> None:
    """Give the bloc-year's dossier what it lacks before its tờ trình is sent, through the app's
    own paths: the minutes and the vote-count records issued, a signed report kept for each
    nomination to send."""
    for row in dossier_rows(bloc_year, dossier_documents(bloc_year)):
        if row["document"] is None:
            document_issue(builder=kind_of(row["record"]).builder_for(row["record"]), user=user)
    for nomination in bloc_year.nominations.pending().filter(report_files__isnull=True):
        report_file_add(nomination=nomination, kind="own", data=SIGNED_REPORT, user=user)
