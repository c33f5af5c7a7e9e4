"""Opening a year of one bloc, or of every bloc of the province (board): confirm, then open."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Max
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from blocs.forms.years import YearForm
from blocs.models import Bloc
from blocs.selectors.opening import bloc_years_opening_plans
from blocs.services.opening import (
    OpeningOutcome,
    bloc_year_open,
    bloc_years_open_all,
    opened_message,
)
from core.access import object_for_user
from core.errors import DomainError
from units.models import Province


def _bloc(request, pk: int) -> Bloc:
    return object_for_user(
        Bloc.objects.select_related("province"), request.user, "blocs.open_blocyear", pk=pk
    )


def _province(request, code: str) -> Province:
    return object_for_user(
        Province.objects.all(), request.user, "blocs.open_province_years", code=code
    )


def _chosen_year(request, default: int) -> int:
    form = YearForm(request.GET or None)
    return form.cleaned_data["year"] if form.is_valid() else default


@require_safe
def blocyear_open(request, pk: int):
    """Show what opening a year of the bloc would copy, with the button that opens it."""
    bloc = _bloc(request, pk)
    latest = bloc.years.aggregate(latest=Max("year"))["latest"]
    year = _chosen_year(request, latest + 1 if latest else timezone.localdate().year)
    (plan,) = bloc_years_opening_plans(blocs=[bloc], year=year)
    return render(
        request,
        "blocs/blocyear_open.html",
        {"bloc": bloc, "year": year, "plan": plan, "form": YearForm(initial={"year": year})},
    )


@require_POST
def blocyear_open_confirm(request, pk: int):
    """Open the year: its settings and members copied from the year before, no leaders yet."""
    bloc = _bloc(request, pk)
    form = YearForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a year between 1990 and 2100."))
        return redirect("blocs:blocyear_open", pk=bloc.pk)
    year = form.cleaned_data["year"]
    try:
        plan = bloc_year_open(bloc=bloc, year=year, user=request.user)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect(reverse("blocs:blocyear_open", args=[bloc.pk]) + f"?year={year}")
    messages.success(request, opened_message(plan))
    return redirect("blocs:members", bloc_pk=bloc.pk, year=year)


@require_safe
def province_years_open(request, code: str):
    """Show, bloc by bloc, what opening a year for the whole province would do."""
    province = _province(request, code)
    year = _chosen_year(request, timezone.localdate().year)
    plans = bloc_years_opening_plans(blocs=province.blocs.order_by("name"), year=year)
    return render(
        request,
        "blocs/province_years_open.html",
        {
            "province": province,
            "year": year,
            "plans": plans,
            "to_open": [plan for plan in plans if plan.can_open],
            "form": YearForm(initial={"year": year}),
        },
    )


@require_POST
def province_years_open_confirm(request, code: str):
    """Open the year for every bloc of the province that lacks it, and report bloc by bloc."""
    province = _province(request, code)
    form = YearForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a year between 1990 and 2100."))
        return redirect("blocs:province_years_open", code=province.code)
    year = form.cleaned_data["year"]
    outcomes = bloc_years_open_all(province=province, year=year, user=request.user)
    report = {
        OpeningOutcome.OPENED: messages.success,
        OpeningOutcome.SKIPPED: messages.info,
        OpeningOutcome.REFUSED: messages.error,
    }
    for outcome in outcomes:
        report[outcome.status](request, outcome.message)
    if not outcomes:
        messages.info(request, _("The province has no bloc yet."))
    return redirect(reverse("dashboard") + f"?year={year}")
