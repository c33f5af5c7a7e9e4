"""The criteria a bloc-year scores its members on, and their scores."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from blocs.models import MAX_POSITION, BlocYear, Membership
from core.models import CleanTextModel


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
    position = models.PositiveSmallIntegerField(
        _("position"), default=1, validators=[MaxValueValidator(MAX_POSITION)]
    )
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
        scale = self.bloc_year.score_scale if self.bloc_year_id else None
        if scale is not None and self.max_points is not None and self.max_points > scale:
            raise ValidationError(
                {
                    "max_points": _(
                        "At most %(scale)d points: the year is scored out of %(scale)d."
                    )
                    % {"scale": scale}
                }
            )


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
