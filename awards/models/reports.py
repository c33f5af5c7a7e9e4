"""A nominee's achievement report (báo cáo thành tích), written in the app in the sections of
the national template for a collective."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from awards.models.nominations import Nomination
from core.models import YearDatedModel
from meetings.models.documents import KeptFile


class AchievementReport(YearDatedModel):
    """The báo cáo thành tích of a nominated unit, in the sections of the national template for
    a collective: written by the unit's focal point, signed by its head."""

    year_dates = ("date",)

    nomination = models.OneToOneField(
        Nomination, on_delete=models.CASCADE, related_name="report", verbose_name=_("nomination")
    )
    parent_body = models.CharField(
        _("superior body"),
        max_length=200,
        blank=True,
        help_text=_("Printed above the unit's name, for example: UBND TỈNH ĐẮK LẮK."),
    )
    date = models.DateField(_("date of the report"), null=True, blank=True)
    particulars = models.TextField(
        _("particulars"),
        help_text=_(
            "The seat, telephone, web site; the organisation, the staff; the party and mass "
            "organisations."
        ),
    )
    functions = models.TextField(_("functions and tasks"))
    achievements = models.TextField(
        _("achievements of the year"),
        help_text=_("The results against the year's targets and tasks, with figures."),
    )
    measures = models.TextField(
        _("measures and emulation movements"),
        help_text=_(
            "How the results were reached; the emulation movements carried out and their effect."
        ),
    )
    party_work = models.TextField(
        _("policies, party and mass organisations"),
        blank=True,
        help_text=_(
            "Carrying out the Party's and the State's policies; the party and mass "
            "organisations' work."
        ),
    )
    earlier_honours = models.TextField(
        _("other titles and awards received"),
        blank=True,
        help_text=_(
            "Those the app does not hold, one a line: the year, the title or award, the "
            "decision (number, date, issuer)."
        ),
    )
    head_title = models.CharField(_("head's title"), max_length=150)
    head_name = models.CharField(_("head's name"), max_length=150)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("last saved by"),
    )
    updated_at = models.DateTimeField(_("last saved at"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("achievement report")
        verbose_name_plural = _("achievement reports")

    def __str__(self) -> str:
        return _("Achievement report of %(unit)s") % {"unit": self.nomination.unit}

    def dated_year(self) -> int | None:
        return self.nomination.bloc_year.year if self.nomination_id else None

    def get_absolute_url(self) -> str:
        bloc_year = self.nomination.bloc_year
        return reverse(
            "awards:report_edit", args=[bloc_year.bloc_id, bloc_year.year, self.nomination_id]
        )


class ReportFile(KeptFile):
    """A nominee's signed achievement report as a file: the scan of the report written here,
    signed and sealed, or the unit's own report; the latest one is the dossier's."""

    class Kind(models.TextChoices):
        SIGNED = "signed", _("The report written here, signed and sealed (scan)")
        OWN = "own", _("The unit's own signed report")

    nomination = models.ForeignKey(
        Nomination,
        on_delete=models.PROTECT,
        related_name="report_files",
        verbose_name=_("nomination"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind)
    file = models.FileField(_("file"), upload_to="reports/%Y/", max_length=300)

    history = HistoricalRecords()

    class Meta:
        ordering = ["nomination", "uploaded_at"]
        verbose_name = _("signed achievement report")
        verbose_name_plural = _("signed achievement reports")

    def __str__(self) -> str:
        return f"{self.nomination.unit} — {self.get_kind_display()}"

    never_deleted = _("A signed achievement report is never deleted.")
