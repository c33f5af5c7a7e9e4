"""Conferences of a bloc-year: when and where, who chaired and attended, what was said and adopted.

Votes, scores and nominations belong to the awards app; a meeting only records the conference
itself, as its minutes tell it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from blocs.models import MAX_POSITION, BlocYear
from core.models import CleanTextModel, YearDatedModel
from units.models import Unit


@dataclass(frozen=True)
class Quorum:
    """How many member units attended a meeting against how many the bloc-year's rule needs."""

    present: int
    members: int
    needed: int

    @property
    def recorded(self) -> bool:
        return self.members > 0

    @property
    def reached(self) -> bool:
        return self.recorded and self.present >= self.needed

    @classmethod
    def of(cls, bloc_year: BlocYear, *, present: int, members: int) -> Quorum:
        return cls(present=present, members=members, needed=bloc_year.quorum_needed(members))


class MeetingQuerySet(models.QuerySet):
    def for_user(self, user) -> MeetingQuerySet:
        """Return the meetings of the bloc-years the user may see."""
        return self.filter(bloc_year__in=BlocYear.objects.for_user(user).values("pk"))

    def with_attendance_counts(self) -> MeetingQuerySet:
        """Count each meeting's attendance rows and the units present, for its quorum."""
        return self.annotate(
            attendance_count=models.Count("attendances", distinct=True),
            present_count=models.Count(
                "attendances", filter=Q(attendances__present=True), distinct=True
            ),
        )


