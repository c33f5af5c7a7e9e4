"""The year's calendar: the dates a province expects of its blocs (registrations, pledge, reviews,
dossier, its council), a bloc-year's own dates where the province allows them, and the days off
the province adds to the national holidays."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from blocs.models.blocs import MAX_YEAR, MIN_YEAR, BlocYear
from core.dates import sane_date
from core.models import CleanTextModel, YearDatedModel
from units.models import Province

MAX_WORKING_DAYS = 60


class Milestone(models.TextChoices):
    """What the province expects of each bloc by a date."""

    REGISTRATION = "registration", _("Title registrations")
    PLEDGE = "pledge", _("Pledge signed")
    MID_YEAR = "mid_year", _("Mid-year review")
    YEAR_END = "year_end", _("Year-end conference")
    DOSSIER = "dossier", _("Dossier sent to the province")
    COUNCIL = "council", _("Emulation council's meeting")


class CalendarDate(YearDatedModel):
    """A date the province expects in a year: a fixed day, or a number of working days after
    another of its dates (the bloc's own day of it when the bloc has held it)."""

    year_dates = ("due_on",)

    province = models.ForeignKey(
        Province,
        on_delete=models.CASCADE,
        related_name="calendar_dates",
        verbose_name=_("province"),
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(MIN_YEAR), MaxValueValidator(MAX_YEAR)]
    )
    milestone = models.CharField(_("what"), max_length=20, choices=Milestone)
    due_on = models.DateField(_("by"), null=True, blank=True)
    after = models.CharField(_("counted after"), max_length=20, choices=Milestone, blank=True)
    working_days = models.PositiveSmallIntegerField(
        _("working days"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_WORKING_DAYS)],
    )
    blocs_may_change = models.BooleanField(
        _("blocs set their own date"),
        default=False,
        help_text=_("Each bloc's secretariat may set its own date, e.g. of its conference."),
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["province", "year", "milestone"]
        verbose_name = _("date of the year's calendar")
        verbose_name_plural = _("dates of the year's calendar")
        constraints = [
            models.UniqueConstraint(
                fields=["province", "year", "milestone"],
                name="blocs_calendardate_once_per_milestone",
                violation_error_message=_("This date is already in the year's calendar."),
            ),
            models.CheckConstraint(
                condition=Q(due_on__isnull=False, after="", working_days__isnull=True)
                | Q(due_on__isnull=True, working_days__isnull=False) & ~Q(after=""),
                name="blocs_calendardate_fixed_or_counted",
                violation_error_message=_(
                    "Give either a date, or a number of working days after another date."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(after=models.F("milestone")),
                name="blocs_calendardate_not_after_itself",
                violation_error_message=_("A date cannot be counted after itself."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_milestone_display()} {self.year}"

    def dated_year(self) -> int | None:
        return self.year


class BlocYearDate(YearDatedModel):
    """A bloc-year's own date for a milestone, where the province lets its blocs set one."""

    year_dates = ("due_on",)

    bloc_year = models.ForeignKey(
        BlocYear, on_delete=models.CASCADE, related_name="own_dates", verbose_name=_("bloc-year")
    )
    milestone = models.CharField(_("what"), max_length=20, choices=Milestone)
    due_on = models.DateField(_("by"))
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bloc-year's own date")
        verbose_name_plural = _("bloc-years' own dates")
        constraints = [
            models.UniqueConstraint(
                fields=["bloc_year", "milestone"],
                name="blocs_blocyeardate_once_per_milestone",
                violation_error_message=_("This bloc-year already has its own date for this."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_milestone_display()}: {self.due_on:%d/%m/%Y}"


class DayOff(CleanTextModel):
    """A day the province's offices do not work besides the national holidays."""

    province = models.ForeignKey(
        Province, on_delete=models.CASCADE, related_name="days_off", verbose_name=_("province")
    )
    day = models.DateField(_("day"), validators=[sane_date])
    name = models.CharField(_("reason"), max_length=150)

    history = HistoricalRecords()

    class Meta:
        ordering = ["province", "day"]
        verbose_name = _("day off")
        verbose_name_plural = _("days off")
        constraints = [
            models.UniqueConstraint(
                fields=["province", "day"],
                name="blocs_dayoff_once_per_day",
                violation_error_message=_("This day is already a day off of the province."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y} {self.name}"
