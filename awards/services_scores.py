"""Score sheets: the criteria of a bloc-year, the units' self-scores and the bloc's scores."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from awards.models import Criterion, Score
from blocs.models import BlocYear, Membership
from units.services import DomainError, clean_or_refuse

SCORE_FIELDS = ("self_score", "bloc_score")


@transaction.atomic
def criterion_create(
    *,
    bloc_year: BlocYear,
    title: str,
    max_points: Decimal,
    kind: str = Criterion.Kind.NORMAL,
    parent: Criterion | None = None,
    position: int | None = None,
) -> Criterion:
    """Add a section (no parent) or a criterion of a section to the bloc-year's score sheet."""
    if position is None:
        siblings = Criterion.objects.filter(bloc_year=bloc_year, parent=parent)
        position = (max((c.position for c in siblings), default=0)) + 1
    criterion = Criterion(
        bloc_year=bloc_year,
        parent=parent,
        position=position,
        title=title,
        max_points=max_points,
        kind=kind,
    )
    clean_or_refuse(criterion)
    criterion.save()
    return criterion


def _previous_year_with_criteria(bloc_year: BlocYear) -> BlocYear | None:
    return (
        BlocYear.objects.filter(bloc_id=bloc_year.bloc_id, year__lt=bloc_year.year)
        .filter(criteria__isnull=False)
        .order_by("-year")
        .first()
    )


@transaction.atomic
def criteria_copy_from_previous(*, bloc_year: BlocYear) -> int:
    """Copy the latest earlier year's criteria tree into an empty bloc-year; return the count."""
    if Criterion.objects.filter(bloc_year=bloc_year).exists():
        raise DomainError(_("This year already has criteria: nothing was copied."))
    previous = _previous_year_with_criteria(bloc_year)
    if previous is None:
        raise DomainError(_("No earlier year of this bloc has criteria to copy."))
    count = 0
    for section in previous.criteria.filter(parent=None).prefetch_related("children"):
        new_section = criterion_create(
            bloc_year=bloc_year,
            title=section.title,
            max_points=section.max_points,
            kind=section.kind,
            position=section.position,
        )
        count += 1
        for child in section.children.all():
            criterion_create(
                bloc_year=bloc_year,
                parent=new_section,
                title=child.title,
                max_points=child.max_points,
                kind=child.kind,
                position=child.position,
            )
            count += 1
    return count


@transaction.atomic
def scores_save(
    *, membership: Membership, which: str, values: dict[int, Decimal | None]
) -> list[Score]:
    """Save one unit's self-scores or bloc scores, criterion id to points (None clears)."""
    if which not in SCORE_FIELDS:
        raise DomainError(_("Unknown kind of score."))
    criteria = {
        c.pk: c
        for c in Criterion.objects.filter(bloc_year_id=membership.bloc_year_id, pk__in=values)
    }
    existing = {
        s.criterion_id: s for s in Score.objects.select_for_update().filter(membership=membership)
    }
    saved = []
    for criterion_id, value in values.items():
        criterion = criteria.get(criterion_id)
        if criterion is None:
            raise DomainError(_("The criterion belongs to another bloc-year."))
        if value is not None and value > criterion.max_points:
            raise DomainError(
                _("“%(title)s”: at most %(max)s points.")
                % {"title": criterion.title, "max": criterion.max_points},
                field=f"criterion_{criterion_id}",
            )
        score = existing.get(criterion_id) or Score(membership=membership, criterion=criterion)
        if getattr(score, which) == value and score.pk:
            continue
        setattr(score, which, value)
        score.criterion = criterion
        clean_or_refuse(score)
        score.save()
        saved.append(score)
    return saved


@dataclass
class UnitTotals:
    membership: Membership
    self_total: Decimal = Decimal("0")
    bloc_total: Decimal = Decimal("0")
    rank: int | None = None
    scores: dict[int, Score] = field(default_factory=dict)


def _signed(criterion: Criterion, value: Decimal | None) -> Decimal:
    if value is None:
        return Decimal("0")
    return -value if criterion.kind == Criterion.Kind.PENALTY else value


def score_totals(*, criteria: list[Criterion], memberships: list[Membership]) -> list[UnitTotals]:
    """Return each unit's totals (normal + bonus − penalty) ranked by the bloc total.

    The memberships come with their scores prefetched; units with equal totals share a rank.
    """
    scored = {c.pk: c for c in criteria if c.parent_id}
    rows = []
    for membership in memberships:
        row = UnitTotals(membership=membership)
        for score in membership.scores.all():
            criterion = scored.get(score.criterion_id)
            if criterion is None:
                continue
            row.scores[criterion.pk] = score
            row.self_total += _signed(criterion, score.self_score)
            row.bloc_total += _signed(criterion, score.bloc_score)
        rows.append(row)
    rows.sort(key=lambda r: -r.bloc_total)
    for index, row in enumerate(rows):
        if index and row.bloc_total == rows[index - 1].bloc_total:
            row.rank = rows[index - 1].rank
        else:
            row.rank = index + 1
    return rows


def normal_max_total(criteria: list[Criterion]) -> Decimal:
    """Return the sum of the normal criteria's max points, to compare with the scale."""
    return sum(
        (c.max_points for c in criteria if c.parent_id and c.kind == Criterion.Kind.NORMAL),
        Decimal("0"),
    )
