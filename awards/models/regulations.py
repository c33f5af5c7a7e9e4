"""The province's award regulations from a year on, and the legal texts they rest on."""

from __future__ import annotations

import datetime

from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from awards.models.types import ProvinceScopedQuerySet
from blocs.models import MAX_POSITION, MAX_QUOTA, QUORUM_BOUNDS
from core.dates import sane_date
from core.models import CleanTextModel
from units.models import Province

# More members than any bloc has: a large bloc is counted below it.
MAX_BLOC_MEMBERS = 500


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
    effective_from = models.DateField(_("in force from"), validators=[sane_date])
    effective_to = models.DateField(
        _("in force until"),
        null=True,
        blank=True,
        validators=[sane_date],
        help_text=_("Empty while it is in force."),
    )
    cite_in_documents = models.BooleanField(
        _("cited in documents"),
        default=True,
        help_text=_("Tờ trình and vote-count records cite it while it is in force."),
    )
    position = models.PositiveSmallIntegerField(
        _("display order"), default=1, validators=[MaxValueValidator(MAX_POSITION)]
    )
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
        return reverse("awards:regulations")

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
    quorum_numerator = models.PositiveSmallIntegerField(
        _("quorum (numerator)"), default=2, validators=QUORUM_BOUNDS
    )
    quorum_denominator = models.PositiveSmallIntegerField(
        _("quorum (denominator)"), default=3, validators=QUORUM_BOUNDS
    )
    vote_threshold_percent = models.PositiveSmallIntegerField(
        _("vote threshold (percent of valid ballots)"),
        default=50,
        help_text=_("A unit is proposed when it gets more than this share of valid ballots."),
    )
    flags_per_bloc = models.PositiveSmallIntegerField(
        _("emulation flags per bloc"), default=1, validators=[MaxValueValidator(MAX_QUOTA)]
    )
    large_bloc_members = models.PositiveSmallIntegerField(
        _("a large bloc has at least (members)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_BLOC_MEMBERS)],
        help_text=_("Empty when every bloc has the same flag quota."),
    )
    flags_per_large_bloc = models.PositiveSmallIntegerField(
        _("emulation flags per large bloc"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_QUOTA)],
    )
    merits_per_bloc = models.PositiveSmallIntegerField(
        _("certificates of merit per bloc"), default=3, validators=[MaxValueValidator(MAX_QUOTA)]
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
        return reverse("awards:regulations")

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
