"""Nominations of a bloc-year: drafting them (from a ballot or with a reason), submitting them,
the board returning them and recording the province's decision."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from awards.models import AwardRules, AwardType, Ballot, Decision, Nomination
from awards.selectors.ballots import meeting_result
from blocs.models import BlocYear
from blocs.selectors.people import secretariat_staff
from blocs.services.year_state import state_change
from core.dates import year_window_error
from core.errors import DomainError
from core.formats import page_date
from core.services import clean_or_refuse, versioned_for_update
from units.models import Province, Unit
from units.services.notifications import notify, staff_of

_QUOTA_FIELD = {AwardType.Kind.FLAG: "flag_quota", AwardType.Kind.MERIT: "merit_quota"}


def _check(*, bloc_year: BlocYear, unit: Unit, award_type: AwardType, exclude_pk=None):
    membership = bloc_year.memberships.filter(unit=unit).first()
    if membership is None:
        raise DomainError(
            _("%(unit)s is not a member of this bloc-year.") % {"unit": unit.short_name},
            field="unit",
        )
    others = bloc_year.nominations.exclude(pk=exclude_pk)
    if others.filter(unit=unit).exists():
        raise DomainError(
            _("%(unit)s is already nominated this year: one achievement, one award.")
            % {"unit": unit.short_name},
            field="unit",
        )
    if award_type.province_id != bloc_year.bloc.province_id or not award_type.proposable_by_bloc:
        raise DomainError(_("A bloc may not propose this award type."), field="award_type")
    quota_field = _QUOTA_FIELD.get(award_type.kind)
    if quota_field:
        quota = getattr(bloc_year, quota_field)
        if others.filter(award_type__kind=award_type.kind).count() >= quota:
            raise DomainError(
                _("The quota of %(quota)d for this kind of award is already used.")
                % {"quota": quota},
                field="award_type",
            )
    return membership


def _rules_allow_without_ballot(bloc_year: BlocYear) -> None:
    rules = AwardRules.objects.for_year(province_id=bloc_year.bloc.province_id, year=bloc_year.year)
    if not rules.nomination_without_ballot:
        raise DomainError(
            _(
                "The province's rules for %(year)d do not allow a bloc to propose a unit without "
                "a ballot: nominate the units from the conference's ballot."
            )
            % {"year": bloc_year.year}
        )


def _editable(bloc_year: BlocYear) -> None:
    if bloc_year.nominations.filter(status=Nomination.Status.SUBMITTED).exists():
        raise DomainError(_("The nominations are submitted: they can no longer be changed."))


@transaction.atomic
def nomination_create(
    *,
    bloc_year: BlocYear,
    unit: Unit,
    award_type: AwardType,
    reason: str = "",
    ballot: Ballot | None = None,
) -> Nomination:
    """Nominate a member unit, checking membership, quota and one award per unit and year.

    Without a ballot the nomination needs a reason, and the province's rules for the year must
    allow a bloc to propose that way.
    """
    bloc_year = BlocYear.objects.select_for_update().select_related("bloc").get(pk=bloc_year.pk)
    _editable(bloc_year)
    if ballot is None:
        _rules_allow_without_ballot(bloc_year)
    membership = _check(bloc_year=bloc_year, unit=unit, award_type=award_type)
    if ballot is None and not reason.strip():
        raise DomainError(_("A nomination not from a ballot needs a reason."), field="reason")
    nomination = Nomination(
        bloc_year=bloc_year,
        membership=membership,
        unit=unit,
        award_type=award_type,
        ballot=ballot,
        reason=reason,
    )
    clean_or_refuse(nomination)
    nomination.save()
    return nomination


@transaction.atomic
def nominations_from_ballot(*, ballot: Ballot) -> list[Nomination]:
    """Draft a nomination for each unit the meeting's rounds, up to this one, propose.

    The rounds are merged (see `meeting_result`): drafting from round 2 also drafts the places
    round 1 decided. Each nomination points to the round that decided it. Units already
    nominated this year are left as they are; a tie still open refuses the whole draft.
    """
    meeting = ballot.meeting
    standing = meeting_result(meeting, up_to_round=ballot.round_number)
    if standing.needs_another_round:
        later = (
            Ballot.objects.filter(meeting=meeting, round_number__gt=ballot.round_number)
            .order_by("-round_number")
            .first()
        )
        if later is not None:
            raise DomainError(
                _("Round %(n)d decides the tie: draft the nominations from it.")
                % {"n": later.round_number}
            )
        raise DomainError(_("The ballot has a tie at the quota's edge: hold another round."))
    bloc_year = meeting.bloc_year
    nominated = set(bloc_year.nominations.values_list("unit_id", flat=True))
    created = []
    for proposal in standing.proposals:
        if proposal.unit.pk in nominated:
            continue
        created.append(
            nomination_create(
                bloc_year=bloc_year,
                unit=proposal.unit,
                award_type=proposal.award_type,
                ballot=proposal.ballot,
            )
        )
    if not created:
        raise DomainError(_("The ballot proposes no unit that is not already nominated."))
    return created


@transaction.atomic
def nomination_update(
    *, nomination: Nomination, version: int, award_type: AwardType, reason: str
) -> Nomination:
    """Change a draft or returned nomination's award type (not one from a ballot) and reason.

    The checks of a new nomination apply again: quota, one award per unit and year, the
    province's rules on nominations without a ballot.
    """
    bloc_year = (
        BlocYear.objects.select_for_update().select_related("bloc").get(pk=nomination.bloc_year_id)
    )
    nomination = versioned_for_update(Nomination, pk=nomination.pk, version=version)
    if not nomination.is_editable:
        raise DomainError(_("A submitted nomination can no longer be changed."))
    if nomination.ballot_id and award_type.pk != nomination.award_type_id:
        raise DomainError(
            _(
                "A nomination from a ballot keeps the award the conference voted for: remove it "
                "and nominate the unit with a reason instead."
            ),
            field="award_type",
        )
    _check(
        bloc_year=bloc_year, unit=nomination.unit, award_type=award_type, exclude_pk=nomination.pk
    )
    if nomination.ballot_id is None:
        _rules_allow_without_ballot(bloc_year)
        if not reason.strip():
            raise DomainError(_("A nomination not from a ballot needs a reason."), field="reason")
    nomination.award_type = award_type
    nomination.reason = reason
    nomination.version += 1
    clean_or_refuse(nomination)
    nomination.save()
    return nomination


@transaction.atomic
def nomination_delete(*, nomination: Nomination, version: int | None = None) -> None:
    """Remove a draft or returned nomination (refused when it changed since `version`)."""
    if version is None:
        nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
    else:
        nomination = versioned_for_update(Nomination, pk=nomination.pk, version=version)
    if not nomination.is_editable:
        raise DomainError(_("A submitted nomination can no longer be changed."))
    if nomination.report_files.exists():
        raise DomainError(
            _(
                "The unit's signed achievement report is kept with this nomination: it stays. "
                "Change the nomination instead."
            )
        )
    nomination.delete()


@transaction.atomic
def nomination_return(
    *,
    nomination: Nomination,
    reason: str,
    version: int,
    returned_on: datetime.date | None = None,
) -> Nomination:
    """The board returns a submitted nomination to the bloc, saying why, on `returned_on`
    (today unless the user says otherwise, as for a past year's record)."""
    nomination = versioned_for_update(Nomination, pk=nomination.pk, version=version)
    returned_on = returned_on or timezone.localdate()
    sent_on = nomination.submission.sent_on if nomination.submission_id else None
    if sent_on and returned_on < sent_on:
        raise DomainError(
            _("A nomination cannot be returned before the dossier was sent (%(date)s).")
            % {"date": page_date(sent_on)},
            field="returned_on",
        )
    if nomination.status != Nomination.Status.SUBMITTED:
        raise DomainError(_("Only a submitted nomination can be returned."))
    if not reason.strip():
        raise DomainError(_("Say why the nomination is returned."), field="reason")
    nomination.status = Nomination.Status.RETURNED
    nomination.board_reason = reason
    nomination.returned_on = returned_on
    nomination.version += 1
    clean_or_refuse(nomination)
    nomination.save()
    bloc_year = nomination.bloc_year
    notify(
        users=secretariat_staff(bloc_year),
        subject=_(
            "The province returned the nomination of %(unit)s for %(award)s (%(bloc)s, %(year)d)"
        )
        % {
            "unit": nomination.unit.name_in_year(bloc_year.year).short_name,
            "award": nomination.award_type.name,
            "bloc": bloc_year.bloc.name,
            "year": bloc_year.year,
        },
        body=_("The reason: %(reason)s") % {"reason": reason},
        url=reverse("awards:nomination_list", args=[bloc_year.bloc_id, bloc_year.year]),
        key=f"returned:{nomination.pk}:{nomination.version}",
    )
    return nomination


def _tell_decided(decision: Decision, bloc_year_ids: set[int]) -> None:
    """Tell each bloc-year's secretariat and the units the decision answers what it says."""
    decided = (
        Nomination.objects.filter(decision=decision, bloc_year_id__in=bloc_year_ids)
        .select_related("bloc_year__bloc", "unit", "award_type", "decided_award_type")
        .prefetch_related("unit__names")
        .order_by("bloc_year_id", "pk")
    )
    by_bloc_year: dict[int, list[Nomination]] = {}
    for nomination in decided:
        by_bloc_year.setdefault(nomination.bloc_year_id, []).append(nomination)
    for nominations in by_bloc_year.values():
        bloc_year = nominations[0].bloc_year
        lines = [
            _("%(unit)s — %(award)s: %(outcome)s")
            % {
                "unit": n.unit.name_in_year(bloc_year.year).short_name,
                "award": (n.decided_award_type or n.award_type).name,
                "outcome": n.get_status_display(),
            }
            for n in nominations
        ]
        notify(
            users=[*secretariat_staff(bloc_year), *staff_of(n.unit_id for n in nominations)],
            subject=_(
                "The province decided the awards of %(bloc)s, %(year)d: decision No. "
                "%(number)s of %(date)s"
            )
            % {
                "bloc": bloc_year.bloc.name,
                "year": bloc_year.year,
                "number": decision.number,
                "date": page_date(decision.date),
            },
            body="\n".join(lines),
            url=reverse("awards:nomination_list", args=[bloc_year.bloc_id, bloc_year.year]),
            key=f"decided:{decision.pk}:{bloc_year.pk}",
        )


@transaction.atomic
def decision_record(
    *,
    province: Province,
    number: str,
    date: datetime.date,
    signer: str,
    outcomes: dict[Nomination, str],
    note: str = "",
    user=None,
) -> Decision:
    """Record the province's decision and each nomination's outcome in it.

    An outcome is approved, rejected or downgraded (a flag becomes the certificate of merit).
    A bloc-year whose dossier the decision settles, none of its nominations waiting any more,
    is closed with it: its secretariat's work on the year ends there.
    """
    if not outcomes:
        raise DomainError(_("Choose the outcome of at least one nomination."))
    decision = Decision(province=province, number=number, date=date, signer=signer, note=note)
    clean_or_refuse(decision)
    decision.save()
    merit = (
        AwardType.objects.filter(province=province, kind=AwardType.Kind.MERIT, is_active=True)
        .order_by("position")
        .first()
    )
    for nomination, outcome in outcomes.items():
        nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
        if nomination.bloc_year.bloc.province_id != province.pk:
            raise DomainError(_("The nomination belongs to another province."))
        year = nomination.bloc_year.year
        if message := year_window_error(date, year, label=_("The date of the decision")):
            raise DomainError(message, field="date")
        if nomination.status != Nomination.Status.SUBMITTED:
            raise DomainError(_("Only a submitted nomination can be decided."))
        if outcome == Nomination.Status.DOWNGRADED:
            if nomination.award_type.kind != AwardType.Kind.FLAG or merit is None:
                raise DomainError(_("Only a flag can be downgraded to a certificate of merit."))
            nomination.decided_award_type = merit
        elif outcome not in (Nomination.Status.APPROVED, Nomination.Status.REJECTED):
            raise DomainError(_("Unknown outcome."))
        nomination.status = outcome
        nomination.decision = decision
        nomination.version += 1
        nomination.save()
    bloc_years = {nomination.bloc_year_id for nomination in outcomes}
    _tell_decided(decision, bloc_years)
    for bloc_year in BlocYear.objects.select_for_update().filter(pk__in=bloc_years).order_by("pk"):
        waiting = bloc_year.nominations.exclude(
            status__in=(
                Nomination.Status.APPROVED,
                Nomination.Status.REJECTED,
                Nomination.Status.DOWNGRADED,
            )
        )
        if bloc_year.is_open and not waiting.exists():
            state_change(
                bloc_year=bloc_year,
                state=BlocYear.State.CLOSED,
                user=user,
                reason=_("The province decided the dossier: decision No. %(number)s of %(date)s.")
                % {"number": decision.number, "date": page_date(decision.date)},
            )
    return decision
