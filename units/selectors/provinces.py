"""Reads of provinces that are more than a filter."""

from __future__ import annotations

from django.db.models import QuerySet

from core.queries import count_of
from units.models import Province


def provinces_with_counts(user) -> QuerySet[Province]:
    """Return the provinces the user may see, each with how many blocs and units it has, in one
    query however many provinces there are."""
    return Province.objects.for_user(user).annotate(
        bloc_count=count_of(Province, "blocs"), unit_count=count_of(Province, "units")
    )
