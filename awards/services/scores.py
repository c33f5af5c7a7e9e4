"""Writes to score sheets: the criteria of a bloc-year, the units' self-scores and the bloc's
scores, each refused when the sheet changed since the user loaded it."""

from __future__ import annotations

import hashlib
from decimal import Decimal

from django.db import transaction
from django.db.models import Max, Q
from django.utils.translation import gettext as _

from awards.models import Criterion, Score
from blocs.models import BlocYear, Membership
from core.errors import DomainError
from core.services import clean_or_refuse

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


def _siblings(criterion: Criterion):
    """Return the criteria that share the criterion's numbering: its section's, or the sections."""
    if criterion.parent_id:
        return Criterion.objects.filter(parent_id=criterion.parent_id)
    return Criterion.objects.filter(bloc_year_id=criterion.bloc_year_id, parent=None)


def _scored(criteria) -> Q:
    return Q(criterion__in=criteria) & (Q(self_score__isnull=False) | Q(bloc_score__isnull=False))


def criterion_fingerprint(criterion: Criterion) -> str:
    """Return a digest of what the edit form shows of a criterion, to notice a concurrent edit."""
    text = "|".join([criterion.title, _points(criterion.max_points) or "", criterion.kind])
    return hashlib.sha256(text.encode()).hexdigest()[:32]


@transaction.atomic
def criterion_update(
    *,
    criterion: Criterion,
    title: str,
    max_points: Decimal,
    kind: str,
    fingerprint: str | None = None,
) -> Criterion:
    """Change a criterion's title, max points and kind (a section's title and max points).

    Refuses a max below points already given on it, and a change made over someone else's
    since the form was opened (`fingerprint`, from `criterion_fingerprint`).
    """
    criterion = Criterion.objects.select_for_update().get(pk=criterion.pk)
    if fingerprint is not None and fingerprint != criterion_fingerprint(criterion):
        raise DomainError(
            _(
                "Someone else changed this criterion after you opened it. Your changes were not "
                "saved: reload the page to see theirs, then enter yours again."
            )
        )
    highest = Score.objects.filter(criterion=criterion).aggregate(
        self_max=Max("self_score"), bloc_max=Max("bloc_score")
    )
    given = max((v for v in highest.values() if v is not None), default=None)
    if given is not None and max_points < given:
        raise DomainError(
            _("A unit already has %(points)s points on this criterion: the max cannot be lower.")
            % {"points": _points(given)},
            field="max_points",
        )
    criterion.title, criterion.max_points, criterion.kind = title, max_points, kind
    clean_or_refuse(criterion)
    criterion.save()
    return criterion


@transaction.atomic
def criterion_move(*, criterion: Criterion, up: bool) -> Criterion:
    """Swap a criterion with the one before (up) or after it in its section (or a section)."""
    criterion = Criterion.objects.select_for_update().get(pk=criterion.pk)
    siblings = list(_siblings(criterion).select_for_update().order_by("position"))
    index = next(i for i, c in enumerate(siblings) if c.pk == criterion.pk)
    other_index = index - 1 if up else index + 1
    if not 0 <= other_index < len(siblings):
        raise DomainError(_("It is already the first.") if up else _("It is already the last."))
    other = siblings[other_index]
    mine, theirs = criterion.position, other.position
    # Through a free position, so that no two siblings share one at any moment.
    criterion.position = siblings[-1].position + 1
    criterion.save()
    other.position = mine
    other.save()
    criterion.position = theirs
    criterion.save()
    return criterion


@transaction.atomic
def criterion_delete(*, criterion: Criterion) -> None:
    """Remove a criterion nobody has scored, or an empty section; the next ones move up."""
    criterion = Criterion.objects.select_for_update().get(pk=criterion.pk)
    if criterion.parent_id is None and criterion.children.exists():
        raise DomainError(_("Remove the criteria of this section first."))
    if Score.objects.filter(_scored([criterion])).exists():
        raise DomainError(
            _("Units have already been scored on this criterion: it cannot be removed.")
        )
    later = list(
        _siblings(criterion)
        .filter(position__gt=criterion.position)
        .select_for_update()
        .order_by("position")
    )
    position = criterion.position
    criterion.delete()
    for sibling in later:  # in order, each into the place the one before left
        sibling.position, position = position, sibling.position
        sibling.save()


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


def _points(value: Decimal | None) -> str | None:
    return None if value is None else format(value.quantize(Decimal("0.01")), "f")


def sheet_fingerprint(scores: dict[int, Score] | list[Score], which: str) -> str:
    """Return a digest of a unit's sheet (its self-scores or bloc scores) as it stands.

    The sheet's form carries it; saving compares it with the sheet's digest then, so that a
    sheet someone else saved in between is not overwritten.
    """
    scores = scores.values() if isinstance(scores, dict) else scores
    text = ";".join(
        f"{score.criterion_id}={_points(getattr(score, which))}"
        for score in sorted(scores, key=lambda s: s.criterion_id)
        if getattr(score, which) is not None
    )
    return hashlib.sha256(text.encode()).hexdigest()[:32]


@transaction.atomic
def scores_save(
    *,
    membership: Membership,
    which: str,
    values: dict[int, Decimal | None],
    fingerprint: str | None = None,
) -> list[Score]:
    """Save one unit's self-scores or bloc scores, criterion id to points (None clears).

    With `fingerprint` (from `sheet_fingerprint` when the form was opened), refuses when the
    sheet changed since then.
    """
    if which not in SCORE_FIELDS:
        raise DomainError(_("Unknown kind of score."))
    # One writer at a time per unit: its membership row is the lock, even before any score.
    Membership.objects.select_for_update().filter(pk=membership.pk).first()
    criteria = {
        c.pk: c
        for c in Criterion.objects.filter(bloc_year_id=membership.bloc_year_id, pk__in=values)
    }
    existing = {
        s.criterion_id: s for s in Score.objects.select_for_update().filter(membership=membership)
    }
    if fingerprint is not None and fingerprint != sheet_fingerprint(existing, which):
        raise DomainError(
            _(
                "The score sheet was changed by someone else after you opened it. Your scores "
                "were not saved: reload the page to see the current scores, then enter yours "
                "again."
            )
        )
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
