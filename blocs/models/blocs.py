"""Blocs, their years and settings, their members, and who leads them each year."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.dates import sane_date
from core.models import CleanTextModel, YearDatedModel
from units.models import Province, Unit

MIN_YEAR = 1990
MAX_YEAR = 2100
# Domain bounds of a bloc-year's settings: a quorum is a fraction of tenths at the finest, no
# bloc has a hundred units to award, a look-back of more than ten years says nothing.
QUORUM_BOUNDS = [MaxValueValidator(10)]
MAX_QUOTA = 100
MAX_LOOKBACK_YEARS = 10
# A number in a list (a rotation order, a pledge's items, a section's criteria …).
MAX_POSITION = 1000


def quorum_of(member_count: int, numerator: int, denominator: int) -> int:
    """Return how many members must be present for a quorum of numerator/denominator, rounded
    up (2/3 of 8 members is 6)."""
    return -(-member_count * numerator // denominator)


class BlocQuerySet(models.QuerySet):
    def for_user(self, user) -> BlocQuerySet:
        """Return the blocs the user may see: a board its province's, a unit those it was in."""
        if not user.is_authenticated:
            return self.none()
        if user.sees_every_province:
            return self
        if user.province_id:
            return self.filter(province_id=user.province_id)
        if user.unit_id:
            ids = Membership.objects.filter(unit_id=user.unit_id).values("bloc_year__bloc_id")
            return self.filter(pk__in=ids)
        return self.none()


