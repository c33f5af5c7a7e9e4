"""The member units of a bloc-year in the order documents list them."""

from __future__ import annotations

from blocs.models import BlocYear, Membership
from meetings.documents.text import sort_key


def members_in_order(bloc_year: BlocYear) -> list[tuple[Membership, str]]:
    """Return each membership with its unit's full name of that year: the head, the deputies
    by rank, then the members by name."""
    memberships = bloc_year.memberships.select_related("unit").prefetch_related("unit__names")
    named = [(m, m.unit.name_in_year(bloc_year.year).full_name) for m in memberships]
    return sorted(
        named, key=lambda pair: (pair[0].role, pair[0].deputy_rank or 0, sort_key(pair[1]))
    )
