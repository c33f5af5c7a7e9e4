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
