"""What awards puts in the pages of units and blocs (core.slots): its sections of a bloc-year,
the links of the board's dashboard, and a unit's awards over the years."""

from __future__ import annotations

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from awards.models import Ballot, Criterion, Nomination, Registration, Score, Submission
from awards.selectors.facts import unit_awards
from blocs.models import Membership, Milestone
from blocs.selectors.progress import BOARD, Step, UnitTask, done_days, step_add, unit_task_add
from blocs.slots import (
    BOARD_DASHBOARD,
    BOARD_DASHBOARD_YEAR,
    YEAR_OVERVIEW,
    YEAR_SECTIONS,
    year_url,
)
from core.slots import Link, Menu, Panel, slot_fill
from units.slots import UNIT_PAGE

slot_fill(
    YEAR_SECTIONS,
    Link(
        pgettext_lazy("tab", "Title registrations"),
        year_url("awards:registration_list"),
        order=50,
        key="registrations",
    ),
    Menu("review", pgettext_lazy("tab", "Year-end review"), order=70, testid="tab-review"),
    Link(
        _("Scores"),
        year_url("awards:score_list"),
        order=71,
        key="scores",
        menu="review",
        testid="tab-scores",
    ),
    Link(
        _("Ballots"),
        year_url("awards:ballot_list"),
        order=72,
        key="ballots",
        menu="review",
        testid="tab-ballots",
    ),
    Link(
        _("Nominations"),
        year_url("awards:nomination_list"),
        order=73,
        key="nominations",
        menu="review",
        testid="tab-nominations",
    ),
)
slot_fill(
    YEAR_OVERVIEW,
    Link(
        _("Titles the member units registered for"),
        year_url("awards:registration_list"),
        order=10,
    ),
)
slot_fill(
    BOARD_DASHBOARD,
    Link(_("Award rules"), lambda **_values: reverse("awards:regulations"), order=10),
    Link(_("Award types"), lambda **_values: reverse("awards:awardtype_list"), order=20),
)
slot_fill(
    BOARD_DASHBOARD_YEAR,
    Link(
        _("Nominations of %(year)s and the province's decisions"),
        lambda *, year, **_values: reverse("awards:province_nominations", args=[year]),
        order=10,
        testid="province-nominations",
    ),
)
slot_fill(
    UNIT_PAGE,
    Panel(
        "awards/includes/unit_awards.html",
        lambda _context, unit: {"award_rows": unit_awards(unit)},
        order=10,
    ),
)


def _registered(bloc_years, _today):
    registrations = Registration.objects.filter(membership__bloc_year__in=bloc_years)
    rows = registrations.values_list("membership__bloc_year_id", "registered_on")
    return done_days(rows, last=True)


def _voted(bloc_years, today):
    ballots = Ballot.objects.filter(meeting__bloc_year__in=bloc_years, meeting__date__lte=today)
    return done_days(ballots.values_list("meeting__bloc_year_id", "meeting__date"))


def _pending(bloc_years, states):
    """Return (as a subquery) the bloc-years with nominations in these states."""
    nominations = Nomination.objects.filter(bloc_year__in=bloc_years, status__in=states)
    return nominations.values("bloc_year_id")


def _sent(bloc_years, _today):
    # Sent, and nothing returned waits to be sent again.
    waiting = _pending(bloc_years, Nomination.PENDING_STATES)
    sent = Submission.objects.filter(bloc_year__in=bloc_years, submitted_at__isnull=False)
    rows = sent.exclude(bloc_year__in=waiting).values_list("bloc_year_id", "sent_on")
    return done_days(rows, last=True)


def _decided(bloc_years, _today):
    # Every nomination has the province's answer.
    waiting = _pending(bloc_years, (*Nomination.PENDING_STATES, Nomination.Status.SUBMITTED))
    decided = Nomination.objects.filter(bloc_year__in=bloc_years, decision__isnull=False)
    rows = decided.exclude(bloc_year__in=waiting).values_list("bloc_year_id", "decision__date")
    return done_days(rows, last=True)


step_add(
    Step(
        "registrations",
        _("Title registrations"),
        order=40,
        done=_registered,
        url=year_url("awards:registration_list"),
        milestone=Milestone.REGISTRATION,
    ),
    Step("ballot", _("Ballot"), order=70, done=_voted, url=year_url("awards:ballot_list")),
    Step(
        "dossier",
        _("Dossier sent"),
        order=80,
        done=_sent,
        url=year_url("awards:submission"),
        milestone=Milestone.DOSSIER,
    ),
    Step(
        "decision",
        _("Province's decision"),
        order=90,
        done=_decided,
        url=year_url("awards:nomination_list"),
        milestone=Milestone.COUNCIL,
        waits_on=BOARD,
    ),
)


def _unregistered(memberships):
    registered = Registration.objects.filter(membership__in=memberships).values("membership_id")
    ids = [m.pk for m in memberships]
    return set(
        Membership.objects.filter(pk__in=ids)
        .exclude(pk__in=registered)
        .values_list("pk", flat=True)
    )


def _unscored(memberships):
    # A criterion of the bloc-year's sheet (not a section, not a bonus or penalty) the unit
    # has not scored itself on.
    scored = Score.objects.filter(
        criterion=OuterRef("pk"), membership=OuterRef(OuterRef("pk")), self_score__isnull=False
    )
    missing = Criterion.objects.filter(
        bloc_year=OuterRef("bloc_year"), kind=Criterion.Kind.NORMAL, children__isnull=True
    ).filter(~Exists(scored))
    ids = [m.pk for m in memberships]
    return set(
        Membership.objects.filter(pk__in=ids).filter(Exists(missing)).values_list("pk", flat=True)
    )


def _unreported(memberships):
    # A nomination the bloc may still change, with no signed report kept yet.
    return set(
        Nomination.objects.filter(
            membership__in=[m.pk for m in memberships],
            status__in=Nomination.PENDING_STATES,
            report_files__isnull=True,
        ).values_list("membership_id", flat=True)
    )


def _unit_url(name: str):
    def url(*, membership, **_values) -> str:
        bloc_year = membership.bloc_year
        return reverse(name, args=[bloc_year.bloc_id, bloc_year.year, membership.unit_id])

    return url


unit_task_add(
    UnitTask(
        "registration",
        _("Register the unit's titles"),
        order=10,
        pending=_unregistered,
        url=_unit_url("awards:registration_add"),
        milestone=Milestone.REGISTRATION,
    ),
    UnitTask(
        "self_score",
        _("Give the unit's self-score"),
        order=60,
        pending=_unscored,
        url=_unit_url("awards:score_sheet_self"),
        milestone=Milestone.YEAR_END,
    ),
    UnitTask(
        "achievement_report",
        _("Write and sign the unit's achievement report"),
        order=70,
        pending=_unreported,
        url=_unit_url("awards:report_of_unit"),
        milestone=Milestone.DOSSIER,
    ),
)
