"""Each member's score totals and rank, and the most a sheet can give."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from awards.models import Criterion, Score
from blocs.models import Membership


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
