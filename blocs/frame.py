"""The frame of a bloc-year's pages: the one way a page loads the bloc-year of its address.

Every page of a bloc-year, whatever app it belongs to, lives under /blocs/<bloc>/<year>/ and
loads its bloc-year here, with what the frame (templates/blocs/blocyear_base.html) shows: the
bloc and its province. A page that asks whether the user is the secretariat loads the leaders
too, so that asking costs no query. Outside the user's reach the page answers 404; without
the right it asks for, 403. The tabs of the frame are the sections of blocs.slots.
"""

from __future__ import annotations

from collections.abc import Sequence

from blocs.models import BlocYear
from core.access import object_for_user


def bloc_year_for(
    request,
    bloc_pk: int,
    year: int,
    perm: str = "blocs.view_blocyear",
    *,
    leaders: bool = False,
    related: Sequence[str] = (),
) -> BlocYear:
    """Return the bloc-year of the page's address, loaded with what its frame shows (and its
    leaders, or the `related` records the page needs); 404 outside, 403 without `perm`."""
    queryset = BlocYear.objects.with_leaders() if leaders else BlocYear.objects.all()
    queryset = queryset.select_related("bloc__province", *related)
    return object_for_user(queryset, request.user, perm, bloc_id=bloc_pk, year=year)
