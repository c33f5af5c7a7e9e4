"""The end of a bloc's year: the handover to the next head, and the year closed or reopened."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from blocs.models.blocs import MAX_POSITION, BlocYear
from core.models import CleanTextModel, YearDatedModel
from units.models import Unit


class YearStateChange(CleanTextModel):
    """A closing or reopening of a bloc-year, with who did it and why."""

    bloc_year = models.ForeignKey(
        BlocYear,
        on_delete=models.CASCADE,
        related_name="state_changes",
        verbose_name=_("bloc-year"),
    )
    state = models.CharField(_("new state"), max_length=10, choices=BlocYear.State)
    reason = models.TextField(_("reason"), blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        ordering = ["bloc_year", "-changed_at"]
        verbose_name = _("change of state")
        verbose_name_plural = _("changes of state")
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=["open", "closed"]),
                name="blocs_yearstatechange_state_valid",
                violation_error_message=_("Unknown state."),
            ),
            models.CheckConstraint(
                condition=~Q(state="open") | ~Q(reason=""),
                name="blocs_yearstatechange_reopen_has_reason",
                violation_error_message=_("Reopening a closed year needs a reason."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.bloc_year}: {self.get_state_display()}"


class Handover(YearDatedModel):
    """The handover of a bloc's leadership at the end of a year, from one head to the next."""

    year_dates = ("handed_over_on",)

    bloc_year = models.OneToOneField(
        BlocYear,
        on_delete=models.PROTECT,
        related_name="handover",
        verbose_name=_("year handed over"),
    )
    from_unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="handovers_given",
        verbose_name=_("handed over by"),
    )
    from_representative = models.CharField(_("representative of the outgoing head"), max_length=150)
    from_representative_title = models.CharField(_("title"), max_length=150, blank=True)
    to_unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="handovers_received",
        verbose_name=_("received by"),
    )
    to_representative = models.CharField(_("representative of the incoming head"), max_length=150)
    to_representative_title = models.CharField(_("title"), max_length=150, blank=True)
    handed_over_on = models.DateField(_("date of handover"))
    place = models.CharField(_("place"), max_length=250, blank=True)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("handover")
        verbose_name_plural = _("handovers")
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_unit=models.F("to_unit")),
                name="blocs_handover_between_two_units",
                violation_error_message=_("A unit cannot hand over to itself."),
            ),
        ]

    def __str__(self) -> str:
        return _("Handover of %(year)s: %(from)s to %(to)s") % {
            "year": self.bloc_year,
            "from": self.from_unit,
            "to": self.to_unit,
        }

    def get_absolute_url(self) -> str:
        return reverse("blocs:handover_detail", args=[self.bloc_year.bloc_id, self.bloc_year.year])


class HandoverItem(CleanTextModel):
    """One thing handed over: a file of records, a seal, the rotating flag."""

    handover = models.ForeignKey(
        Handover, on_delete=models.CASCADE, related_name="items", verbose_name=_("handover")
    )
    position = models.PositiveSmallIntegerField(
        _("position"), validators=[MaxValueValidator(MAX_POSITION)]
    )
    description = models.CharField(_("item"), max_length=300)
    quantity = models.CharField(_("quantity"), max_length=50, blank=True)
    note = models.CharField(_("note"), max_length=250, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["handover", "position"]
        verbose_name = _("item handed over")
        verbose_name_plural = _("items handed over")
        constraints = [
            models.UniqueConstraint(
                fields=["handover", "position"],
                name="blocs_handoveritem_position_unique",
                violation_error_message=_("Two items cannot share a number."),
            ),
        ]

    def __str__(self) -> str:
        return self.description
