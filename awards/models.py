"""Award types of a province and the titles each member unit registers for in a bloc-year."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from blocs.models import BlocYear, Membership
from core.models import CleanTextModel
from units.models import Province, Unit


class ProvinceScopedQuerySet(models.QuerySet):
    """Records of a province: each user sees those of the province they work in."""

    def for_user(self, user):
        """Return the records of the user's province (every province's for national staff)."""
        if not user.is_authenticated:
            return self.none()
        if user.sees_every_province:
            return self
        province_id = user.home_province_id
        return self.filter(province_id=province_id) if province_id else self.none()


class AwardTypeQuerySet(ProvinceScopedQuerySet):
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


class LegalBasisQuerySet(models.QuerySet):
    def for_user(self, user) -> LegalBasisQuerySet:
        """Return the national texts and those of the user's province."""
        if not user.is_authenticated:
            return self.none()
        if user.sees_every_province:
            return self
        province_id = user.home_province_id
        return self.filter(Q(province__isnull=True) | Q(province_id=province_id))

    def in_force(self, *, province_id: int | None, on: datetime.date) -> LegalBasisQuerySet:
        """Return the texts in force on that date for the province: national ones and its own."""
        return self.filter(
            Q(province__isnull=True) | Q(province_id=province_id),
            Q(effective_to__isnull=True) | Q(effective_to__gte=on),
            effective_from__lte=on,
        ).order_by("kind_order", "position", "effective_from")

    def cited(self, *, province_id: int | None, on: datetime.date) -> LegalBasisQuerySet:
        """Return the texts a document dated `on` cites as its basis (căn cứ)."""
        return self.in_force(province_id=province_id, on=on).filter(cite_in_documents=True)


class LegalBasis(CleanTextModel):
    """A legal text the rules rest on, with the dates it applies: a law, a decree, a quy chế.

    National texts have no province. A document cites the texts in force on its own date.
    """

    class Kind(models.TextChoices):
        LAW = "law", _("Law")
        DECREE = "decree", _("Decree")
        CIRCULAR = "circular", _("Circular")
        PROVINCE = "province", _("Provincial regulation or decision")
        OTHER = "other", _("Other")

    province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="legal_bases",
        verbose_name=_("province"),
        help_text=_("Empty for a national text."),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind)
    # Laws before decrees before circulars before the province's own texts, as documents cite.
    kind_order = models.PositiveSmallIntegerField(_("order of the kind"), default=0, editable=False)
    number = models.CharField(_("number"), max_length=60, help_text=_("For example: 06/2022/QH15."))
    citation = models.CharField(
        _("citation"),
        max_length=500,
        help_text=_(
            "As documents cite it after “Căn cứ”: Luật Thi đua, khen thưởng số 06/2022/QH15 "
            "ngày 15 tháng 6 năm 2022."
        ),
    )
    effective_from = models.DateField(_("in force from"))
    effective_to = models.DateField(
        _("in force until"), null=True, blank=True, help_text=_("Empty while it is in force.")
    )
    cite_in_documents = models.BooleanField(
        _("cited in documents"),
        default=True,
        help_text=_("Tờ trình and vote-count records cite it while it is in force."),
    )
    position = models.PositiveSmallIntegerField(_("display order"), default=1)
    note = models.CharField(_("note"), max_length=300, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    history = HistoricalRecords()
    objects = LegalBasisQuerySet.as_manager()

    KIND_ORDER = {"law": 1, "decree": 2, "circular": 3, "province": 4, "other": 5}

    class Meta:
        ordering = ["kind_order", "position", "effective_from"]
        verbose_name = _("legal basis")
        verbose_name_plural = _("legal bases")
        constraints = [
            models.UniqueConstraint(
                fields=["number"],
                condition=Q(province__isnull=True),
                name="awards_legalbasis_national_number_unique",
                violation_error_message=_("A national text of this number is already recorded."),
            ),
            models.UniqueConstraint(
                fields=["province", "number"],
                condition=Q(province__isnull=False),
                name="awards_legalbasis_number_unique_in_province",
                violation_error_message=_("The province already has a text of this number."),
            ),
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True)
                | Q(effective_to__gte=models.F("effective_from")),
                name="awards_legalbasis_ends_after_it_starts",
                violation_error_message=_("A text cannot stop applying before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["law", "decree", "circular", "province", "other"]),
                name="awards_legalbasis_kind_valid",
                violation_error_message=_("Unknown kind of text."),
            ),
        ]

    def __str__(self) -> str:
        return self.citation

    def get_absolute_url(self) -> str:
        return reverse("awards:rules")

    def save(self, *args, **kwargs):
        self.kind_order = self.KIND_ORDER.get(self.kind, 9)
        super().save(*args, **kwargs)

    def is_in_force(self, on: datetime.date) -> bool:
        return self.effective_from <= on and (self.effective_to is None or on <= self.effective_to)


class AwardRulesQuerySet(ProvinceScopedQuerySet):
    def in_force(self, *, province_id: int, year: int) -> AwardRules | None:
        """Return the province's rules that apply to a year: the latest from that year or before."""
        return (
            self.filter(province_id=province_id, from_year__lte=year).order_by("-from_year").first()
        )

    def for_year(self, *, province_id: int, year: int) -> AwardRules:
        """Return the rules that apply to a year, or the defaults (unsaved) where none are set."""
        return self.in_force(province_id=province_id, year=year) or AwardRules(
            province_id=province_id, from_year=year
        )


