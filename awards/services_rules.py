"""The province's award rules and the legal texts they rest on: saving them, applying the rules
to the blocs' years, and what a bloc-year's pages say of them."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from awards.models import AwardRules, LegalBasis, Nomination
from blocs.models import BlocYear, Membership
from core.errors import DomainError
from core.services import clean_or_refuse, versioned_for_update
from core.text import nfc
from meetings.models import Meeting
from units.models import Province

AWARD_RULES_FIELDS = (
    "from_year",
    "quorum_numerator",
    "quorum_denominator",
    "vote_threshold_percent",
    "flags_per_bloc",
    "large_bloc_members",
    "flags_per_large_bloc",
    "merits_per_bloc",
    "nomination_without_ballot",
    "basis",
    "note",
)
LEGAL_BASIS_FIELDS = (
    "kind",
    "number",
    "citation",
    "effective_from",
    "effective_to",
    "cite_in_documents",
    "position",
    "note",
)
# A national text is a law, a decree, a circular; a province's own is its regulation or decision.
NATIONAL_KINDS = (
    LegalBasis.Kind.LAW,
    LegalBasis.Kind.DECREE,
    LegalBasis.Kind.CIRCULAR,
    LegalBasis.Kind.OTHER,
)
PROVINCE_KINDS = (LegalBasis.Kind.PROVINCE, LegalBasis.Kind.OTHER)
# The bloc-year settings the rules decide, in the order pages list them.
RULED_SETTINGS = (
    "quorum_numerator",
    "quorum_denominator",
    "vote_threshold_percent",
    "flag_quota",
    "merit_quota",
)
# Nominations in these states are still the bloc's own: its settings may still change.
OPEN_NOMINATION_STATES = (Nomination.Status.DRAFT, Nomination.Status.RETURNED)


# --- The rules -----------------------------------------------------------------------------


def flag_rule(rules: AwardRules) -> str:
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


def _check_rules(rules: AwardRules) -> None:
    """Refuse what the constraints would refuse, naming the field a person has to correct."""
    numerator, denominator = rules.quorum_numerator, rules.quorum_denominator
    if None not in (numerator, denominator) and not 1 <= numerator <= denominator:
        raise DomainError(
            _("The quorum must be a fraction between 0 and 1."), field="quorum_numerator"
        )
    if rules.vote_threshold_percent is not None and rules.vote_threshold_percent > 100:
        raise DomainError(
            _("The threshold is a percentage from 0 to 100."), field="vote_threshold_percent"
        )
    large, flags = rules.large_bloc_members, rules.flags_per_large_bloc
    if (large is None) != (flags is None):
        raise DomainError(
            _("Give both the size of a large bloc and its flag quota, or neither."),
            field="large_bloc_members" if large is None else "flags_per_large_bloc",
        )
    if large is not None and large < 2:
        raise DomainError(_("A large bloc has at least two members."), field="large_bloc_members")
    if flags is not None and flags <= (rules.flags_per_bloc or 0):
        raise DomainError(
            _("A large bloc's flag quota must be larger than the usual one (%(flags)d).")
            % {"flags": rules.flags_per_bloc},
            field="flags_per_large_bloc",
        )
    if rules.basis_id is not None and rules.basis.province_id != rules.province_id:
        raise DomainError(_("The rules rest on a text of the province itself."), field="basis")


@transaction.atomic
def award_rules_save(
    *,
    province: Province,
    rules: AwardRules | None = None,
    version: int | None = None,
    **fields,
) -> AwardRules:
    """Add the province's rules from a year on, or change them, refusing a stale copy."""
    taken = DomainError(_("The province already has rules from this year."), field="from_year")
    if rules is None:
        rules = AwardRules(province=province)
    else:
        rules = versioned_for_update(AwardRules, pk=rules.pk, version=version)
        if rules.province_id != province.pk:
            raise DomainError(_("These rules belong to another province."))
        rules.version += 1
    for name in AWARD_RULES_FIELDS:
        if name in fields:
            setattr(rules, name, fields[name])
    _check_rules(rules)
    others = AwardRules.objects.filter(province=province).exclude(pk=rules.pk)
    if others.filter(from_year=rules.from_year).exists():
        raise taken
    clean_or_refuse(rules)
    try:
        with transaction.atomic():
            rules.save()
    except IntegrityError as error:  # the same year saved by someone else at the same moment
        raise taken from error
    return rules


@dataclass(frozen=True)
class RulesPeriod:
    """A province's rules with the years they apply to and their flag quota in words."""

    rules: AwardRules
    until_year: int | None
    flag_rule: str


def rules_periods(rules_list) -> list[RulesPeriod]:
    """Return the rules, newest first, each with the last year before the next ones begin."""
    ordered = sorted(rules_list, key=lambda r: r.from_year, reverse=True)
    periods = []
    following = None
    for rules in ordered:
        until = following.from_year - 1 if following is not None else None
        periods.append(RulesPeriod(rules=rules, until_year=until, flag_rule=flag_rule(rules)))
        following = rules
    return periods


def rules_for_year(rules_list, year: int) -> AwardRules | None:
    """Return the rules of the list that apply to a year (the latest from that year or before)."""
    applying = [r for r in rules_list if r.from_year <= year]
    return max(applying, key=lambda r: r.from_year) if applying else None


