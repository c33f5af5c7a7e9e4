"""Who may do what with meetings and documents: the rights of their bloc-year.

Every member of the bloc-year reads its meetings; the board and, while the year is open, the
secretariat record and change them; a meeting is deleted only while its year is open.
"""

from __future__ import annotations

import rules

from blocs.rules import (
    is_board_of_bloc_year,
    is_member_of_bloc_year,
    is_open,
    is_secretariat_of_bloc_year,
)
from units.rules import sees_every_province


def of_its_bloc_year(predicate: rules.Predicate) -> rules.Predicate:
    """Return the predicate asked of the meeting's bloc-year instead of the meeting."""

    def check(user, meeting) -> bool:
        return meeting is not None and predicate.test(user, meeting.bloc_year)

    return rules.predicate(check, name=f"meeting_{predicate.name}")


is_authenticated = rules.is_authenticated

# On a bloc-year: may the user record a meeting in it?
may_write_bloc_year = is_board_of_bloc_year | (is_secretariat_of_bloc_year & is_open)
rules.add_perm("meetings.add_meeting", is_authenticated & may_write_bloc_year)

# On a meeting.
rules.add_perm(
    "meetings.view_meeting",
    is_authenticated
    & (
        sees_every_province
        | of_its_bloc_year(is_board_of_bloc_year)
        | of_its_bloc_year(is_member_of_bloc_year)
    ),
)
rules.add_perm("meetings.change_meeting", is_authenticated & of_its_bloc_year(may_write_bloc_year))
rules.add_perm(
    "meetings.delete_meeting",
    is_authenticated
    & of_its_bloc_year((is_board_of_bloc_year | is_secretariat_of_bloc_year) & is_open),
)


def of_the_documents_bloc_year(predicate: rules.Predicate) -> rules.Predicate:
    """Return the predicate asked of the document's bloc-year instead of the document."""

    def check(user, document) -> bool:
        return document is not None and predicate.test(user, document.bloc_year)

    return rules.predicate(check, name=f"document_{predicate.name}")


# Issued documents. Whoever reads a bloc-year reads (and downloads) its documents; the board and,
# while the year is open, the secretariat issue them (object: the bloc-year) and correct them
# (object: the document).
rules.add_perm(
    "meetings.view_document",
    is_authenticated
    & (
        sees_every_province
        | of_the_documents_bloc_year(is_board_of_bloc_year)
        | of_the_documents_bloc_year(is_member_of_bloc_year)
    ),
)
rules.add_perm("meetings.issue_document", is_authenticated & may_write_bloc_year)
# Files attached to the year's records (object: the bloc-year).
rules.add_perm("meetings.add_attachment", is_authenticated & may_write_bloc_year)
rules.add_perm(
    "meetings.correct_document", is_authenticated & of_the_documents_bloc_year(may_write_bloc_year)
)
# The signed original of a document comes back from whoever issued it: the secretariat while
# the year is open, the board always (object: the document).
rules.add_perm(
    "meetings.add_signed_original",
    is_authenticated & of_the_documents_bloc_year(may_write_bloc_year),
)
