"""Award types of a province and the titles each member unit registers for in a bloc-year."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from blocs.models import BlocYear, Membership
from units.models import CleanTextModel, Province, Unit


class AwardTypeQuerySet(models.QuerySet):
    def for_user(self, user) -> AwardTypeQuerySet:
        """Return the award types the user may see: those of the province they work in."""
        if not user.is_authenticated:
            return self.none()
        if user.sees_every_province:
            return self
        if user.province_id:
            return self.filter(province_id=user.province_id)
        if user.unit_id:
            home = Unit.objects.filter(pk=user.unit_id).values("province_id")
            return self.filter(province_id__in=home)
        return self.none()

    def active(self) -> AwardTypeQuerySet:
        return self.filter(is_active=True)

    def next_position(self, province_id: int | None) -> int:
        """Return the display position after the province's last award type."""
        last = self.filter(province_id=province_id).aggregate(last=models.Max("position"))
        return (last["last"] or 0) + 1


class AwardType(CleanTextModel):
    """A title or award as a province names it: a flag, a certificate of merit, a title."""

    class Kind(models.TextChoices):
        FLAG = "flag", _("Emulation flag")
        MERIT = "merit", _("Certificate of merit")
        TITLE = "title", _("Emulation title")
        OTHER = "other", _("Other")

    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="award_types", verbose_name=_("province")
    )
    name = models.CharField(
        _("name"),
        max_length=200,
        help_text=_("As the province names it: Cờ thi đua của UBND tỉnh."),
    )
    short_name = models.CharField(
        _("short name"),
        max_length=60,
        blank=True,
        help_text=_("For tables: Cờ UBND tỉnh. Leave empty to use the name."),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind)
    proposable_by_bloc = models.BooleanField(
        _("a bloc may propose it"),
        default=False,
        help_text=_("Blocs vote on and propose this award at their year-end conference."),
    )
    position = models.PositiveSmallIntegerField(
        _("display order"), default=1, help_text=_("Lists show the types in this order.")
    )
    is_active = models.BooleanField(
        _("in use"),
        default=True,
        help_text=_("A type no longer in use cannot be registered for; past records keep it."),
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    history = HistoricalRecords()
    objects = AwardTypeQuerySet.as_manager()

    class Meta:
        ordering = ["province__name", "position", "name"]
        verbose_name = _("award type")
        verbose_name_plural = _("award types")
        constraints = [
            models.UniqueConstraint(
                fields=["province", "name"],
                name="awards_awardtype_name_unique_in_province",
                violation_error_message=_("This province already has an award type of this name."),
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["flag", "merit", "title", "other"]),
                name="awards_awardtype_kind_valid",
                violation_error_message=_("Unknown kind of award."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("awards:awardtype_edit", args=[self.pk])

    @property
    def label(self) -> str:
        """Return the short name where there is one, for tables."""
        return self.short_name or self.name


class RegistrationQuerySet(models.QuerySet):
    def for_user(self, user) -> RegistrationQuerySet:
        """Return the registrations of the bloc-years the user may see."""
        return self.filter(membership__bloc_year__in=BlocYear.objects.for_user(user).values("pk"))


class Registration(CleanTextModel):
    """A member unit's registration (đăng ký danh hiệu thi đua) of a title it aims for that year.

    It hangs on the membership, so that the database itself holds a registration to a unit that
    is a member of that bloc-year.
    """

    membership = models.ForeignKey(
        Membership,
        on_delete=models.CASCADE,
        related_name="registrations",
        verbose_name=_("member unit"),
    )
    award_type = models.ForeignKey(
        AwardType,
        on_delete=models.PROTECT,
        related_name="registrations",
        verbose_name=_("title or award"),
    )
    registered_on = models.DateField(_("registered on"))
    document_number = models.CharField(
        _("number of the registration document"),
        max_length=50,
        blank=True,
        help_text=_("The unit's own document, for example: 15/ĐK-STP."),
    )
    note = models.CharField(_("note"), max_length=250, blank=True)

    history = HistoricalRecords()
    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["membership", "award_type__position", "award_type__name"]
        verbose_name = _("title registration")
        verbose_name_plural = _("title registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["membership", "award_type"],
                name="awards_registration_once_per_award_type",
                violation_error_message=_(
                    "The unit has already registered for this title this year."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.membership.unit}: {self.award_type}"

    def get_absolute_url(self) -> str:
        bloc_year = self.membership.bloc_year
        return reverse("awards:registration_list", args=[bloc_year.bloc_id, bloc_year.year])

    def clean(self) -> None:
        if not (self.membership_id and self.award_type_id):
            return
        bloc_year = self.membership.bloc_year
        errors: dict[str, str] = {}
        if self.award_type.province_id != bloc_year.bloc.province_id:
            errors["award_type"] = _("The award type belongs to another province.")
        elif self._state.adding and not self.award_type.is_active:
            errors["award_type"] = _("This award type is no longer in use.")
        if self.registered_on and self.registered_on.year not in (
            bloc_year.year - 1,
            bloc_year.year,
        ):
            errors["registered_on"] = _(
                "A registration for %(year)d is dated in %(year)d or the year before."
            ) % {"year": bloc_year.year}
        if errors:
            raise ValidationError(errors)


class Criterion(CleanTextModel):
    """An item of a bloc-year's score sheet: a section (no parent) or a criterion within one."""

    class Kind(models.TextChoices):
        NORMAL = "normal", _("Normal")
        BONUS = "bonus", _("Bonus")
        PENALTY = "penalty", _("Penalty")

    bloc_year = models.ForeignKey(
        BlocYear, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("bloc-year")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("section"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    title = models.CharField(_("title"), max_length=500)
    max_points = models.DecimalField(_("max points"), max_digits=7, decimal_places=2, default=0)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind, default=Kind.NORMAL)

    history = HistoricalRecords()

    class Meta:
        ordering = ["bloc_year", "parent_id", "position"]
        verbose_name = _("score criterion")
        verbose_name_plural = _("score criteria")
        constraints = [
            models.CheckConstraint(
                condition=Q(max_points__gte=0),
                name="awards_criterion_max_points_not_negative",
                violation_error_message=_("The max points cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["normal", "bonus", "penalty"]),
                name="awards_criterion_kind_valid",
                violation_error_message=_("Unknown kind of criterion."),
            ),
            models.UniqueConstraint(
                fields=["bloc_year", "position"],
                condition=Q(parent__isnull=True),
                name="awards_criterion_section_position_unique",
                violation_error_message=_("Another section has this position."),
            ),
            models.UniqueConstraint(
                fields=["parent", "position"],
                condition=Q(parent__isnull=False),
                name="awards_criterion_position_unique_in_section",
                violation_error_message=_("Another criterion of this section has this position."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if (
            self.parent_id
            and self.bloc_year_id
            and (self.parent.bloc_year_id != self.bloc_year_id or self.parent.parent_id)
        ):
            raise ValidationError({"parent": _("Choose a section of the same bloc-year.")})


class Score(CleanTextModel):
    """A member unit's points on one criterion: its own (self) score and the bloc's score."""

    membership = models.ForeignKey(
        Membership, on_delete=models.CASCADE, related_name="scores", verbose_name=_("member unit")
    )
    criterion = models.ForeignKey(
        Criterion, on_delete=models.CASCADE, related_name="scores", verbose_name=_("criterion")
    )
    self_score = models.DecimalField(
        _("self-score"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    bloc_score = models.DecimalField(
        _("bloc score"), max_digits=7, decimal_places=2, null=True, blank=True
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["membership", "criterion"]
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(
                fields=["membership", "criterion"],
                name="awards_score_once_per_criterion",
                violation_error_message=_("The unit already has a score on this criterion."),
            ),
            models.CheckConstraint(
                condition=Q(self_score__gte=0) | Q(self_score__isnull=True),
                name="awards_score_self_not_negative",
                violation_error_message=_("A score cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(bloc_score__gte=0) | Q(bloc_score__isnull=True),
                name="awards_score_bloc_not_negative",
                violation_error_message=_("A score cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.membership.unit}: {self.criterion}"

    def clean(self) -> None:
        if not (self.membership_id and self.criterion_id):
            return
        errors: dict[str, str] = {}
        if self.criterion.bloc_year_id != self.membership.bloc_year_id:
            errors["criterion"] = _("The criterion belongs to another bloc-year.")
        for field in ("self_score", "bloc_score"):
            value = getattr(self, field)
            if value is not None and value > self.criterion.max_points:
                errors[field] = _("At most %(max)s points.") % {"max": self.criterion.max_points}
        if errors:
            raise ValidationError(errors)


class BallotQuerySet(models.QuerySet):
    def for_user(self, user) -> BallotQuerySet:
        """Return the ballots of the bloc-years the user may see."""
        return self.filter(meeting__bloc_year__in=BlocYear.objects.for_user(user).values("pk"))


class Ballot(CleanTextModel):
    """One round of the secret ballot at a meeting, covering the award types voted on together.

    The counts come from the vote-count record: ballots issued, returned, valid and invalid.
    """

    meeting = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.PROTECT,
        related_name="ballots",
        verbose_name=_("meeting"),
    )
    round_number = models.PositiveSmallIntegerField(_("round"), default=1)
    issued = models.PositiveSmallIntegerField(_("ballots issued"))
    returned = models.PositiveSmallIntegerField(_("ballots returned"))
    valid = models.PositiveSmallIntegerField(_("valid ballots"))
    invalid = models.PositiveSmallIntegerField(_("invalid ballots"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    history = HistoricalRecords()
    objects = BallotQuerySet.as_manager()

    class Meta:
        ordering = ["meeting_id", "round_number"]
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "round_number"],
                name="awards_ballot_round_unique_in_meeting",
                violation_error_message=_("This meeting already has a ballot of this round."),
            ),
            models.CheckConstraint(
                condition=Q(round_number__gte=1),
                name="awards_ballot_round_positive",
                violation_error_message=_("Rounds are numbered from 1."),
            ),
            models.CheckConstraint(
                condition=Q(returned__lte=models.F("issued")),
                name="awards_ballot_returned_at_most_issued",
                violation_error_message=_("More ballots were returned than issued."),
            ),
            models.CheckConstraint(
                condition=Q(returned=models.F("valid") + models.F("invalid")),
                name="awards_ballot_valid_and_invalid_make_returned",
                violation_error_message=_(
                    "The valid and invalid ballots must add up to the ballots returned."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting} ({self.round_number})"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if None not in (self.returned, self.issued) and self.returned > self.issued:
            errors["returned"] = _("More ballots were returned than issued.")
        if None not in (self.returned, self.valid, self.invalid) and (
            self.valid + self.invalid != self.returned
        ):
            errors["invalid"] = _(
                "The valid and invalid ballots must add up to the ballots returned."
            )
        if self.meeting_id and self.issued is not None:
            present = self.meeting.attendances.filter(present=True).count()
            if self.issued > present:
                errors["issued"] = _(
                    "More ballots were issued (%(issued)d) than member units were present "
                    "(%(present)d)."
                ) % {"issued": self.issued, "present": present}
        if errors:
            raise ValidationError(errors)


class BallotVote(models.Model):
    """The votes a member unit received for one award type in one round."""

    ballot = models.ForeignKey(
        Ballot, on_delete=models.CASCADE, related_name="votes", verbose_name=_("ballot")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="ballot_votes", verbose_name=_("unit")
    )
    award_type = models.ForeignKey(
        AwardType,
        on_delete=models.PROTECT,
        related_name="ballot_votes",
        verbose_name=_("title or award"),
    )
    votes = models.PositiveSmallIntegerField(_("votes"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["ballot", "award_type__position", "unit__short_name"]
        verbose_name = _("votes")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(
                fields=["ballot", "unit", "award_type"],
                name="awards_ballotvote_once_per_unit_and_award_type",
                violation_error_message=_("These votes are already recorded."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit}: {self.award_type} ({self.votes})"


class Decision(CleanTextModel):
    """The province's decision on the nominations: its number, date and signer."""

    province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        related_name="award_decisions",
        verbose_name=_("province"),
    )
    number = models.CharField(_("number"), max_length=50)
    date = models.DateField(_("date"))
    signer = models.CharField(_("signer"), max_length=200)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "number"]
        verbose_name = _("award decision")
        verbose_name_plural = _("award decisions")

    def __str__(self) -> str:
        return self.number


class NominationQuerySet(models.QuerySet):
    def for_user(self, user) -> NominationQuerySet:
        """Return the nominations of the bloc-years the user may see."""
        return self.filter(bloc_year__in=BlocYear.objects.for_user(user).values("pk"))


class Nomination(CleanTextModel):
    """A bloc's proposal of an award for one member unit, from a ballot or with a reason."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        DOWNGRADED = "downgraded", _("Downgraded")

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
    decided_award_type = models.ForeignKey(
        AwardType,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decided_nominations",
        verbose_name=_("award decided"),
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
