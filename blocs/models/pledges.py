"""The year's plan and the emulation pledge the members sign."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from blocs.models.blocs import MAX_POSITION, BlocYear, Membership
from core.models import CleanTextModel, YearDatedModel


class Pledge(YearDatedModel):
    """The emulation pledge (giao ước thi đua) of a bloc-year: its contents and targets."""

    year_dates = ("signed_on",)

    bloc_year = models.OneToOneField(
        BlocYear, on_delete=models.CASCADE, related_name="pledge", verbose_name=_("bloc-year")
    )
    title = models.CharField(
        pgettext_lazy("document", "title"),
        max_length=300,
        help_text=_("For example: Giao ước thi đua năm 2021."),
    )
    preamble = models.TextField(
        _("preamble"), blank=True, help_text=_("The bases and the theme of the year's movement.")
    )
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    place = models.CharField(_("place of signing"), max_length=250, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pledge")
        verbose_name_plural = _("pledges")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("blocs:pledge_detail", args=[self.bloc_year.bloc_id, self.bloc_year.year])


class PledgeItem(CleanTextModel):
    """One content of a pledge, with its target."""

    pledge = models.ForeignKey(
        Pledge, on_delete=models.CASCADE, related_name="items", verbose_name=_("pledge")
    )
    position = models.PositiveSmallIntegerField(
        _("position"), validators=[MaxValueValidator(MAX_POSITION)]
    )
    content = models.TextField(_("content"))
    target = models.TextField(_("target"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["pledge", "position"]
        verbose_name = _("pledge item")
        verbose_name_plural = _("pledge items")
        constraints = [
            models.UniqueConstraint(
                fields=["pledge", "position"],
                name="blocs_pledgeitem_position_unique",
                violation_error_message=_("Two items of the pledge cannot share a number."),
            ),
            models.CheckConstraint(
                condition=Q(position__gte=1),
                name="blocs_pledgeitem_position_positive",
                violation_error_message=_("Items are numbered from 1."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.content[:60]}"


class PledgeSignature(YearDatedModel):
    """A member unit's signature of the pledge: who signed, with what title, on which day."""

    year_dates = ("signed_on",)

    pledge = models.ForeignKey(
        Pledge, on_delete=models.CASCADE, related_name="signatures", verbose_name=_("pledge")
    )
    membership = models.OneToOneField(
        Membership,
        on_delete=models.CASCADE,
        related_name="pledge_signature",
        verbose_name=_("member unit"),
    )
    # Past years' records do not always name who signed; the date and the unit are the facts.
    signatory_name = models.CharField(
        _("signatory's name"),
        max_length=150,
        blank=True,
        help_text=_("Leave empty only when the record does not name the signatory."),
    )
    signatory_title = models.CharField(_("signatory's title"), max_length=150, blank=True)
    signed_on = models.DateField(_("signed on"))
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["pledge", "membership__unit__short_name"]
        verbose_name = _("pledge signature")
        verbose_name_plural = _("pledge signatures")

    def __str__(self) -> str:
        return f"{self.membership.unit}: {self.signatory_name}"

    def dated_year(self) -> int | None:
        return self.pledge.bloc_year.year if self.pledge_id else None

    def clean(self) -> None:
        if (
            self.pledge_id
            and self.membership_id
            and self.membership.bloc_year_id != self.pledge.bloc_year_id
        ):
            raise ValidationError(
                {"membership": _("The unit is not a member of this pledge's bloc-year.")}
            )


class Plan(YearDatedModel):
    """The bloc's plan for its year's emulation movement (kế hoạch), as the bloc issued it."""

    year_dates = ("issued_on",)

    bloc_year = models.OneToOneField(
        BlocYear, on_delete=models.CASCADE, related_name="plan", verbose_name=_("bloc-year")
    )
    number = models.CharField(
        _("number and symbol"), max_length=50, help_text=_("For example: 02/KH-KTĐ I.")
    )
    issued_on = models.DateField(_("date of issue"))
    subject = models.CharField(
        _("subject"),
        max_length=300,
        help_text=_("For example: thực hiện phong trào thi đua năm 2020."),
    )
    content = models.TextField(_("main contents"), blank=True)
    basis = models.TextField(
        _("basis"), blank=True, help_text=_("The decisions and plans it implements.")
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")

    def __str__(self) -> str:
        return _("Plan No. %(number)s of %(date)s") % {
            "number": self.number,
            "date": self.issued_on.strftime("%d/%m/%Y"),
        }

    def get_absolute_url(self) -> str:
        return reverse("blocs:plan_edit", args=[self.bloc_year.bloc_id, self.bloc_year.year])