class Bloc(CleanTextModel):
    """An emulation bloc (khối) or cluster (cụm) of a province."""

    class Kind(models.TextChoices):
        BLOC = "khoi", _("Bloc (khối)")
        CLUSTER = "cum", _("Cluster (cụm)")

    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="blocs", verbose_name=_("province")
    )
    name = models.CharField(
        _("name"), max_length=150, help_text=_("For example: Khối thi đua số 3, Khối Nội chính.")
    )
    kind = models.CharField(_("kind"), max_length=5, choices=Kind, default=Kind.BLOC)
    symbol = models.CharField(
        _("document symbol"),
        max_length=20,
        help_text=_("What its document numbers carry after the type: KTĐ3 in 01/BB-KTĐ3."),
    )
    description = models.TextField(_("description"), blank=True)
    rotation_units = models.ManyToManyField(
        Unit,
        through="RotationSlot",
        related_name="rotation_blocs",
        verbose_name=_("rotation order"),
        blank=True,
    )

    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    history = HistoricalRecords()
    objects = BlocQuerySet.as_manager()

    class Meta:
        ordering = ["province__name", "name"]
        verbose_name = _("bloc")
        verbose_name_plural = _("blocs")
        constraints = [
            models.UniqueConstraint(
                fields=["province", "name"],
                name="blocs_bloc_name_unique_in_province",
                violation_error_message=_("This province already has a bloc with this name."),
            ),
            models.UniqueConstraint(
                fields=["province", "symbol"],
                name="blocs_bloc_symbol_unique_in_province",
                violation_error_message=_(
                    "Another bloc of this province already uses this document symbol."
                ),
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["khoi", "cum"]),
                name="blocs_bloc_kind_valid",
                violation_error_message=_("A bloc is a khối or a cụm."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("blocs:bloc_detail", args=[self.pk])

    @property
    def head_term(self) -> str:
        """What this bloc's head is called, in its province's words ("Cụm …" for a cluster)."""
        return self._in_kind(self.province.head_term)

    @property
    def deputy_term(self) -> str:
        """What this bloc's deputies are called, in its province's words."""
        return self._in_kind(self.province.deputy_term)

    def _in_kind(self, term: str) -> str:
        if self.kind != self.Kind.CLUSTER:
            return term
        return term.replace("Khối", "Cụm").replace("khối", "cụm")


class RotationSlot(models.Model):
    """A unit's place in the order in which a bloc's leadership rotates."""

    bloc = models.ForeignKey(
        Bloc, on_delete=models.CASCADE, related_name="rotation_slots", verbose_name=_("bloc")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="rotation_slots", verbose_name=_("unit")
    )
    position = models.PositiveSmallIntegerField(
        _("position"), validators=[MaxValueValidator(MAX_POSITION)]
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["bloc", "position"]
        verbose_name = _("place in the rotation order")
        verbose_name_plural = _("rotation order")
        constraints = [
            models.UniqueConstraint(
                fields=["bloc", "position"],
                name="blocs_rotationslot_position_unique",
                violation_error_message=_("Two units cannot share a place in the rotation order."),
            ),
            models.UniqueConstraint(
                fields=["bloc", "unit"],
                name="blocs_rotationslot_unit_once",
                violation_error_message=_("A unit appears once in the rotation order."),
            ),
            models.CheckConstraint(
                condition=Q(position__gte=1),
                name="blocs_rotationslot_position_positive",
                violation_error_message=_("Places in the rotation order start at 1."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.unit}"

    def clean(self) -> None:
        if self.unit_id and self.bloc_id and self.unit.province_id != self.bloc.province_id:
            raise ValidationError({"unit": _("The unit belongs to another province.")})


class BlocYearQuerySet(models.QuerySet):
    def for_user(self, user) -> BlocYearQuerySet:
        """Return the bloc-years the user may see: a board its province's, a unit its own."""
        if not user.is_authenticated:
            return self.none()
        if user.sees_every_province:
            return self
        if user.province_id:
            return self.filter(bloc__province_id=user.province_id)
        if user.unit_id:
            ids = Membership.objects.filter(unit_id=user.unit_id).values("bloc_year_id")
            return self.filter(pk__in=ids)
        return self.none()

    def with_leaders(self) -> BlocYearQuerySet:
        """Load the bloc, the member count, and the leaders with their names over time."""
        leaders = (
            Membership.objects.exclude(role=Membership.Role.MEMBER)
            .select_related("unit", "decision")
            .prefetch_related("unit__names")
            .order_by("role", "deputy_rank")
        )
        return (
            self.select_related("bloc", "bloc__province")
            .annotate(member_count=models.Count("memberships", distinct=True))
            .prefetch_related(models.Prefetch("memberships", leaders, to_attr="leader_list"))
        )


class BlocYear(CleanTextModel):
    """A bloc in one emulation year, with the settings its rules follow that year."""

    class State(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    bloc = models.ForeignKey(
        Bloc, on_delete=models.PROTECT, related_name="years", verbose_name=_("bloc")
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(MIN_YEAR), MaxValueValidator(MAX_YEAR)]
    )
    state = models.CharField(_("state"), max_length=10, choices=State, default=State.OPEN)
    max_deputies = models.PositiveSmallIntegerField(
        _("maximum number of deputies"),
        default=2,
        validators=[MaxValueValidator(5)],
        help_text=_("Usually one or two."),
    )
    deputies_unknown = models.BooleanField(
        _("deputies not known"),
        default=False,
        help_text=_("For past years whose records do not name the deputies."),
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
        validators=[MaxValueValidator(100)],
        help_text=_("A unit is proposed when it gets more than this share of valid ballots."),
    )
    flag_quota = models.PositiveSmallIntegerField(
        _("emulation flags (quota)"), default=1, validators=[MaxValueValidator(MAX_QUOTA)]
    )
    merit_quota = models.PositiveSmallIntegerField(
        _("certificates of merit (quota)"), default=3, validators=[MaxValueValidator(MAX_QUOTA)]
    )
    score_scale = models.PositiveSmallIntegerField(
        _("score scale"), choices=[(100, "100"), (1000, "1000")], default=100
    )
    rotation_lookback_years = models.PositiveSmallIntegerField(
        _("rotation look-back (years)"),
        default=3,
        validators=[MaxValueValidator(MAX_LOOKBACK_YEARS)],
        help_text=_(
            "A unit that was head or deputy in any of this many past years is passed over "
            "when the next deputy is proposed."
        ),
    )
    note = models.TextField(_("note"), blank=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    # Bumped by every change to the member list, so that two people editing it at once
    # cannot overwrite each other.
    members_version = models.PositiveIntegerField(
        _("member list version"), default=1, editable=False
    )

    history = HistoricalRecords()
    objects = BlocYearQuerySet.as_manager()

    class Meta:
        ordering = ["bloc__province__name", "bloc__name", "-year"]
        verbose_name = _("bloc-year")
        verbose_name_plural = _("bloc-years")
        constraints = [
            models.UniqueConstraint(
                fields=["bloc", "year"],
                name="blocs_blocyear_once_per_year",
                violation_error_message=_("This bloc already has this year."),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=MIN_YEAR, year__lte=MAX_YEAR),
                name="blocs_blocyear_year_in_range",
                violation_error_message=_("The year is out of range."),
            ),
            models.CheckConstraint(
                condition=Q(state__in=["open", "closed"]),
                name="blocs_blocyear_state_valid",
                violation_error_message=_("Unknown state."),
            ),
            models.CheckConstraint(
                condition=Q(
                    quorum_numerator__gte=1, quorum_numerator__lte=models.F("quorum_denominator")
                ),
                name="blocs_blocyear_quorum_is_a_fraction",
                violation_error_message=_("The quorum must be a fraction between 0 and 1."),
            ),
            models.CheckConstraint(
                condition=Q(vote_threshold_percent__lte=100),
                name="blocs_blocyear_threshold_is_a_percentage",
                violation_error_message=_("The vote threshold is a percentage from 0 to 100."),
            ),
            models.CheckConstraint(
                condition=Q(score_scale__in=[100, 1000]),
                name="blocs_blocyear_score_scale_valid",
                violation_error_message=_("The score scale is 100 or 1000."),
            ),
            models.CheckConstraint(
                condition=Q(max_deputies__lte=5),
                name="blocs_blocyear_max_deputies_bounded",
                violation_error_message=_("A bloc has at most five deputies."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.bloc} — {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("blocs:blocyear_detail", args=[self.bloc_id, self.year])

    @property
    def is_open(self) -> bool:
        return self.state == self.State.OPEN

    def quorum_needed(self, member_count: int) -> int:
        """Return how many members must be present for the quorum."""
        return quorum_of(member_count, self.quorum_numerator, self.quorum_denominator)

    def leaders(self) -> list[Membership]:
        """Return the head and the deputies, from the prefetch when there is one."""
        if hasattr(self, "leader_list"):
            return self.leader_list
        return list(self.memberships.exclude(role=Membership.Role.MEMBER).select_related("unit"))

    @property
    def head(self) -> Membership | None:
        return next((m for m in self.leaders() if m.role == Membership.Role.HEAD), None)

    @property
    def deputies(self) -> list[Membership]:
        return [m for m in self.leaders() if m.role == Membership.Role.DEPUTY]


class LeadershipDecision(CleanTextModel):
    """A provincial decision that assigns the heads and deputies of blocs for a year."""

    province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        related_name="leadership_decisions",
        verbose_name=_("province"),
    )
    number = models.CharField(
        _("decision number"), max_length=50, help_text=_("For example: 888/QĐ-UBND.")
    )
    date = models.DateField(_("date of issue"), validators=[sane_date])
    signer = models.CharField(_("signed by"), max_length=150, blank=True)
    subject = models.CharField(
        _("subject"),
        max_length=300,
        blank=True,
        help_text=_("For example: phân công Trưởng, Phó Cụm, các Khối thi đua năm 2020."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "number"]
        verbose_name = _("leadership decision")
        verbose_name_plural = _("leadership decisions")
        constraints = [
            models.UniqueConstraint(
                fields=["province", "number", "date"],
                name="blocs_leadershipdecision_unique",
                violation_error_message=_("This decision is already recorded."),
            ),
        ]

    def __str__(self) -> str:
        return _("Decision No. %(number)s of %(date)s") % {
            "number": self.number,
            "date": self.date.strftime("%d/%m/%Y"),
        }


class MembershipQuerySet(models.QuerySet):
    def for_user(self, user) -> MembershipQuerySet:
        """Return the memberships of the bloc-years the user may see."""
        return self.filter(bloc_year__in=BlocYear.objects.for_user(user).values("pk"))


class Membership(YearDatedModel):
    """A unit in a bloc-year, and its role there: member, head (khối trưởng) or deputy (khối phó).

    The role lives on the membership so that the database itself guarantees that every leader
    is a member of that bloc-year and that no unit is both head and deputy.
    """

    year_dates = ("elected_on",)

    class Role(models.TextChoices):
        # Ordered so that sorting by role lists the head first.
        HEAD = "1_head", _("Head (khối trưởng)")
        DEPUTY = "2_deputy", _("Deputy (khối phó)")
        MEMBER = "3_member", _("Member")

    class Basis(models.TextChoices):
        ELECTED = "elected", _("Elected at the conference")
        DECISION = "decision", _("Assigned by provincial decision")
        ROTATION = "rotation", _("By the rotation rules")

    bloc_year = models.ForeignKey(
        BlocYear, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("bloc-year")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("unit")
    )
    # A copy of bloc_year.year, so that the database can hold a unit to one bloc a year.
    year = models.PositiveSmallIntegerField(_("year"), editable=False)
    role = models.CharField(_("role"), max_length=10, choices=Role, default=Role.MEMBER)
    deputy_rank = models.PositiveSmallIntegerField(
        _("deputy rank"), null=True, blank=True, help_text=_("1 for the first deputy.")
    )
    basis = models.CharField(_("basis"), max_length=10, choices=Basis, blank=True)
    decision = models.ForeignKey(
        LeadershipDecision,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assignments",
        verbose_name=_("decision"),
    )
    elected_on = models.DateField(_("elected on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=250, blank=True)

    history = HistoricalRecords()
    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["bloc_year", "role", "deputy_rank", "unit__short_name"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["bloc_year", "unit"],
                name="blocs_membership_unit_once_per_bloc_year",
                violation_error_message=_("The unit is already a member of this bloc-year."),
            ),
            models.UniqueConstraint(
                fields=["unit", "year"],
                name="blocs_membership_one_bloc_per_year",
                violation_error_message=_("The unit is already in a bloc this year."),
            ),
            models.UniqueConstraint(
                fields=["bloc_year"],
                condition=Q(role="1_head"),
                name="blocs_membership_one_head",
                violation_error_message=_("This bloc-year already has a head."),
            ),
            models.UniqueConstraint(
                fields=["bloc_year", "deputy_rank"],
                condition=Q(role="2_deputy"),
                name="blocs_membership_deputy_rank_unique",
                violation_error_message=_("Two deputies cannot share a rank."),
            ),
            models.CheckConstraint(
                condition=Q(role__in=["1_head", "2_deputy", "3_member"]),
                name="blocs_membership_role_valid",
                violation_error_message=_("Unknown role."),
            ),
            models.CheckConstraint(
                # deputy_rank__isnull=False: without it a NULL rank makes the check NULL,
                # which SQL lets pass, so a deputy could be stored without a rank.
                condition=Q(
                    role="2_deputy",
                    deputy_rank__isnull=False,
                    deputy_rank__gte=1,
                    deputy_rank__lte=5,
                )
                | (~Q(role="2_deputy") & Q(deputy_rank__isnull=True)),
                name="blocs_membership_deputy_has_rank",
                violation_error_message=_("A deputy has a rank from 1 to 5; others have none."),
            ),
            models.CheckConstraint(
                condition=Q(
                    role="3_member", basis="", decision__isnull=True, elected_on__isnull=True
                )
                | (~Q(role="3_member") & Q(basis__in=["elected", "decision", "rotation"])),
                name="blocs_membership_leader_has_basis",
                violation_error_message=_(
                    "A head or deputy needs a basis; a plain member has none."
                ),
            ),
            models.CheckConstraint(
                condition=Q(basis="decision", decision__isnull=False)
                | (~Q(basis="decision") & Q(decision__isnull=True)),
                name="blocs_membership_decision_basis_names_decision",
                violation_error_message=_(
                    "An assignment by provincial decision names the decision."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} — {self.bloc_year}"

    def get_absolute_url(self) -> str:
        return self.bloc_year.get_absolute_url()

    def clean(self) -> None:
        if not self.bloc_year_id:
            return
        self.year = self.bloc_year.year
        errors: dict[str, str] = {}
        province_id = self.bloc_year.bloc.province_id
        if self.unit_id and self.unit.province_id != province_id:
            errors["unit"] = _("The unit belongs to another province.")
        if self.decision_id and self.decision.province_id != province_id:
            errors["decision"] = _("The decision is another province's.")
        if self.role == self.Role.DEPUTY:
            others = self.bloc_year.memberships.filter(role=self.Role.DEPUTY).exclude(pk=self.pk)
            if others.count() >= self.bloc_year.max_deputies:
                errors["role"] = _("This bloc-year already has its %(n)d deputies.") % {
                    "n": self.bloc_year.max_deputies
                }
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.year = self.bloc_year.year
        super().save(*args, **kwargs)

    @property
    def is_leader(self) -> bool:
        return self.role != self.Role.MEMBER

    def basis_text(self) -> str:
        """Return the basis as a page or document states it."""
        if self.basis == self.Basis.DECISION and self.decision_id:
            return str(self.decision)
        if self.basis == self.Basis.ELECTED and self.elected_on:
            return _("Elected at the conference of %(date)s") % {
                "date": self.elected_on.strftime("%d/%m/%Y")
            }
        if self.basis == self.Basis.ROTATION and self.elected_on:
            return _("By the rotation rules, agreed at the conference of %(date)s") % {
                "date": self.elected_on.strftime("%d/%m/%Y")
            }
        return self.get_basis_display()
