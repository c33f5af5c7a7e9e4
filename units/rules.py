"""Who may do what with provinces and units."""

from __future__ import annotations

import rules


@rules.predicate
def sees_every_province(user) -> bool:
    return user.sees_every_province


@rules.predicate
def is_board_of_province(user, province) -> bool:
    return province is not None and user.province_id == province.pk


@rules.predicate
def is_board_of_unit(user, unit) -> bool:
    return (
        unit is not None and user.province_id is not None and user.province_id == unit.province_id
    )


@rules.predicate
def is_staff_of_unit(user, unit) -> bool:
    return unit is not None and user.unit_id == unit.pk


@rules.predicate
def shares_a_bloc_year(user, unit) -> bool:
    if unit is None or not user.unit_id:
        return False
    return unit.memberships.filter(bloc_year__memberships__unit_id=user.unit_id).exists()


is_authenticated = rules.is_authenticated

rules.add_perm(
    "units.view_province", is_authenticated & (sees_every_province | is_board_of_province)
)
rules.add_perm("units.change_province", is_authenticated & sees_every_province)
# What the province's rules call a bloc's head and deputies: its board says.
rules.add_perm("units.change_province_terms", is_authenticated & is_board_of_province)
rules.add_perm(
    "units.view_unit",
    is_authenticated
    & (sees_every_province | is_board_of_unit | is_staff_of_unit | shares_a_bloc_year),
)
rules.add_perm("units.change_unit", is_authenticated & is_board_of_unit)
rules.add_perm("units.add_unit", is_authenticated & is_board_of_province)  # object: the province


@rules.predicate
def is_board_of_account(user, account) -> bool:
    return (
        account is not None
        and user.province_id is not None
        and user.province_id == account.home_province_id
    )


# The national admin opens provinces and their first board account; each board then manages
# the accounts of its province (the national admin may step in, e.g. when a board has none).
# Not "add_province": a model permission of that name is every superuser's.
rules.add_perm("units.open_province", is_authenticated & sees_every_province)
rules.add_perm(
    "units.manage_accounts", is_authenticated & (sees_every_province | is_board_of_province)
)
rules.add_perm(
    "units.change_account", is_authenticated & (sees_every_province | is_board_of_account)
)
