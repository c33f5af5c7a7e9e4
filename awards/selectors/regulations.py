"""The province's award regulations as pages read them: the periods they cover, the one in
force for a year, how a bloc-year's settings differ from it, and what applying it would do."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from awards.models import AwardRules, LegalBasis, Nomination
from blocs.models import BlocYear, Membership, quorum_of
from meetings.models import Meeting
from units.models import Province

# The bloc-year settings the rules decide, in the order pages list them.
RULED_SETTINGS = (
    "quorum_numerator",
    "quorum_denominator",
    "vote_threshold_percent",
    "flag_quota",
    "merit_quota",
)


def flag_quota_words(rules: AwardRules) -> str:
    """Say the flag quota as the province words it: "1 cờ; 2 cờ nếu khối có từ 15 thành viên"."""
    text = ngettext("%(flags)d flag", "%(flags)d flags", rules.flags_per_bloc) % {
        "flags": rules.flags_per_bloc
    }
    if rules.large_bloc_members and rules.flags_per_large_bloc is not None:
        large = ngettext(
            "%(flags)d flag if the bloc has at least %(members)d members",
            "%(flags)d flags if the bloc has at least %(members)d members",
            rules.flags_per_large_bloc,
        ) % {"flags": rules.flags_per_large_bloc, "members": rules.large_bloc_members}
        text = f"{text}; {large}"
    return text


@dataclass(frozen=True)
class RegulationPeriod:
    """A province's rules with the years they apply to and their flag quota in words."""

    rules: AwardRules
    until_year: int | None
    flag_quota_words: str


def regulation_periods(rules_list) -> list[RegulationPeriod]:
    """Return the rules, newest first, each with the last year before the next ones begin."""
    ordered = sorted(rules_list, key=lambda r: r.from_year, reverse=True)
    periods = []
    following = None
    for rules in ordered:
        until = following.from_year - 1 if following is not None else None
        periods.append(
            RegulationPeriod(
                rules=rules, until_year=until, flag_quota_words=flag_quota_words(rules)
            )
        )
        following = rules
    return periods


def regulation_for_year(rules_list, year: int) -> AwardRules | None:
    """Return the rules of the list that apply to a year (the latest from that year or before)."""
    applying = [r for r in rules_list if r.from_year <= year]
    return max(applying, key=lambda r: r.from_year) if applying else None


@dataclass(frozen=True)
class SettingDifference:
    """A setting of a bloc-year that is not what the province's rules give."""

    label: str
    current: str
    ruled: str


def _shown_settings(values: dict[str, int]) -> dict[str, tuple[str, str]]:
    """Return the ruled settings as a person reads them, by what they are, with their labels."""
    return {
        "quorum": (
            _("Quorum"),
            f"{values['quorum_numerator']}/{values['quorum_denominator']}",
        ),
        "threshold": (_("Vote threshold"), f"> {values['vote_threshold_percent']}%"),
        "flags": (_("Emulation flags"), str(values["flag_quota"])),
        "merits": (_("Certificates of merit"), str(values["merit_quota"])),
    }


def settings_differences(bloc_year: BlocYear, ruled: dict[str, int]) -> list[SettingDifference]:
    """Return the settings of the bloc-year that differ from those the rules give it."""
    current = _shown_settings({name: getattr(bloc_year, name) for name in RULED_SETTINGS})
    wanted = _shown_settings(ruled)
    return [
        SettingDifference(label=label, current=value, ruled=wanted[key][1])
        for key, (label, value) in current.items()
        if value != wanted[key][1]
    ]


@dataclass
class RegulationApplication:
    """What applying the province's rules to one bloc-year does, or why it is left alone."""

    UPDATE = "update"
    SAME = "same"
    SKIP = "skip"

    bloc_year: BlocYear
    member_count: int
    settings: dict[str, int]
    differences: list[SettingDifference]
    skip_reason: str = ""

    @property
    def outcome(self) -> str:
        if self.skip_reason:
            return self.SKIP
        return self.UPDATE if self.differences else self.SAME


@dataclass
class RegulationsApplied:
    """The outcome of applying the province's rules to its blocs of a year, bloc by bloc."""

    province: Province
    year: int
    rules: AwardRules | None
    rows: list[RegulationApplication] = field(default_factory=list)
    done: bool = False

    def _with(self, outcome: str) -> list[RegulationApplication]:
        return [row for row in self.rows if row.outcome == outcome]

    @property
    def updated(self) -> list[RegulationApplication]:
        return self._with(RegulationApplication.UPDATE)

    @property
    def unchanged(self) -> list[RegulationApplication]:
        return self._with(RegulationApplication.SAME)

    @property
    def skipped(self) -> list[RegulationApplication]:
        return self._with(RegulationApplication.SKIP)

    def messages(self) -> list[tuple[str, str]]:
        """Return what to tell the user, as (level, text): updated, unchanged, skipped."""
        said = []
        count = len(self.updated)
        if count:
            said.append(
                (
                    "success",
                    ngettext(
                        "%(count)d bloc of %(year)d now follows the rules: %(names)s.",
                        "%(count)d blocs of %(year)d now follow the rules: %(names)s.",
                        count,
                    )
                    % {"count": count, "year": self.year, "names": _names(self.updated)},
                )
            )
        else:
            said.append(("info", _("No bloc of %(year)d was changed.") % {"year": self.year}))
        if self.unchanged:
            said.append(
                (
                    "info",
                    _("Already following the rules: %(names)s.")
                    % {"names": _names(self.unchanged)},
                )
            )
        if self.skipped:
            reasons = "; ".join(
                f"{row.bloc_year.bloc.name} ({row.skip_reason})" for row in self.skipped
            )
            said.append(("warning", _("Left as they are: %(reasons)s.") % {"reasons": reasons}))
        return said


