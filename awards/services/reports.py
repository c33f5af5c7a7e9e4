"""Writing a nominee's achievement report, until its nomination is sent to the province."""

from __future__ import annotations

import hashlib

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from awards.models import AchievementReport, Nomination, ReportFile
from core.errors import DomainError
from core.services import clean_or_refuse, stale
from core.text import ascii_slug
from meetings.services.originals import pdf_checked


def report_save(*, nomination: Nomination, user, version: int, **fields) -> AchievementReport:
    """Write the report of a nominee, or change it when `version` is the one the user loaded
    (0: none was written yet); refused once the nomination was sent."""
    try:
        with transaction.atomic():
            return _report_save(nomination=nomination, user=user, version=version, **fields)
    except IntegrityError:  # written meanwhile by someone else
        raise stale() from None


def _report_save(*, nomination: Nomination, user, version: int, **fields) -> AchievementReport:
    nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
    if not nomination.is_editable:
        raise DomainError(_("The nomination was sent: its report can no longer be changed."))
    report = AchievementReport.objects.filter(nomination=nomination).first()
    if report is None:
        if version != 0:
            raise stale()
        report = AchievementReport(nomination=nomination)
    elif version != report.version:
        raise stale()
    else:
        report.version += 1
    for name, value in fields.items():
        setattr(report, name, value)
    report.updated_by = user
    clean_or_refuse(report)
    report._history_user = user
    report.save()
    return report


@transaction.atomic
def report_file_add(*, nomination: Nomination, kind: str, data: bytes, user) -> ReportFile:
    """Keep a nominee's signed report (a PDF), beside those kept before; refused once the
    nomination was sent."""
    nomination = Nomination.objects.select_for_update().select_related("unit").get(pk=nomination.pk)
    if not nomination.is_editable:
        raise DomainError(_("The nomination was sent: its report can no longer be changed."))
    pdf_checked(data)
    kept = ReportFile(
        nomination=nomination,
        kind=kind,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        uploaded_by=user,
    )
    try:
        kept.full_clean(exclude=["file"])  # the file is stored once the rest is valid
    except ValidationError as error:
        raise DomainError(" ".join(error.messages)) from error
    name = ascii_slug(nomination.unit.short_name)[:60] or "don-vi"
    # The storage never overwrites: an existing name gets a new suffix.
    kept.file.save(f"{nomination.bloc_year_id}-bao-cao-{name}.pdf", ContentFile(data), save=False)
    if user is not None:
        kept._history_user = user
    kept.save()
    return kept
