"""The secret-ballot rounds of a meeting: counts, votes and the counting committee."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from awards.models.types import AwardType
from blocs.models import MAX_POSITION, BlocYear
from core.models import CleanTextModel
from units.models import Unit

# A bloc never needs more rounds than this, nor counts more ballots than this.
MAX_ROUNDS = 10
BALLOT_COUNT = [MaxValueValidator(1000)]


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
    round_number = models.PositiveSmallIntegerField(
        _("round"), default=1, validators=[MinValueValidator(1), MaxValueValidator(MAX_ROUNDS)]
    )
    issued = models.PositiveSmallIntegerField(_("ballots issued"), validators=BALLOT_COUNT)
    returned = models.PositiveSmallIntegerField(_("ballots returned"), validators=BALLOT_COUNT)
    valid = models.PositiveSmallIntegerField(_("valid ballots"), validators=BALLOT_COUNT)
    invalid = models.PositiveSmallIntegerField(_("invalid ballots"), validators=BALLOT_COUNT)
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
        return _("Ballot round %(round)d at %(meeting)s") % {
            "round": self.round_number,
            "meeting": self.meeting,
        }

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
    position = models.PositiveSmallIntegerField(
        _("position"), default=1, validators=[MaxValueValidator(MAX_POSITION)]
    )
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

    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

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
