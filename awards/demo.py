"""The awards part of the demo data: each demo province's standard award types."""

from __future__ import annotations

from collections import Counter

from awards.services import award_types_ensure_defaults
from units.models import Province


def load(created: Counter) -> None:
    """Give every province the standard award types it lacks."""
    for province in Province.objects.all():
        created["award_type"] += len(award_types_ensure_defaults(province=province))
