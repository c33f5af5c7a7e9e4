"""The awards a unit received, year by year, for its page (units does not import awards)."""

from __future__ import annotations

from django import template

from awards.models import Nomination

register = template.Library()


@register.simple_tag
def award_history(unit) -> list[Nomination]:
    """Return the unit's approved and downgraded nominations, newest year first."""
    return list(
        Nomination.objects.filter(
            unit=unit,
            status__in=[Nomination.Status.APPROVED, Nomination.Status.DOWNGRADED],
        )
        .select_related("bloc_year__bloc", "award_type", "decided_award_type", "decision")
        .order_by("-bloc_year__year")
    )