class Meeting(YearDatedModel):
    """A conference of a bloc-year: launch and pledge signing, mid-year or year-end review."""

    year_dates = ("date",)

    class Kind(models.TextChoices):
        LAUNCH = "launch", _("Launch and pledge signing")
        MID_YEAR = "mid_year", _("Mid-year review")
        YEAR_END = "year_end", _("Year-end review")
        OTHER = "other", _("Other meeting")

    class DayPart(models.TextChoices):
        # What a report says when it gives no hour: "buổi sáng ngày …".
        MORNING = "morning", _("Morning (buổi sáng)")
        AFTERNOON = "afternoon", _("Afternoon (buổi chiều)")
        EVENING = "evening", _("Evening (buổi tối)")

    class VenueKind(models.TextChoices):
        PREMISES = "premises", _("At a member unit's premises")
        ONLINE = "online", _("Online")
        OTHER = "other", _("Elsewhere")

    bloc_year = models.ForeignKey(
        BlocYear, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("bloc-year")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind, default=Kind.YEAR_END)
    title = models.CharField(
        pgettext_lazy("document", "title"),
        max_length=300,
        help_text=_(
            "For example: Hội nghị tổng kết công tác thi đua, khen thưởng năm 2020 và ký kết "
            "giao ước thi đua năm 2021."
        ),
    )
    date = models.DateField(_("date"))
    # The times are optional: past conferences are often known only by their day.
    start_time = models.TimeField(_("starts at"), null=True, blank=True)
    day_part = models.CharField(
        _("part of the day"),
        max_length=10,
        choices=DayPart,
        blank=True,
        help_text=_("When the record gives no time, only the morning or the afternoon."),
    )
    end_time = models.TimeField(
        _("closes at"), null=True, blank=True, help_text=_("The time the meeting closed.")
    )
    # Blank when the record does not say where the meeting was held.
    venue_kind = models.CharField(
        _("venue"), max_length=10, choices=VenueKind, default=VenueKind.PREMISES, blank=True
    )
    host_unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hosted_meetings",
        verbose_name=_("host unit"),
        help_text=_("The member unit whose premises or online meeting room is used."),
    )
    venue = models.CharField(
        _("place"),
        max_length=300,
        blank=True,
        help_text=_("The hall or room, or the whole address when the meeting is elsewhere."),
    )
    basis = models.TextField(
        _("bases"),
        blank=True,
        help_text=_("The decisions and plans the meeting is held under (căn cứ)."),
    )
    secretary_name = models.CharField(_("secretary's name"), max_length=150, blank=True)
    secretary_title = models.CharField(_("secretary's title"), max_length=150, blank=True)
    secretary_unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meeting_secretaryships",
        verbose_name=_("secretary's unit"),
    )
    report_title = models.CharField(_("report adopted"), max_length=300, blank=True)
    report_summary = models.TextField(_("summary of the report"), blank=True)
    conclusions = models.TextField(_("conclusions"), blank=True)
    signed_pledge = models.ForeignKey(
        "blocs.Pledge",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="signing_meetings",
        verbose_name=_("pledge signed at the meeting"),
        help_text=_(
            "The pledge the members signed at this meeting: often next year's, signed at the "
            "year-end conference. The minutes say so."
        ),
    )
    note = models.TextField(
        _("internal note"),
        blank=True,
        help_text=_(
            "For the app's users only, never printed in the minutes: for example where the "
            "facts come from, or what is left to check."
        ),
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    history = HistoricalRecords()
    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["bloc_year_id", "date", "start_time", "pk"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["launch", "mid_year", "year_end", "other"]),
                name="meetings_meeting_kind_valid",
                violation_error_message=_("Unknown kind of meeting."),
            ),
            models.CheckConstraint(
                condition=Q(venue_kind__in=["premises", "online", "other", ""]),
                name="meetings_meeting_venue_kind_valid",
                violation_error_message=_("Unknown kind of venue."),
            ),
            models.CheckConstraint(
                # start_time__isnull=False: a NULL start would make the comparison NULL, which
                # SQL lets pass.
                condition=Q(end_time__isnull=True)
                | Q(start_time__isnull=False, end_time__gt=models.F("start_time")),
                name="meetings_meeting_end_after_start",
                violation_error_message=_("The meeting must close after it starts."),
            ),
            models.CheckConstraint(
                condition=~Q(venue_kind="premises") | Q(host_unit__isnull=False),
                name="meetings_meeting_premises_have_host",
                violation_error_message=_("Say whose premises the meeting is held at."),
            ),
            models.CheckConstraint(
                condition=~Q(venue_kind="other") | ~Q(venue=""),
                name="meetings_meeting_other_venue_has_place",
                violation_error_message=_("Say where the meeting is held."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.date:%d/%m/%Y})"

    def get_absolute_url(self) -> str:
        return reverse(
            "meetings:meeting_detail", args=[self.bloc_year.bloc_id, self.bloc_year.year, self.pk]
        )

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.start_time and self.day_part:
            errors["day_part"] = _(
                "Give the time the meeting started or, when it is not known, the part of the "
                "day; not both."
            )
        if not self.bloc_year_id:
            if errors:
                raise ValidationError(errors)
            return
        if self.signed_pledge_id:
            pledge_year = self.signed_pledge.bloc_year
            if pledge_year.bloc_id != self.bloc_year.bloc_id or pledge_year.year not in (
                self.bloc_year.year,
                self.bloc_year.year + 1,
            ):
                errors["signed_pledge"] = _(
                    "A meeting signs the pledge of its bloc, of its year or the next."
                )
        units = {
            name: unit_id
            for name in ("host_unit", "secretary_unit")
            if (unit_id := getattr(self, f"{name}_id")) is not None
        }
        if units:
            members = set(
                self.bloc_year.memberships.filter(unit_id__in=units.values()).values_list(
                    "unit_id", flat=True
                )
            )
            for name, unit_id in units.items():
                if unit_id not in members:
                    errors[name] = _("The unit is not a member of this bloc-year.")
        if errors:
            raise ValidationError(errors)

    def venue_text(self) -> str:
        """Return where the meeting was held, with the host under its name of that year."""
        host = ""
        if self.host_unit_id:
            host = self.host_unit.name_in_year(self.bloc_year.year).full_name
        if self.venue_kind == self.VenueKind.PREMISES:
            text = _("At the premises of %(unit)s") % {"unit": host}
        elif self.venue_kind == self.VenueKind.ONLINE and host:
            text = _("In the online meeting room of %(unit)s") % {"unit": host}
        elif self.venue_kind == self.VenueKind.ONLINE:
            text = _("Online")
        else:  # elsewhere, or not recorded: the place alone
            text = ""
        return ", ".join(str(part) for part in (text, self.venue) if part)

    def quorum(self) -> Quorum:
        """Return the quorum from the attendance, counted in the query when it was annotated."""
        if hasattr(self, "attendance_count"):
            present, members = self.present_count, self.attendance_count
        else:
            rows = list(self.attendances.all())
            present, members = sum(row.present for row in rows), len(rows)
        return Quorum.of(self.bloc_year, present=present, members=members)


class MeetingPart(CleanTextModel):
    """A numbered row of a meeting: a chair, a guest, an agenda item, an opinion.

    Each subclass declares its `meeting` key, with its own related name.
    """

    position = models.PositiveSmallIntegerField(
        _("position"), validators=[MaxValueValidator(MAX_POSITION)]
    )

    class Meta:
        abstract = True
        ordering = ["meeting_id", "position"]

    def check_member(self, field: str = "unit") -> None:
        """Refuse a unit that is not a member of the meeting's bloc-year."""
        unit_id = getattr(self, f"{field}_id")
        if unit_id is None or not self.meeting_id:
            return
        if not self.meeting.bloc_year.memberships.filter(unit_id=unit_id).exists():
            raise ValidationError({field: _("The unit is not a member of this bloc-year.")})


