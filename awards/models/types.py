"""The award types of a province, and what records of a province share."""

from __future__ import annotations

from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from blocs.models import MAX_POSITION
from core.models import CleanTextModel
from units.models import Province


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
        _("display order"),
        default=1,
        help_text=_("Lists show the types in this order."),
        validators=[MaxValueValidator(MAX_POSITION)],
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
    def rank(self) -> tuple[int, int]:
        """Return where the award stands in documents and results: flags first, then
        certificates of merit, then the others, each kind in the province's order."""
        return ({self.Kind.FLAG: 0, self.Kind.MERIT: 1}.get(self.kind, 2), self.position)

    @property
    def label(self) -> str:
        """Return the short name where there is one, for tables."""
        return self.short_name or self.name
