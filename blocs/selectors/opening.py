"""What opening a year of blocs would do: the members carried over, those left out as merged,
those already in another bloc that year."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from blocs.models import Bloc, BlocYear, Membership
from units.models import Unit


@dataclass
class OpeningPlan:
    """What opening year `year` of a bloc would do, or why it cannot be done."""

    bloc: Bloc
    year: int
    exists: bool = False
    previous: BlocYear | None = None
    units: list[Unit] = field(default_factory=list)
    # Units of the year before that were merged into another before this year began.
    left_out: list[Unit] = field(default_factory=list)
    # Units of the year before that are already in another bloc this year, with that bloc.
    conflicts: list[tuple[Unit, Bloc]] = field(default_factory=list)
    opened: BlocYear | None = None

    @property
    def can_open(self) -> bool:
        return not self.exists and not self.conflicts

    def refusal(self) -> str:
        """Return why the year cannot be opened ("" when it can)."""
        if self.exists:
            return _("%(bloc)s already has the year %(year)d.") % {
                "bloc": self.bloc,
                "year": self.year,
            }
        return " ".join(
            _("%(unit)s is already a member of %(bloc)s in %(year)d.")
            % {"unit": unit, "bloc": other, "year": self.year}
            for unit, other in self.conflicts
        )


def bloc_years_opening_plans(*, blocs: Iterable[Bloc], year: int) -> list[OpeningPlan]:
    """Return, for each bloc, what opening `year` would copy and what stands in the way."""
    blocs = list(blocs)
    if not blocs:
        return []
    plans = {bloc.pk: OpeningPlan(bloc=bloc, year=year) for bloc in blocs}
    for bloc_id in BlocYear.objects.filter(bloc__in=blocs, year=year).values_list(
        "bloc_id", flat=True
    ):
        plans[bloc_id].exists = True
    members = Membership.objects.select_related("unit__merged_into").order_by("unit__short_name")
    previous_years = BlocYear.objects.filter(bloc__in=blocs, year=year - 1).prefetch_related(
        Prefetch("memberships", members, to_attr="member_list")
    )
    # Whose members the year already holds, in any bloc of the province.
    taken = {
        membership.unit_id: membership.bloc_year.bloc
        for membership in Membership.objects.filter(
            year=year, bloc_year__bloc__province_id=blocs[0].province_id
        ).select_related("bloc_year__bloc")
    }
    first_day = datetime.date(year, 1, 1)
    for previous in previous_years:
        plan = plans[previous.bloc_id]
        plan.previous = previous
        for membership in previous.member_list:
            unit = membership.unit
            if unit.merged_on is not None and unit.merged_on <= first_day:
                plan.left_out.append(unit)
            elif unit.pk in taken and taken[unit.pk].pk != plan.bloc.pk:
                plan.conflicts.append((unit, taken[unit.pk]))
            else:
                plan.units.append(unit)
    return [plans[bloc.pk] for bloc in blocs]