def _part_constraints(model: str) -> list:
    return [
        models.UniqueConstraint(
            fields=["meeting", "position"],
            name=f"meetings_{model}_position_unique",
            violation_error_message=_("Two rows cannot share a number."),
        ),
        models.CheckConstraint(
            condition=Q(position__gte=1),
            name=f"meetings_{model}_position_positive",
            violation_error_message=_("Rows are numbered from 1."),
        ),
    ]


class Chair(MeetingPart):
    """A person who chaired the meeting, alone or with co-chairs."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="chairs", verbose_name=_("meeting")
    )
    name = models.CharField(
        _("name"), max_length=150, help_text=_("With the rank where one is used: Thượng tá …")
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meeting_chairs",
        verbose_name=_("unit"),
    )

    history = HistoricalRecords()

    class Meta(MeetingPart.Meta):
        verbose_name = _("chair")
        verbose_name_plural = _("chairs")
        constraints = _part_constraints("chair")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        self.check_member()


class Guest(MeetingPart):
    """A guest of the meeting, such as the deputy head of the provincial board."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="guests", verbose_name=_("meeting")
    )
    name = models.CharField(_("name"), max_length=150)
    title = models.CharField(_("title"), max_length=200, blank=True)
    organisation = models.CharField(
        _("organisation"),
        max_length=250,
        blank=True,
        help_text=_("For example: Ban Thi đua - Khen thưởng tỉnh Đắk Lắk."),
    )

    history = HistoricalRecords()

    class Meta(MeetingPart.Meta):
        verbose_name = _("guest")
        verbose_name_plural = _("guests")
        constraints = _part_constraints("guest")

    def __str__(self) -> str:
        return self.name


class AgendaItem(MeetingPart):
    """An item of the meeting's agenda, in the order it was taken."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="agenda_items", verbose_name=_("meeting")
    )
    title = models.CharField(_("item"), max_length=300)
    presenter = models.CharField(_("presented by"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta(MeetingPart.Meta):
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda")
        constraints = _part_constraints("agendaitem")

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"


class Opinion(MeetingPart):
    """What a member unit's speaker (or a guest) said at the meeting."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="opinions", verbose_name=_("meeting")
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meeting_opinions",
        verbose_name=_("unit"),
        help_text=_("Leave empty for a guest."),
    )
    speaker_name = models.CharField(_("speaker's name"), max_length=150, blank=True)
    speaker_title = models.CharField(_("speaker's title"), max_length=200, blank=True)
    content = models.TextField(_("content"))

    history = HistoricalRecords()

    class Meta(MeetingPart.Meta):
        verbose_name = _("opinion")
        verbose_name_plural = _("opinions")
        constraints = [
            *_part_constraints("opinion"),
            models.CheckConstraint(
                condition=Q(unit__isnull=False) | ~Q(speaker_name=""),
                name="meetings_opinion_has_a_speaker",
                violation_error_message=_("Say which unit or who gave the opinion."),
            ),
        ]

    def __str__(self) -> str:
        return self.speaker_name or str(self.unit)

    def clean(self) -> None:
        self.check_member()


class Attendance(CleanTextModel):
    """Whether a member unit attended a meeting, who represented it, or why it was absent."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("meeting")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="attendances", verbose_name=_("unit")
    )
    present = models.BooleanField(_("present"), default=True)
    representative_name = models.CharField(_("representative's name"), max_length=150, blank=True)
    representative_title = models.CharField(_("representative's title"), max_length=200, blank=True)
    absence_reason = models.CharField(_("reason for absence"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting_id", "unit__short_name"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "unit"],
                name="meetings_attendance_unit_once",
                violation_error_message=_("The unit's attendance is already recorded."),
            ),
            models.CheckConstraint(
                condition=Q(present=True, absence_reason="")
                | Q(present=False, representative_name="", representative_title=""),
                name="meetings_attendance_present_or_absent",
                violation_error_message=_(
                    "A unit present has a representative and no reason for absence; "
                    "a unit absent has no representative."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit}: {self.representative_name or ('✓' if self.present else '✗')}"

    def clean(self) -> None:
        if self.unit_id and self.meeting_id:
            members = self.meeting.bloc_year.memberships.filter(unit_id=self.unit_id)
            if not members.exists():
                raise ValidationError({"unit": _("The unit is not a member of this bloc-year.")})
