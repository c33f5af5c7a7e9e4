"""The bloc's plan for its year: recorded and corrected by the secretariat or the board."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from blocs.forms.plan import PlanForm
from blocs.frame import bloc_year_for
from blocs.models import Plan
from blocs.services.plan import plan_save
from core.errors import DomainError


def plan_edit(request, bloc_pk: int, year: int):
    """Show and save the plan of a bloc-year."""
    bloc_year = bloc_year_for(request, bloc_pk, year, "blocs.change_blocyear")
    plan = Plan.objects.filter(bloc_year=bloc_year).first() or Plan(bloc_year=bloc_year)
    form = PlanForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            plan_save(bloc_year=bloc_year, **{name: data[name] for name in form.base_fields})
        except DomainError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("The plan was saved."))
            return redirect(bloc_year)
    return render(request, "blocs/plan_form.html", {"form": form, "bloc_year": bloc_year})