# --- The legal texts -----------------------------------------------------------------------


@transaction.atomic
def legal_basis_save(
    *,
    province: Province | None,
    basis: LegalBasis | None = None,
    version: int | None = None,
    **fields,
) -> LegalBasis:
    """Add a legal text (national when `province` is None) or change one, refusing a stale copy."""
    taken = DomainError(
        _("A national text of this number is already recorded.")
        if province is None
        else _("The province already has a text of this number."),
        field="number",
    )
    province_id = province.pk if province is not None else None
    if basis is None:
        basis = LegalBasis(province_id=province_id)
    else:
        basis = versioned_for_update(LegalBasis, pk=basis.pk, version=version)
        if basis.province_id != province_id:
            raise DomainError(_("A text stays national, or stays the province's own."))
        basis.version += 1
    for name in LEGAL_BASIS_FIELDS:
        if name in fields:
            setattr(basis, name, fields[name])
    kinds = NATIONAL_KINDS if province is None else PROVINCE_KINDS
    if basis.kind not in kinds:
        raise DomainError(
            _("A national text is a law, a decree, a circular or another text.")
            if province is None
            else _("A province's own text is its regulation, its decision or another text."),
            field="kind",
        )
    starts, ends = basis.effective_from, basis.effective_to
    if None not in (starts, ends) and ends < starts:
        raise DomainError(_("A text cannot stop applying before it starts."), field="effective_to")
    same_number = LegalBasis.objects.filter(
        province_id=province_id, number=nfc(basis.number or "")
    ).exclude(pk=basis.pk)
    if same_number.exists():
        raise taken
    clean_or_refuse(basis)
    try:
        with transaction.atomic():
            basis.save()
    except IntegrityError as error:  # the same number saved by someone else at the same moment
        raise taken from error
    return basis


# --- Comparing a bloc-year with the rules --------------------------------------------------


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


# --- Applying the rules to the blocs of a year ---------------------------------------------


@dataclass
class RulesApplication:
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
class RulesApplied:
    """The outcome of applying the province's rules to its blocs of a year, bloc by bloc."""

    province: Province
    year: int
    rules: AwardRules | None
    rows: list[RulesApplication] = field(default_factory=list)
    done: bool = False

    def _with(self, outcome: str) -> list[RulesApplication]:
        return [row for row in self.rows if row.outcome == outcome]

    @property
    def updated(self) -> list[RulesApplication]:
        return self._with(RulesApplication.UPDATE)

    @property
    def unchanged(self) -> list[RulesApplication]:
        return self._with(RulesApplication.SAME)

    @property
    def skipped(self) -> list[RulesApplication]:
        return self._with(RulesApplication.SKIP)

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


def _names(rows: list[RulesApplication]) -> str:
    return ", ".join(row.bloc_year.bloc.name for row in rows)


def award_rules_apply_plan(*, province: Province, year: int, lock: bool = False) -> RulesApplied:
    """Return, for each bloc-year of the province and year, what applying the rules would do."""
    rules = AwardRules.objects.select_related("basis").in_force(province_id=province.pk, year=year)
    plan = RulesApplied(province=province, year=year, rules=rules)
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
        .exclude(status__in=OPEN_NOMINATION_STATES)
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
            RulesApplication(
                bloc_year=bloc_year,
                member_count=member_count,
                settings=settings,
                differences=settings_differences(bloc_year, settings),
                skip_reason=reason,
            )
        )
    return plan


@transaction.atomic
def award_rules_apply(*, province: Province, year: int) -> RulesApplied:
    """Set each open bloc-year of the province and year to what the rules give its size.

    A closed year, and a year whose nominations are already submitted or decided, keeps its
    settings; the result names them with the reason. Each change is kept in the history.
    """
    plan = award_rules_apply_plan(province=province, year=year, lock=True)
    if plan.rules is None:
        raise DomainError(
            _("The province has recorded no rules that apply to %(year)d: add them first.")
            % {"year": year}
        )
    reason = _("Set to the province's award rules from %(year)d.") % {"year": plan.rules.from_year}
    for row in plan.updated:
        bloc_year = row.bloc_year
        for name in RULED_SETTINGS:
            setattr(bloc_year, name, row.settings[name])
        bloc_year.version += 1
        bloc_year._change_reason = reason[:100]
        clean_or_refuse(bloc_year)
        bloc_year.save()
    plan.done = True
    return plan


# --- What a bloc-year's pages say of the rules ---------------------------------------------


@dataclass(frozen=True)
class RulesBox:
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
    def flag_rule(self) -> str:
        return flag_rule(self.rules)

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
        return -(-self.member_count * rules.quorum_numerator // rules.quorum_denominator)


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


def rules_context(
    bloc_year: BlocYear, *, member_count: int | None = None, on: datetime.date | None = None
) -> dict:
    """Return what templates/awards/includes/rules_box.html needs, as `rules_box`.

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
    box = RulesBox(
        bloc_year=bloc_year,
        rules=rules,
        member_count=member_count,
        settings=settings,
        differences=tuple(settings_differences(bloc_year, settings)),
        citations=tuple(LegalBasis.objects.cited(province_id=province_id, on=on)),
        on=on,
    )
    return {"rules_box": box}
