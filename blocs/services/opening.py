"""Opening a bloc's year: the settings and the member list carried over from the year before.

The leadership of the new year is not carried over: it is set afterwards, from the rotation,
the election at the year-end conference, or a provincial decision.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from blocs.models import Bloc, BlocYear, Membership
from blocs.selectors.opening import OpeningPlan, bloc_years_opening_plans
from blocs.services.blocs import SETTINGS_FIELDS
from core.errors import DomainError
from core.services import clean_or_refuse
from units.models import Province

# Whether a past year's deputies are known, and its note, belong to that year alone.
COPIED_SETTINGS = tuple(
    name for name in SETTINGS_FIELDS if name not in ("deputies_unknown", "note")
)


def _by(obj, user):
    """Name the user in the object's history (else the request's user is named, if any)."""
    if user is not None:
        obj._history_user = user
    return obj


@transaction.atomic
def bloc_year_open(*, bloc: Bloc, year: int, user=None) -> OpeningPlan:
    """Create year `year` of a bloc with the settings and the members of the year before."""
    # Serialises two openings of the same bloc; the unique constraint would catch it anyway.
    bloc = Bloc.objects.select_for_update().get(pk=bloc.pk)
    (plan,) = bloc_years_opening_plans(blocs=[bloc], year=year)
    if not plan.can_open:
        raise DomainError(plan.refusal())
    settings = {}
    if plan.previous is not None:
        settings = {name: getattr(plan.previous, name) for name in COPIED_SETTINGS}
    bloc_year = _by(BlocYear(bloc=bloc, year=year, **settings), user)
    clean_or_refuse(bloc_year)
    try:
        with transaction.atomic():
            bloc_year.save()
            for unit in plan.units:
                membership = _by(Membership(bloc_year=bloc_year, unit=unit), user)
                clean_or_refuse(membership)
                membership.save()
    except IntegrityError as error:  # someone added the year or one of its units meanwhile
        raise DomainError(
            _("The year was changed by someone else while it was being opened. Try again.")
        ) from error
    plan.opened = bloc_year
    return plan


@dataclass
class OpeningOutcome:
    """What opening a year did for one bloc of a province."""

    OPENED = "opened"
    SKIPPED = "skipped"
    REFUSED = "refused"

    bloc: Bloc
    status: str
    message: str
    plan: OpeningPlan | None = None


@transaction.atomic
def bloc_years_open_all(*, province: Province, year: int, user=None) -> list[OpeningOutcome]:
    """Open year `year` for every bloc of the province that lacks it, bloc by bloc."""
    outcomes = []
    for bloc in province.blocs.order_by("name"):
        if BlocYear.objects.filter(bloc=bloc, year=year).exists():
            outcomes.append(
                OpeningOutcome(
                    bloc,
                    OpeningOutcome.SKIPPED,
                    _("%(bloc)s already has the year %(year)d.") % {"bloc": bloc, "year": year},
                )
            )
            continue
        try:
            # A savepoint per bloc: one refused bloc leaves the others opened.
            with transaction.atomic():
                plan = bloc_year_open(bloc=bloc, year=year, user=user)
        except DomainError as error:
            message = _("%(bloc)s: year %(year)d not opened. %(reason)s") % {
                "bloc": bloc,
                "year": year,
                "reason": error.message,
            }
            outcomes.append(OpeningOutcome(bloc, OpeningOutcome.REFUSED, message))
        else:
            outcomes.append(OpeningOutcome(bloc, OpeningOutcome.OPENED, opened_message(plan), plan))
    return outcomes


def opened_message(plan: OpeningPlan) -> str:
    """Return what the opening of a year did, as the page reports it."""
    if plan.previous is None:
        return _(
            "%(bloc)s: year %(year)d opened with the default settings and no member (there "
            "was no year %(previous)d to copy)."
        ) % {"bloc": plan.bloc, "year": plan.year, "previous": plan.year - 1}
    message = ngettext(
        "%(bloc)s: year %(year)d opened with the settings of %(previous)d and its %(n)d "
        "member; set its head and deputies next.",
        "%(bloc)s: year %(year)d opened with the settings of %(previous)d and its %(n)d "
        "members; set its head and deputies next.",
        len(plan.units),
    ) % {"bloc": plan.bloc, "year": plan.year, "previous": plan.year - 1, "n": len(plan.units)}
    if plan.left_out:
        message += " " + _("Not carried over, as merged into another unit: %(units)s.") % {
            "units": ", ".join(str(unit) for unit in plan.left_out)
        }
    return message
