"""Submit a bloc-year's nominations in a test's set-up, without issuing its tờ trình.

The real path (prepare the submission, issue its tờ trình, send it) is tested in
tests/awards/test_submissions.py; tests of what comes after only need the nominations sent.
"""

from __future__ import annotations

import datetime

from awards.models import Nomination, Submission


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
