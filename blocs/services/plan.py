"""The bloc's plan for its year (kế hoạch thực hiện phong trào thi đua)."""

from __future__ import annotations

import datetime

from django.db import transaction

from blocs.models import BlocYear, Plan
from core.services import clean_or_refuse, stale, versioned_for_update


@transaction.atomic
def plan_save(
    *,
    bloc_year: BlocYear,
    version: int,
    number: str,
    issued_on: datetime.date,
    subject: str,
    content: str = "",
    basis: str = "",
) -> Plan:
    """Record the year's plan (version 0) or correct it (its current version)."""
    # The bloc-year's row is the lock under which the plan is created at most once.
    BlocYear.objects.select_for_update().get(pk=bloc_year.pk)
    plan = Plan.objects.filter(bloc_year=bloc_year).first()
    if plan is None:
        if version != 0:
            raise stale()
        plan = Plan(bloc_year=bloc_year)
    elif version == 0:
        raise stale()  # recorded by someone else meanwhile
    else:
        plan = versioned_for_update(Plan, pk=plan.pk, version=version)
        plan.version += 1
    plan.number, plan.issued_on, plan.subject = number, issued_on, subject
    plan.content, plan.basis = content, basis
    clean_or_refuse(plan)
    plan.save()
    return plan
