"""Who to tell about a bloc-year: its secretariat's staff, its member units' staff."""

from __future__ import annotations

from blocs.models import BlocYear, Membership
from units.models import User


def secretariat_staff(bloc_year: BlocYear) -> list[User]:
    """Return the active accounts of the head and deputy units of the bloc-year."""
    leaders = Membership.objects.filter(bloc_year=bloc_year).exclude(role=Membership.Role.MEMBER)
    return list(User.objects.filter(unit__in=leaders.values("unit_id"), is_active=True))


def member_staff(bloc_year: BlocYear) -> list[User]:
    """Return the active accounts of every member unit of the bloc-year."""
    members = Membership.objects.filter(bloc_year=bloc_year)
    return list(User.objects.filter(unit__in=members.values("unit_id"), is_active=True))
