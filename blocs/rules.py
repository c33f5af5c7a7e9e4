"""Who may do what with blocs and bloc-years.

Board staff may do everything in their province. A unit's role in a bloc-year gives its staff
their rights there: the secretariat (head or deputy unit) writes the year while it is open,
every member reads it.
"""

from __future__ import annotations

import rules

from blocs.models import Membership
from units.rules import sees_every_province


@rules.predicate
def is_board_of_bloc(user, bloc) -> bool:
    return (
        bloc is not None and user.province_id is not None and user.province_id == bloc.province_id
    )


@rules.predicate
def was_member_of_bloc(user, bloc) -> bool:
    if bloc is None or not user.unit_id:
        return False
    return Membership.objects.filter(bloc_year__bloc=bloc, unit_id=user.unit_id).exists()


@rules.predicate
def is_board_of_bloc_year(user, bloc_year) -> bool:
    return bloc_year is not None and is_board_of_bloc(user, bloc_year.bloc)


@rules.predicate
def is_member_of_bloc_year(user, bloc_year) -> bool:
    if bloc_year is None or not user.unit_id:
        return False
    return bloc_year.memberships.filter(unit_id=user.unit_id).exists()


@rules.predicate
def is_secretariat_of_bloc_year(user, bloc_year) -> bool:
    if bloc_year is None or not user.unit_id:
        return False
    return (
        bloc_year.memberships.filter(unit_id=user.unit_id)
        .exclude(role=Membership.Role.MEMBER)
        .exists()
    )


@rules.predicate
def is_open(user, bloc_year) -> bool:
    return bloc_year is not None and bloc_year.is_open


is_authenticated = rules.is_authenticated

rules.add_perm(
    "blocs.view_bloc",
    is_authenticated & (sees_every_province | is_board_of_bloc | was_member_of_bloc),
)
rules.add_perm("blocs.change_bloc", is_authenticated & is_board_of_bloc)
rules.add_perm(
    "blocs.view_blocyear",
    is_authenticated & (sees_every_province | is_board_of_bloc_year | is_member_of_bloc_year),
)
rules.add_perm(
    "blocs.change_blocyear",
    is_authenticated & (is_board_of_bloc_year | (is_secretariat_of_bloc_year & is_open)),
)
