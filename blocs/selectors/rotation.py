"""The rotation rule: who should lead a bloc in a year, and why, from its order and its history.

Nothing here writes. `propose()` reads the bloc's rotation order, the leaders of the years
before and the members of the year, and applies the default rule of DESIGN.md:

- the first deputy of the year before becomes the head;
- when that year's deputies are not known (or there were none), the head is the unit after
  that year's head in the rotation order;
- the deputies are the next units in the rotation order after the new head (wrapping around)
  that were neither head nor deputy in the look-back years; as many as the year before had,
  at least one, at most its maximum; when that year's deputies are not known, its maximum;
- a unit that is not a member of the year is passed over.

Every unit proposed carries the reason in words, and every unit passed over a note, so that
the page can say "why this unit".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from blocs.models import Bloc, BlocYear, Membership
from units.models import Unit


@dataclass(frozen=True)
class Pick:
    """A unit the rule proposes, and why."""

    unit: Unit
    reason: str


@dataclass
class Proposal:
    """The head and deputies the rule proposes for `year`, computed from `previous`."""

    year: int
    previous: BlocYear
    head: Pick | None = None
    deputies: list[Pick] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def head_unit(self) -> Unit | None:
        return self.head.unit if self.head else None

    @property
    def deputy_units(self) -> list[Unit]:
        return [pick.unit for pick in self.deputies]

    def matches(self, head: Unit | None, deputies: Sequence[Unit]) -> bool:
        """Return whether these leaders are the ones proposed, deputies in the same order."""
        return self.head_unit == head and self.deputy_units == list(deputies)


@dataclass(frozen=True)
class YearLeaders:
    """Who led a bloc in one year, as far as the records tell."""

    head: Unit | None
    deputies: tuple[Unit, ...]
    deputies_unknown: bool


def propose(*, bloc: Bloc, year: int) -> Proposal | None:
    """Propose the head and deputies of `year` from the year before (None if it has no record)."""
    previous = BlocYear.objects.filter(bloc=bloc, year=year - 1).first()
    if previous is None:
        return None
    target = BlocYear.objects.filter(bloc=bloc, year=year).first()
    lookback = previous.rotation_lookback_years
    first_year = previous.year - max(lookback, 1) + 1
    years = {
        bloc_year.year: bloc_year
        for bloc_year in BlocYear.objects.filter(bloc=bloc, year__range=(first_year, year - 1))
    }
    slots = bloc.rotation_slots.select_related("unit").prefetch_related("unit__names")
    order = [slot.unit for slot in slots]
    leaders = (
        Membership.objects.filter(bloc_year__in=list(years.values()))
        .exclude(role=Membership.Role.MEMBER)
        .select_related("unit")
        .prefetch_related("unit__names")
        .order_by("year", "role", "deputy_rank")
    )
    history = _history(years.values(), leaders)
    members_year = previous
    if target is not None:
        members = set(target.memberships.values_list("unit_id", flat=True))
        if members:
            members_year = target
    if members_year is previous:
        # The year is not opened, or opened without members yet: last year's stand in.
        members = set(previous.memberships.values_list("unit_id", flat=True))
    max_deputies = previous.max_deputies
    if target is not None:
        max_deputies = min(max_deputies, target.max_deputies)
    return apply_rule(
        year=year,
        previous=previous,
        order=order,
        history=history,
        members=members,
        members_year=members_year.year,
        lookback=lookback,
        max_deputies=max_deputies,
    )


def _history(bloc_years: Iterable[BlocYear], leaders: Iterable[Membership]):
    """Return each year's leaders from the leader memberships of those years."""
    heads: dict[int, Unit] = {}
    deputies: dict[int, list[Unit]] = defaultdict(list)
    for membership in leaders:
        if membership.role == Membership.Role.HEAD:
            heads[membership.year] = membership.unit
        else:
            deputies[membership.year].append(membership.unit)
    return {
        bloc_year.year: YearLeaders(
            head=heads.get(bloc_year.year),
            deputies=tuple(deputies[bloc_year.year]),
            deputies_unknown=bloc_year.deputies_unknown and not deputies[bloc_year.year],
        )
        for bloc_year in bloc_years
    }


