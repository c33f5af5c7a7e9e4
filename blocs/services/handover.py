"""Recording the handover of a bloc's leadership at the end of a year.

The handover passes the leadership to next year's head; it does not end the outgoing team's
work: issuing the year's documents, the dossier and its sending, answering a return stay open to
the year's secretariat until the province decides the dossier or the board closes the year.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext as _

from blocs.models import BlocYear, Handover, HandoverItem, Membership
from core.errors import DomainError
from core.services import clean_or_refuse, numbered_items_save, stale
from units.models import Unit

ITEM_FIELDS = ("description", "quantity", "note")


@transaction.atomic
def handover_record(
    *,
    bloc_year: BlocYear,
    user,
    from_unit: Unit,
    from_representative: str,
    to_unit: Unit,
    to_representative: str,
    handed_over_on: datetime.date,
    from_representative_title: str = "",
    to_representative_title: str = "",
    place: str = "",
    note: str = "",
    items: Sequence[dict] = (),
    version: int = 0,
) -> Handover:
    """Record who handed the year over to whom, when, and what; the year stays open.

    A recorded handover is an issued record: the board corrects it while the year is open, and
    its history keeps what it said before. `version`
    is the handover's as the user loaded it (0: not recorded yet); a save made on a copy someone
    else changed meanwhile is refused.
    """
    bloc_year = BlocYear.objects.select_for_update().select_related("bloc").get(pk=bloc_year.pk)
    handover = Handover.objects.filter(bloc_year=bloc_year).first()
    if handover is not None and not bloc_year.is_open:
        raise DomainError(
            _(
                "The handover of this year is already recorded and the year is closed. It can "
                "be corrected only after the board reopens the year."
            )
        )
    if not bloc_year.memberships.filter(unit=from_unit).exists():
        raise DomainError(
            _("%(unit)s is not a member of the bloc in %(year)d.")
            % {"unit": from_unit, "year": bloc_year.year},
            field="from_unit",
        )
    incoming = Membership.objects.filter(
        unit=to_unit,
        bloc_year__bloc_id=bloc_year.bloc_id,
        year__in=(bloc_year.year, bloc_year.year + 1),
    )
    if not incoming.exists():
        raise DomainError(
            _("%(unit)s is a member of the bloc neither in %(year)d nor in %(next)d.")
            % {"unit": to_unit, "year": bloc_year.year, "next": bloc_year.year + 1},
            field="to_unit",
        )
    if (handover.version if handover is not None else 0) != version:
        raise stale()
    if handover is None:
        handover = Handover(bloc_year=bloc_year, recorded_by=user)
    else:
        handover.version += 1
    handover.from_unit, handover.to_unit = from_unit, to_unit
    handover.from_representative = from_representative
    handover.from_representative_title = from_representative_title
    handover.to_representative = to_representative
    handover.to_representative_title = to_representative_title
    handover.handed_over_on, handover.place, handover.note = handed_over_on, place, note
    clean_or_refuse(handover)
    handover.save()
    numbered_items_save(
        items=handover.items.all(),
        make=lambda position: HandoverItem(handover=handover, position=position),
        rows=items,
        fields=ITEM_FIELDS,
    )
    return handover
