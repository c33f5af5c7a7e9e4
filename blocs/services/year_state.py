"""Closing and reopening a bloc-year, each change kept with who made it and why."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from blocs.models import BlocYear, YearStateChange
from core.errors import DomainError
from core.services import clean_or_refuse
from core.text import nfc


def state_change(*, bloc_year: BlocYear, state: str, user, reason: str = "") -> YearStateChange:
    """Move a locked bloc-year to the state and log it; the caller holds the transaction."""
    bloc_year.state = state
    # The bloc-year's own history carries the reason too, next to the change of state.
    bloc_year._change_reason = reason[:100] or None
    clean_or_refuse(bloc_year)
    bloc_year.save()
    change = YearStateChange(bloc_year=bloc_year, state=state, reason=reason, changed_by=user)
    clean_or_refuse(change)
    change.save()
    return change


@transaction.atomic
def bloc_year_close(*, bloc_year: BlocYear, user, reason: str = "") -> BlocYear:
    """Close a bloc-year: from now on only the board may change it."""
    bloc_year = BlocYear.objects.select_for_update().get(pk=bloc_year.pk)
    if not bloc_year.is_open:
        raise DomainError(_("This year is already closed."))
    state_change(bloc_year=bloc_year, state=BlocYear.State.CLOSED, user=user, reason=nfc(reason))
    return bloc_year


@transaction.atomic
def bloc_year_reopen(*, bloc_year: BlocYear, user, reason: str) -> BlocYear:
    """Reopen a closed bloc-year, for a reason that is kept."""
    reason = nfc(reason)
    if not reason:
        raise DomainError(_("Say why the year is reopened."), field="reason")
    bloc_year = BlocYear.objects.select_for_update().get(pk=bloc_year.pk)
    if bloc_year.is_open:
        raise DomainError(_("This year is already open."))
    state_change(bloc_year=bloc_year, state=BlocYear.State.OPEN, user=user, reason=reason)
    return bloc_year