def apply_rule(
    *,
    year: int,
    previous: BlocYear,
    order: Sequence[Unit],
    history: dict[int, YearLeaders],
    members: set[int],
    members_year: int,
    lookback: int,
    max_deputies: int,
) -> Proposal:
    """Apply the default rotation rule to data already loaded; see the module's docstring."""
    proposal = Proposal(year=year, previous=previous)
    before = previous.year
    last = history.get(before, YearLeaders(None, (), previous.deputies_unknown))

    def name(unit: Unit) -> str:
        return unit.name_in_year(year).short_name

    outsiders: set[Unit] = set()

    def is_member(unit: Unit) -> bool:
        if unit.pk in members:
            return True
        if unit in outsiders:
            return False
        outsiders.add(unit)
        proposal.notes.append(
            _("%(unit)s is not a member of the bloc in %(year)d: passed over.")
            % {"unit": name(unit), "year": members_year}
        )
        return False

    # The head.
    for rank, deputy in enumerate(last.deputies, start=1):
        if is_member(deputy):
            if rank == 1:
                reason = _(
                    "First deputy in %(year)d: the first deputy of a year heads the bloc the "
                    "year after."
                ) % {"year": before}
            else:
                reason = _(
                    "Deputy %(rank)d in %(year)d, the next deputy in rank: the deputies before "
                    "it are not members."
                ) % {"rank": rank, "year": before}
            proposal.head = Pick(deputy, reason)
            break
    if proposal.head is None:
        if last.deputies_unknown:
            why = _("The deputies of %(year)d are not recorded") % {"year": before}
        elif last.deputies:
            why = _("No deputy of %(year)d is a member") % {"year": before}
        else:
            why = _("%(year)d had no deputy") % {"year": before}
        if last.head is not None and last.head in order:
            start = order.index(last.head) + 1
            candidates = _around(order, start, skip=last.head)
            template = _(
                "%(why)s, so the head is the next unit after %(head)s in the rotation order."
            )
            context = {"why": why, "head": name(last.head)}
        else:
            candidates = list(order)
            if last.head is None:
                template = _("%(why)s and no head either: the first unit of the rotation order.")
                context = {"why": why}
            else:
                template = _(
                    "%(why)s and its head, %(head)s, is not in the rotation order: the first "
                    "unit of the order."
                )
                context = {"why": why, "head": name(last.head)}
        for unit in candidates:
            if is_member(unit):
                proposal.head = Pick(unit, template % context)
                break
    if proposal.head is None:
        if not order:
            proposal.notes.append(
                _("The bloc has no rotation order: set it to get a full proposal.")
            )
        return proposal

    # How many deputies.
    if last.deputies_unknown:
        wanted = max_deputies
        proposal.notes.append(
            ngettext(
                "The deputies of %(year)d are not known, so as many as the year allows: "
                "%(n)d deputy.",
                "The deputies of %(year)d are not known, so as many as the year allows: "
                "%(n)d deputies.",
                wanted,
            )
            % {"year": before, "n": wanted}
        )
    else:
        wanted = min(max(len(last.deputies), 1), max_deputies)
        proposal.notes.append(
            ngettext(
                "As many deputies as in %(year)d (at least one, at most %(max)d): %(n)d deputy.",
                "As many deputies as in %(year)d (at least one, at most %(max)d): %(n)d deputies.",
                wanted,
            )
            % {"year": before, "max": max_deputies, "n": wanted}
        )
    if wanted == 0:
        return proposal

    # The deputies: after the new head in the rotation order, those who have not led lately.
    head = proposal.head.unit
    if head in order:
        candidates = _around(order, order.index(head) + 1, skip=head)
        after = name(head)
    else:
        candidates = list(order)
        after = None
        proposal.notes.append(
            _("%(unit)s is not in the rotation order: the deputies are taken from its start.")
            % {"unit": name(head)}
        )
    window = [y for y in range(before - lookback + 1, before + 1) if y in history]
    led: dict[Unit, list[int]] = defaultdict(list)
    for y in window:
        for unit in (history[y].head, *history[y].deputies):
            if unit is not None:
                led[unit].append(y)
    unknown = [y for y in window if history[y].deputies_unknown]
    if unknown:
        proposal.notes.append(
            _("The deputies of %(years)s are not recorded: only the heads of those years count.")
            % {"years": ", ".join(str(y) for y in unknown)}
        )
    period = {"first": before - lookback + 1, "last": before}
    passed_over: list[Unit] = []
    for unit in candidates:
        if len(proposal.deputies) == wanted:
            break
        if not is_member(unit):
            continue
        if led.get(unit):
            proposal.notes.append(
                _("%(unit)s led in %(years)s, within the look-back: passed over.")
                % {"unit": name(unit), "years": ", ".join(str(y) for y in led[unit])}
            )
            passed_over.append(unit)
            continue
        if after is None:
            reason = (
                _("Next in the rotation order; neither head nor deputy in %(first)d–%(last)d.")
                % period
            )
        elif lookback == 0:
            reason = _("Next in the rotation order after %(after)s.") % {"after": after}
        else:
            reason = _(
                "Next in the rotation order after %(after)s; neither head nor deputy in "
                "%(first)d–%(last)d."
            ) % {**period, "after": after}
        proposal.deputies.append(Pick(unit, reason))
        after = name(unit)
    # A small bloc may not have enough units that have not led lately: take those who led
    # longest ago, in the rotation order.
    passed_over.sort(key=lambda unit: max(led[unit]))
    for unit in passed_over:
        if len(proposal.deputies) == wanted:
            break
        proposal.deputies.append(
            Pick(
                unit,
                _(
                    "Every other member led within the look-back; %(unit)s led longest ago "
                    "(%(year)d)."
                )
                % {"unit": name(unit), "year": max(led[unit])},
            )
        )
    if len(proposal.deputies) < wanted:
        proposal.notes.append(
            _("Not enough members in the rotation order for %(n)d deputies.") % {"n": wanted}
        )
    return proposal


def _around(order: Sequence[Unit], start: int, *, skip: Unit) -> list[Unit]:
    """Return the order from `start` on, wrapping around, without `skip`."""
    start %= len(order) or 1
    return [unit for unit in [*order[start:], *order[:start]] if unit != skip]
