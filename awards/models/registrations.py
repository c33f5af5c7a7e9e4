"""The titles each member unit registers for in a bloc-year."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from awards.models.types import AwardType
from blocs.models import BlocYear, Membership
from core.models import CleanTextModel


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
