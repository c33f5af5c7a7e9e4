"""Nominations to the province, the submissions that send them, and its decisions."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from awards.models.ballots import Ballot
from awards.models.types import AwardType
from blocs.models import BlocYear, Membership
from core.dates import sane_date
from core.models import CleanTextModel, YearDatedModel
from units.models import Province, Unit


class Decision(CleanTextModel):
    """The province's decision on the nominations: its number, date and signer."""

    province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        related_name="award_decisions",
        verbose_name=_("province"),
    )
    number = models.CharField(_("number"), max_length=50)
    date = models.DateField(_("date"), validators=[sane_date])
    signer = models.CharField(_("signer"), max_length=200)
    note = models.CharField(_("note"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "number"]
        verbose_name = _("award decision")
        verbose_name_plural = _("award decisions")

    def __str__(self) -> str:
        return self.number


class SubmissionQuerySet(models.QuerySet):
    def for_user(self, user) -> SubmissionQuerySet:
        """Return the submissions of the bloc-years the user may see."""
        return self.filter(bloc_year__in=BlocYear.objects.for_user(user).values("pk"))


class Submission(YearDatedModel):
    """The bloc's submission (tờ trình) of its nominations to the province, with the dossier.

    A bloc whose nominations were returned submits again with a new submission.
    """

    year_dates = ("date", "sent_on")

    bloc_year = models.ForeignKey(
        BlocYear, on_delete=models.CASCADE, related_name="submissions", verbose_name=_("bloc-year")
    )
    date = models.DateField(_("date of the submission"))
    signer_name = models.CharField(_("signed by"), max_length=150)
    signer_title = models.CharField(
        _("signer's title"),
        max_length=150,
        help_text=_("The head unit's leader, for example: Chỉ huy trưởng."),
    )
    summary = models.TextField(
        _("achievements"),
        blank=True,
        help_text=_("What the tờ trình says of the year's movement and the nominees' results."),
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    # The day the dossier went out, as the user says: today, or a past year's record's date.
    sent_on = models.DateField(_("date sent"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    history = HistoricalRecords()
    objects = SubmissionQuerySet.as_manager()

    class Meta:
        ordering = ["bloc_year", "date", "pk"]
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")

    def __str__(self) -> str:
        return _("Submission (tờ trình) of %(date)s") % {"date": f"{self.date:%d/%m/%Y}"}

    def get_absolute_url(self) -> str:
        return reverse("awards:nomination_list", args=[self.bloc_year.bloc_id, self.bloc_year.year])

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None


class NominationQuerySet(models.QuerySet):
    def for_user(self, user) -> NominationQuerySet:
        """Return the nominations of the bloc-years the user may see."""
        return self.filter(bloc_year__in=BlocYear.objects.for_user(user).values("pk"))

    def pending(self) -> NominationQuerySet:
        """Return the nominations still the bloc's own: drafts, and those returned to it."""
        return self.filter(status__in=Nomination.PENDING_STATES)


class Nomination(YearDatedModel):
    """A bloc's proposal of an award for one member unit, from a ballot or with a reason."""

    year_dates = ("returned_on",)

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        DOWNGRADED = "downgraded", _("Downgraded")

    # Not yet sent to the province, or sent back to the bloc: the bloc still changes them.
    PENDING_STATES = (Status.DRAFT, Status.RETURNED)

    bloc_year = models.ForeignKey(
        BlocYear, on_delete=models.CASCADE, related_name="nominations", verbose_name=_("bloc-year")
    )
    membership = models.ForeignKey(
        Membership,
        on_delete=models.PROTECT,
        related_name="nominations",
        verbose_name=_("member unit"),
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="nominations", verbose_name=_("unit")
    )
    award_type = models.ForeignKey(
        AwardType,
        on_delete=models.PROTECT,
        related_name="nominations",
        verbose_name=_("title or award"),
    )
    ballot = models.ForeignKey(
        Ballot,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="nominations",
        verbose_name=_("ballot"),
    )
    reason = models.TextField(_("reason"), blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.DRAFT)
    board_reason = models.TextField(_("reason of the board"), blank=True)
    returned_on = models.DateField(_("date returned"), null=True, blank=True)
    decided_award_type = models.ForeignKey(
        AwardType,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decided_nominations",
        verbose_name=_("award decided"),
    )
    submission = models.ForeignKey(
        Submission,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="nominations",
        verbose_name=_("submission"),
    )
    decision = models.ForeignKey(
        Decision,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="nominations",
        verbose_name=_("decision"),
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    history = HistoricalRecords()
    objects = NominationQuerySet.as_manager()

    class Meta:
        ordering = ["bloc_year", "award_type__position", "unit__short_name"]
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        constraints = [
            models.UniqueConstraint(
                fields=["bloc_year", "unit"],
                name="awards_nomination_one_award_per_unit_and_year",
                violation_error_message=_(
                    "The unit is already nominated this year: one achievement, one award."
                ),
            ),
            models.CheckConstraint(
                condition=Q(ballot__isnull=False) | ~Q(reason=""),
                name="awards_nomination_reason_without_ballot",
                violation_error_message=_("A nomination not from a ballot needs a reason."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit}: {self.award_type}"

    @property
    def is_editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)

    @property
    def awarded_type(self):
        return self.decided_award_type or self.award_type

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.membership_id and self.bloc_year_id:
            wrong_unit = bool(self.unit_id) and self.membership.unit_id != self.unit_id
            if self.membership.bloc_year_id != self.bloc_year_id or wrong_unit:
                errors["membership"] = _("The unit is not a member of this bloc-year.")
        if self.award_type_id and self.bloc_year_id:
            if self.award_type.province_id != self.bloc_year.bloc.province_id:
                errors["award_type"] = _("The award type belongs to another province.")
            elif not self.award_type.proposable_by_bloc:
                errors["award_type"] = _("A bloc may not propose this award type.")
        if self.ballot_id is None and not (self.reason or "").strip():
            errors["reason"] = _("A nomination not from a ballot needs a reason.")
        if errors:
            raise ValidationError(errors)
