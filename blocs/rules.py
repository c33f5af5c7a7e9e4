"""Who may do what with blocs and bloc-years.

Board staff may do everything in their province. A unit's role in a bloc-year gives its staff
their rights there: the secretariat (head or deputy unit) writes the year while it is open,
every member reads it.
"""

from __future__ import annotations

import rules

from blocs.models import Membership
from units.rules import is_board_of_province, sees_every_province


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
    if hasattr(bloc_year, "leader_list"):  # loaded with_leaders(): asking costs no query
        return any(leader.unit_id == user.unit_id for leader in bloc_year.leader_list)
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

# Board-only writes: creating blocs, opening years, changing a year's member list (even when the
# year is closed). The objects: a province for the first two, a bloc, a bloc-year.
rules.add_perm("blocs.add_bloc", is_authenticated & is_board_of_province)
rules.add_perm("blocs.open_province_years", is_authenticated & is_board_of_province)
rules.add_perm("blocs.open_blocyear", is_authenticated & is_board_of_bloc)


@rules.predicate
def works_in_province(user, province) -> bool:
    return province is not None and user.home_province_id == province.pk


# The year's calendar and days off of a province (the object: the province): everyone of the
# province reads it, its board sets it.
rules.add_perm("blocs.view_calendar", is_authenticated & (sees_every_province | works_in_province))
rules.add_perm("blocs.change_calendar", is_authenticated & is_board_of_province)
rules.add_perm("blocs.change_members", is_authenticated & is_board_of_bloc_year)


@rules.predicate
def is_secretariat_of_previous_year(user, bloc_year) -> bool:
    """The head or a deputy of the bloc the year before: it ran the conference that elects."""
    if bloc_year is None or not user.unit_id:
        return False
    return (
        Membership.objects.filter(
            bloc_year__bloc_id=bloc_year.bloc_id, year=bloc_year.year - 1, unit_id=user.unit_id
        )
        .exclude(role=Membership.Role.MEMBER)
        .exists()
    )


# Leadership of a bloc-year: the board always; the previous year's secretariat may confirm the
# rotation proposal or record the election while the year is open. A provincial decision is
# the board's alone.
rules.add_perm(
    "blocs.set_leadership",
    is_authenticated & (is_board_of_bloc_year | (is_secretariat_of_previous_year & is_open)),
)
rules.add_perm("blocs.assign_leadership_by_decision", is_authenticated & is_board_of_bloc_year)


@rules.predicate
def is_staff_of_member_unit(user, membership) -> bool:
    return (
        membership is not None and user.unit_id is not None and user.unit_id == membership.unit_id
    )


@rules.predicate
def may_change_year_of_membership(user, membership) -> bool:
    return membership is not None and user.has_perm("blocs.change_blocyear", membership.bloc_year)


@rules.predicate
def year_of_membership_is_open(user, membership) -> bool:
    return membership is not None and membership.bloc_year.is_open


@rules.predicate
def has_handover(user, bloc_year) -> bool:
    return bloc_year is not None and hasattr(bloc_year, "handover")


# A member unit's signature of the pledge (the object: its membership): its own staff while the
# year is open, and whoever may change the year.
rules.add_perm(
    "blocs.sign_pledge",
    is_authenticated
    & ((is_staff_of_member_unit & year_of_membership_is_open) | may_change_year_of_membership),
)
# The secretariat records the handover while the year is open; once recorded it is an issued
# record that only the board corrects, while the year is open (or records, in a year it closed
# without one). The year stays open after it: see blocs.services.handover.
rules.add_perm(
    "blocs.record_handover",
    is_authenticated
    & (
        (is_board_of_bloc_year & (is_open | ~has_handover))
        | (is_secretariat_of_bloc_year & is_open & ~has_handover)
    ),
)
rules.add_perm("blocs.change_blocyear_state", is_authenticated & is_board_of_bloc_year)
