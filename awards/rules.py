"""Who may do what with award types and title registrations.

The board manages its province's award types. A registration is entered by the unit's own
staff or by the bloc-year's secretariat while the year is open, and by the board at any time.
"""

from __future__ import annotations

import rules

from blocs.rules import is_board_of_bloc_year, is_open, is_secretariat_of_bloc_year
from units.rules import is_board_of_province, is_staff_of_unit, sees_every_province


@rules.predicate
def is_board_of_award_type(user, award_type) -> bool:
    return (
        award_type is not None
        and user.province_id is not None
        and user.province_id == award_type.province_id
    )


# The registration rights are asked of a membership (the unit in the bloc-year); these adapt
# the bloc-year predicates of blocs/rules.py to it. Cheap checks come first: `|` and `&` stop
# at the first answer, and only the secretariat check costs a query.
@rules.predicate
def is_board_of_membership(user, membership) -> bool:
    return membership is not None and is_board_of_bloc_year(user, membership.bloc_year)


@rules.predicate
def is_staff_of_member_unit(user, membership) -> bool:
    return membership is not None and is_staff_of_unit(user, membership.unit)


@rules.predicate
def is_membership_year_open(user, membership) -> bool:
    return membership is not None and is_open(user, membership.bloc_year)


@rules.predicate
def is_secretariat_of_membership_year(user, membership) -> bool:
    return membership is not None and is_secretariat_of_bloc_year(user, membership.bloc_year)


may_register_for_member = is_board_of_membership | (
    is_membership_year_open & (is_staff_of_member_unit | is_secretariat_of_membership_year)
)


@rules.predicate
def may_register_for_its_member(user, registration) -> bool:
    """Whoever may enter a unit's registrations may also remove them."""
    return registration is not None and may_register_for_member(user, registration.membership)


is_authenticated = rules.is_authenticated

rules.add_perm("awards.manage_award_types", is_authenticated & is_board_of_province)
rules.add_perm("awards.change_awardtype", is_authenticated & is_board_of_award_type)
# Any member unit's registrations of the bloc-year.
rules.add_perm(
    "awards.register_any_member",
    is_authenticated & (is_board_of_bloc_year | (is_open & is_secretariat_of_bloc_year)),
)
# This member unit's registrations (the object is its membership).
rules.add_perm("awards.add_registration", is_authenticated & may_register_for_member)
rules.add_perm("awards.delete_registration", is_authenticated & may_register_for_its_member)


def members_user_may_register(user, bloc_year, memberships) -> set[int]:
    """Return the ids of the memberships whose registrations the user may enter.

    Asks the rules once for the whole bloc-year and once for the user's own unit, so that a
    page listing every member makes the same number of queries whatever their number.
    """
    if user.has_perm("awards.register_any_member", bloc_year):
        return {membership.pk for membership in memberships}
    return {
        membership.pk
        for membership in memberships
        if membership.unit_id == user.unit_id
        and user.has_perm("awards.add_registration", membership)
    }


# Scores: the criteria and the bloc's scores belong to the secretariat (open year) and the
# board; a unit's self-score to its own staff (open year) and the board.
may_manage_scores = is_board_of_bloc_year | (is_open & is_secretariat_of_bloc_year)
rules.add_perm("awards.change_criteria", is_authenticated & may_manage_scores)
rules.add_perm("awards.enter_bloc_scores", is_authenticated & may_manage_scores)
rules.add_perm(
    "awards.enter_bloc_score",
    is_authenticated
    & (is_board_of_membership | (is_membership_year_open & is_secretariat_of_membership_year)),
)
rules.add_perm(
    "awards.enter_self_score",
    is_authenticated
    & (is_board_of_membership | (is_membership_year_open & is_staff_of_member_unit)),
)

# Nominations: the secretariat (open year) and the board draft and submit them; only the board
# returns them or records the province's decision.
rules.add_perm("awards.nominate", is_authenticated & may_manage_scores)
rules.add_perm("awards.decide_nominations", is_authenticated & is_board_of_bloc_year)


@rules.predicate
def may_nominate_in_its_year(user, nomination) -> bool:
    return nomination is not None and user.has_perm("awards.nominate", nomination.bloc_year)


# A nomination (the object) is changed or removed by whoever may nominate in its bloc-year.
rules.add_perm("awards.change_nomination", is_authenticated & may_nominate_in_its_year)


@rules.predicate
def is_pending_nomination(user, nomination) -> bool:
    return nomination is not None and nomination.is_editable


@rules.predicate
def is_staff_of_nominee(user, nomination) -> bool:
    return nomination is not None and is_staff_of_unit(user, nomination.unit)


@rules.predicate
def is_nomination_year_open(user, nomination) -> bool:
    return nomination is not None and is_open(user, nomination.bloc_year)


# A nominee's achievement report (the object is the nomination) is written by the unit's own
# staff while the year is open, or by whoever may nominate in the year, until it is sent.
rules.add_perm(
    "awards.write_report",
    is_authenticated
    & is_pending_nomination
    & (may_nominate_in_its_year | (is_nomination_year_open & is_staff_of_nominee)),
)


# Award rules and legal bases. The province's page is read by everyone who works in the
# province and by national staff; its board (and a superuser) sets the province's rules and
# texts; national staff keep the national texts. The object is the province, the rules or the
# text.
@rules.predicate
def works_in_province(user, province) -> bool:
    return province is not None and user.home_province_id == province.pk


@rules.predicate
def is_board_of_its_province(user, obj) -> bool:
    """The board of the province the rules or the text belong to (none for a national text)."""
    return (
        obj is not None
        and obj.province_id is not None
        and user.province_id is not None
        and user.province_id == obj.province_id
    )


@rules.predicate
def is_national_text(user, basis) -> bool:
    return basis is not None and basis.province_id is None


rules.add_perm(
    "awards.view_award_rules",
    is_authenticated & (sees_every_province | is_board_of_province | works_in_province),
)
rules.add_perm("awards.change_award_rules", is_authenticated & is_board_of_province)
rules.add_perm("awards.change_awardrules", is_authenticated & is_board_of_its_province)
rules.add_perm("awards.add_national_legal_basis", is_authenticated & sees_every_province)
rules.add_perm("awards.add_province_legal_basis", is_authenticated & is_board_of_province)
rules.add_perm(
    "awards.change_legalbasis",
    is_authenticated & ((is_national_text & sees_every_province) | is_board_of_its_province),
)

# A ballot round's counting committee and the bloc's submission (tờ trình) with the dossier:
# like the ballot and the nominations, the secretariat (open year) and the board. The object
# is the bloc-year.
rules.add_perm("awards.change_ballot_counters", is_authenticated & may_manage_scores)
rules.add_perm("awards.submit_nominations", is_authenticated & may_manage_scores)