def _names(rows: list[RegulationApplication]) -> str:
    return ", ".join(row.bloc_year.bloc.name for row in rows)


def regulations_apply_plan(
    *, province: Province, year: int, lock: bool = False
) -> RegulationsApplied:
    """Return, for each bloc-year of the province and year, what applying the rules would do."""
    rules = AwardRules.objects.select_related("basis").in_force(province_id=province.pk, year=year)
    plan = RegulationsApplied(province=province, year=year, rules=rules)
    bloc_years = BlocYear.objects.filter(bloc__province=province, year=year)
    if lock:
        # Only the bloc-years: the joined bloc is read, not written.
        bloc_years = bloc_years.select_for_update(of=("self",))
    bloc_years = list(bloc_years.select_related("bloc").order_by("bloc__name"))
    if not bloc_years:
        return plan
    ids = [bloc_year.pk for bloc_year in bloc_years]
    counts = dict(
        Membership.objects.filter(bloc_year_id__in=ids)
        .values("bloc_year_id")
        .annotate(n=Count("pk"))
        .values_list("bloc_year_id", "n")
    )
    submitted = set(
        Nomination.objects.filter(bloc_year_id__in=ids)
        .exclude(status__in=Nomination.PENDING_STATES)
        .values_list("bloc_year_id", flat=True)
    )
    ruling = rules or AwardRules(province=province, from_year=year)
    for bloc_year in bloc_years:
        member_count = counts.get(bloc_year.pk, 0)
        settings = ruling.settings_for(member_count)
        reason = ""
        if not bloc_year.is_open:
            reason = _("the year is closed")
        elif bloc_year.pk in submitted:
            reason = _("its nominations are already submitted to the province")
        plan.rows.append(
            RegulationApplication(
                bloc_year=bloc_year,
                member_count=member_count,
                settings=settings,
                differences=settings_differences(bloc_year, settings),
                skip_reason=reason,
            )
        )
    return plan


@dataclass(frozen=True)
class RegulationBox:
    """The province's rules as they apply to one bloc-year, and how its own settings differ."""

    bloc_year: BlocYear
    rules: AwardRules
    member_count: int
    settings: dict[str, int]
    differences: tuple[SettingDifference, ...]
    citations: tuple[LegalBasis, ...]
    on: datetime.date

    @property
    def is_default(self) -> bool:
        """Whether the province has recorded no rules for the year (the defaults apply)."""
        return self.rules.pk is None

    @property
    def flag_quota(self) -> int:
        return self.settings["flag_quota"]

    @property
    def flag_quota_words(self) -> str:
        return flag_quota_words(self.rules)

    @property
    def basis_citations(self) -> list[str]:
        """Return the texts the rules rest on: those cited on the date, then the province's."""
        citations = [basis.citation for basis in self.citations]
        if self.rules.basis_id and self.rules.basis.citation not in citations:
            citations.append(self.rules.basis.citation)
        return citations

    @property
    def quorum_needed(self) -> int:
        """Return how many members must be present for the quorum the rules set."""
        rules = self.rules
        return quorum_of(self.member_count, rules.quorum_numerator, rules.quorum_denominator)


def _vote_date(bloc_year: BlocYear) -> datetime.date:
    """Return the date the year's vote is held: its year-end conference's, else up to today."""
    meeting = (
        Meeting.objects.filter(bloc_year=bloc_year, kind=Meeting.Kind.YEAR_END)
        .order_by("-date")
        .values_list("date", flat=True)
        .first()
    )
    if meeting is not None:
        return meeting
    return min(timezone.localdate(), datetime.date(bloc_year.year, 12, 31))


def regulation_box(
    bloc_year: BlocYear, *, member_count: int | None = None, on: datetime.date | None = None
) -> RegulationBox:
    """Return the regulations as they apply to the bloc-year, for the box its pages show
    (templates/awards/includes/regulation_box.html).

    The texts cited are those in force on `on`: by default the date of the year-end
    conference, or today while it has not been recorded (the last day of a past year).
    """
    province_id = bloc_year.bloc.province_id
    if member_count is None:
        member_count = bloc_year.memberships.count()
    if on is None:
        on = _vote_date(bloc_year)
    rules = AwardRules.objects.select_related("basis").for_year(
        province_id=province_id, year=bloc_year.year
    )
    settings = rules.settings_for(member_count)
    return RegulationBox(
        bloc_year=bloc_year,
        rules=rules,
        member_count=member_count,
        settings=settings,
        differences=tuple(settings_differences(bloc_year, settings)),
        citations=tuple(LegalBasis.objects.cited(province_id=province_id, on=on)),
        on=on,
    )
