"""Provinces, the units that make up the blocs, and their names over time."""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.dates import sane_date
from core.models import CleanTextModel


class ProvinceQuerySet(models.QuerySet):
    def for_user(self, user) -> ProvinceQuerySet:
        """Return the provinces the user may see."""
        if not user.is_authenticated:
            return self.none()
        if user.sees_every_province:
            return self
        # Unit staff work through their bloc-years; the province pages are the board's.
        return self.filter(pk=user.province_id) if user.province_id else self.none()


class Province(CleanTextModel):
    """A province or centrally run city whose board runs the blocs."""

    class Kind(models.TextChoices):
        PROVINCE = "tinh", _("Province")
        CITY = "thanh_pho", _("Centrally run city")

    name = models.CharField(_("name"), max_length=100, unique=True)
    code = models.SlugField(_("code"), max_length=40, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind, default=Kind.PROVINCE)
    board_name = models.CharField(
        _("emulation board"),
        max_length=200,
        blank=True,
        help_text=_("For example: Ban Thi đua - Khen thưởng tỉnh Đắk Lắk."),
    )
    # What the province's quy chế calls a bloc's leaders; pages and documents say it so.
    head_term = models.CharField(
        _("title of a bloc's head"),
        max_length=60,
        default="Khối trưởng",
        help_text=_("As the province's rules say: Khối trưởng, Trưởng khối …"),
    )
    deputy_term = models.CharField(
        _("title of a bloc's deputy"),
        max_length=60,
        default="Khối phó",
        help_text=_("As the province's rules say: Khối phó, Phó Trưởng khối …"),
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    history = HistoricalRecords()
    objects = ProvinceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("province")
        verbose_name_plural = _("provinces")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("units:province_detail", args=[self.code])

    @property
    def full_name(self) -> str:
        """Return the name with its kind, as documents write it ("tỉnh Đắk Lắk")."""
        prefix = "thành phố" if self.kind == self.Kind.CITY else "tỉnh"
        return f"{prefix} {self.name}"

    @property
    def parent_body(self) -> str:
        """Return the people's committee as the header of a document names it."""
        return f"UBND {self.full_name}".upper()


class UnitQuerySet(models.QuerySet):
    def for_user(self, user) -> UnitQuerySet:
        """Return the units the user may see: a board its province, a unit itself and its peers."""
        if not user.is_authenticated:
            return self.none()
        if user.sees_every_province:
            return self
        if user.province_id:
            return self.filter(province_id=user.province_id)
        if user.unit_id:
            peers = Q(memberships__bloc_year__memberships__unit_id=user.unit_id)
            ids = self.model.objects.filter(peers).values("pk")
            return self.filter(Q(pk=user.unit_id) | Q(pk__in=ids))
        return self.none()


class Unit(CleanTextModel):
    """A provincial agency that is a member of a bloc; its name fields are its current name."""

    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="units", verbose_name=_("province")
    )
    short_name = models.CharField(
        _("short name"), max_length=150, help_text=_("As lists print it: Công an tỉnh.")
    )
    full_name = models.CharField(
        _("full name"),
        max_length=250,
        help_text=_("As documents print it: Công an tỉnh Đắk Lắk."),
    )
    abbreviation = models.CharField(
        _("abbreviation"), max_length=30, blank=True, help_text=_("For example: CA, VKSND.")
    )
    address = models.CharField(_("address (head office)"), max_length=250, blank=True)
    leader_name = models.CharField(_("leader's name"), max_length=150, blank=True)
    leader_title = models.CharField(_("leader's title"), max_length=150, blank=True)
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_units",
        verbose_name=_("merged into"),
    )
    merged_on = models.DateField(_("merged on"), null=True, blank=True, validators=[sane_date])
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    history = HistoricalRecords()
    objects = UnitQuerySet.as_manager()

    class Meta:
        ordering = ["province__name", "short_name"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        constraints = [
            models.UniqueConstraint(
                fields=["province", "full_name"],
                name="units_unit_full_name_unique_in_province",
                violation_error_message=_("This province already has a unit with this name."),
            ),
            models.CheckConstraint(
                condition=Q(merged_into__isnull=True, merged_on__isnull=True)
                | Q(merged_into__isnull=False, merged_on__isnull=False),
                name="units_unit_merge_has_date",
                violation_error_message=_("A merger needs both the receiving unit and the date."),
            ),
            models.CheckConstraint(
                condition=~Q(merged_into=models.F("pk")),
                name="units_unit_not_merged_into_itself",
                violation_error_message=_("A unit cannot be merged into itself."),
            ),
        ]

    def __str__(self) -> str:
        return self.short_name

    def get_absolute_url(self) -> str:
        return reverse("units:unit_detail", args=[self.pk])

    @property
    def is_active(self) -> bool:
        return self.merged_into_id is None

    def name_on(self, day: datetime.date) -> UnitName | Unit:
        """Return the name record in use on that day: a former name, or the unit itself."""
        for former in self.names.all():
            if (former.valid_from is None or former.valid_from <= day) and day < former.valid_until:
                return former
        return self

    def name_in_year(self, year: int) -> UnitName | Unit:
        """Return the name in use at the end of that year, the one the year's records carry."""
        return self.name_on(datetime.date(year, 12, 31))


class UnitName(CleanTextModel):
    """A former name of a unit and the period it was used."""

    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="names", verbose_name=_("unit")
    )
    short_name = models.CharField(_("short name"), max_length=150)
    full_name = models.CharField(_("full name"), max_length=250)
    abbreviation = models.CharField(_("abbreviation"), max_length=30, blank=True)
    valid_from = models.DateField(
        _("used from"),
        null=True,
        blank=True,
        validators=[sane_date],
        help_text=_("Leave empty when not known."),
    )
    valid_until = models.DateField(
        _("used until"), validators=[sane_date], help_text=_("The day the next name took effect.")
    )
    basis = models.CharField(
        _("basis"),
        max_length=250,
        blank=True,
        help_text=_("The decision that changed the name, for example its number and date."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["unit", "-valid_until"]
        verbose_name = _("former name")
        verbose_name_plural = _("former names")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "valid_until"],
                name="units_unitname_one_name_ends_per_day",
                violation_error_message=_("Another former name of this unit ends on that day."),
            ),
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True) | Q(valid_from__lt=models.F("valid_until")),
                name="units_unitname_period_is_ordered",
                violation_error_message=_("A name must start before it ends."),
            ),
        ]

    def __str__(self) -> str:
        return self.short_name