class AwardRules(CleanTextModel):
    """The rules a province sets for its blocs' year-end review, from a year on."""

    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="award_rules", verbose_name=_("province")
    )
    from_year = models.PositiveSmallIntegerField(
        _("from the year"), help_text=_("They apply to this emulation year and the next ones.")
    )
    basis = models.ForeignKey(
        LegalBasis,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="award_rules",
        verbose_name=_("set by"),
        help_text=_("The province's regulation (quy chế) or decision that sets these rules."),
    )
    quorum_numerator = models.PositiveSmallIntegerField(_("quorum (numerator)"), default=2)
    quorum_denominator = models.PositiveSmallIntegerField(_("quorum (denominator)"), default=3)
    vote_threshold_percent = models.PositiveSmallIntegerField(
        _("vote threshold (percent of valid ballots)"),
        default=50,
        help_text=_("A unit is proposed when it gets more than this share of valid ballots."),
    )
    flags_per_bloc = models.PositiveSmallIntegerField(_("emulation flags per bloc"), default=1)
    large_bloc_members = models.PositiveSmallIntegerField(
        _("a large bloc has at least (members)"),
        null=True,
        blank=True,
        help_text=_("Empty when every bloc has the same flag quota."),
    )
    flags_per_large_bloc = models.PositiveSmallIntegerField(
        _("emulation flags per large bloc"), null=True, blank=True
    )
    merits_per_bloc = models.PositiveSmallIntegerField(
        _("certificates of merit per bloc"), default=3
    )
    nomination_without_ballot = models.BooleanField(
        _("a bloc may propose with a reason, without a ballot"),
        default=False,
        help_text=_(
            "For example a unit with an exceptional achievement the conference did not vote on."
        ),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    history = HistoricalRecords()
    objects = AwardRulesQuerySet.as_manager()

    class Meta:
        ordering = ["province__name", "-from_year"]
        verbose_name = _("award rules")
        verbose_name_plural = _("award rules")
        constraints = [
            models.UniqueConstraint(
                fields=["province", "from_year"],
                name="awards_awardrules_once_per_province_and_year",
                violation_error_message=_("The province already has rules from this year."),
            ),
            models.CheckConstraint(
                condition=Q(quorum_numerator__gte=1)
                & Q(quorum_numerator__lte=models.F("quorum_denominator")),
                name="awards_awardrules_quorum_valid",
                violation_error_message=_("The quorum must be a fraction between 0 and 1."),
            ),
            models.CheckConstraint(
                condition=Q(vote_threshold_percent__lte=100),
                name="awards_awardrules_threshold_valid",
                violation_error_message=_("The threshold is a percentage from 0 to 100."),
            ),
            models.CheckConstraint(
                condition=(
                    Q(large_bloc_members__isnull=True) & Q(flags_per_large_bloc__isnull=True)
                )
                | (Q(large_bloc_members__gte=2) & Q(flags_per_large_bloc__isnull=False)),
                name="awards_awardrules_large_bloc_complete",
                violation_error_message=_(
                    "Give both the size of a large bloc and its flag quota, or neither."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.province} ({self.from_year})"

    def get_absolute_url(self) -> str:
        return reverse("awards:rules")

    def flag_quota_for(self, member_count: int) -> int:
        """Return the flags a bloc of that many members may propose."""
        if self.large_bloc_members and member_count >= self.large_bloc_members:
            return self.flags_per_large_bloc or self.flags_per_bloc
        return self.flags_per_bloc

    def settings_for(self, member_count: int) -> dict[str, int]:
        """Return the bloc-year settings these rules give a bloc of that many members."""
        return {
            "quorum_numerator": self.quorum_numerator,
            "quorum_denominator": self.quorum_denominator,
            "vote_threshold_percent": self.vote_threshold_percent,
            "flag_quota": self.flag_quota_for(member_count),
            "merit_quota": self.merits_per_bloc,
        }


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

    def get_absolute_url(self) -> str:
        bloc_year = self.meeting.bloc_year
        return reverse("awards:ballot_result", args=[bloc_year.bloc_id, bloc_year.year, self.pk])

    @property
    def date(self) -> datetime.date:
        """Return the date of the vote: the meeting's."""
        return self.meeting.date

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


class BallotCounter(CleanTextModel):
    """A member of a round's counting committee (ban kiểm phiếu), who signs its record."""

    class Role(models.TextChoices):
        HEAD = "head", _("Head of the counting committee")
        MEMBER = "member", _("Member")

    ballot = models.ForeignKey(
        Ballot, on_delete=models.CASCADE, related_name="counters", verbose_name=_("ballot")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    role = models.CharField(_("role"), max_length=10, choices=Role, default=Role.MEMBER)
    name = models.CharField(_("name"), max_length=150)
    title = models.CharField(_("title"), max_length=150, blank=True)
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ballot_counters",
        verbose_name=_("unit"),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["ballot", "position"]
        verbose_name = _("member of the counting committee")
        verbose_name_plural = _("counting committee")
        constraints = [
            models.UniqueConstraint(
                fields=["ballot", "position"],
                name="awards_ballotcounter_position_unique",
                violation_error_message=_("Another member of the committee has this position."),
            ),
            models.UniqueConstraint(
                fields=["ballot"],
                condition=Q(role="head"),
                name="awards_ballotcounter_one_head",
                violation_error_message=_("The counting committee has one head."),
            ),
            models.CheckConstraint(
                condition=Q(role__in=["head", "member"]),
                name="awards_ballotcounter_role_valid",
                violation_error_message=_("Unknown role."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


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


class Submission(CleanTextModel):
    """The bloc's submission (tờ trình) of its nominations to the province, with the dossier.

    A bloc whose nominations were returned submits again with a new submission.
    """

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
        return f"{self.bloc_year}: {self.date:%d/%m/%Y}"

    def get_absolute_url(self) -> str:
        return reverse("awards:nomination_list", args=[self.bloc_year.bloc_id, self.bloc_year.year])

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None


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
