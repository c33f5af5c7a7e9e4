"""The start page of each role: the provinces, the province's blocs of a year, the unit's years."""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone

from blocs.forms.years import YearForm
from blocs.models import BlocYear, Membership
from blocs.selectors.progress import DONE, StepState, unit_tasks, year_progress
from units.selectors.provinces import provinces_with_counts


def dashboard(request):
    """Show each role its start page: provinces, the province's blocs, or the unit's years."""
    user = request.user
    if user.province_id:
        return _board_dashboard(request)
    if user.unit_id:
        return _unit_dashboard(request)
    if user.sees_every_province:
        provinces = provinces_with_counts(user)
        return render(request, "blocs/dashboard_national.html", {"provinces": provinces})
    return render(request, "blocs/dashboard_none.html")


def _board_dashboard(request):
    """The province's blocs in a chosen year, with their head, deputies and member count."""
    province = request.user.province
    years = list(
        BlocYear.objects.filter(bloc__province=province)
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )
    form = YearForm(request.GET or None)
    if form.is_valid():
        year = form.cleaned_data["year"]
    else:
        year = years[0] if years else timezone.localdate().year
    bloc_years = {
        bloc_year.bloc_id: bloc_year
        for bloc_year in BlocYear.objects.filter(bloc__province=province, year=year).with_leaders()
    }
    progress = year_progress(bloc_years.values(), today=timezone.localdate())
    rows = []
    for bloc in province.blocs.all():
        bloc_year = bloc_years.get(bloc.pk)
        rows.append((bloc, bloc_year, _summary(progress[bloc_year.pk]) if bloc_year else None))
    context = {
        "province": province,
        "year": year,
        "years": years,
        "rows": rows,
        "form": form,
        "unopened_count": sum(1 for _bloc, bloc_year, _summary in rows if bloc_year is None),
        # Dossiers sent that the province has not decided yet: they wait on the board.
        "waiting_dossiers": [
            (bloc_year, summary)
            for _bloc, bloc_year, summary in rows
            if summary and summary["waits_on_board"]
        ],
        "can_open_years": request.user.has_perm("blocs.open_province_years", province),
    }
    template = "blocs/dashboard_board.html"
    if request.htmx:
        template += "#bloc_table"
    return render(request, template, context)


def _summary(states: list[StepState]) -> dict:
    """Return what the board's table says of a bloc-year's steps: how many are done, which
    are late, and whether its dossier waits on the province."""
    by_key = {state.step.key: state for state in states}
    dossier, decision = by_key.get("dossier"), by_key.get("decision")
    return {
        "done": sum(1 for state in states if state.state == DONE),
        "total": len(states),
        "late": [state for state in states if state.is_late],
        "waits_on_board": bool(dossier and decision)
        and dossier.state == DONE
        and decision.state != DONE,
        "dossier": dossier,
    }


def _unit_dashboard(request):
    """The bloc-years of the user's unit, newest first, with its role in each; what the unit
    still has to do, and what the bloc-years it leads still need."""
    unit = request.user.unit
    today = timezone.localdate()
    bloc_years = list(BlocYear.objects.for_user(request.user).with_leaders().order_by("-year"))
    memberships = list(
        Membership.objects.filter(unit=unit).select_related("bloc_year__bloc__province")
    )
    roles = {membership.bloc_year_id: membership.role for membership in memberships}
    rows = [(bloc_year, roles.get(bloc_year.pk)) for bloc_year in bloc_years]
    led = [
        bloc_year
        for bloc_year, role in rows
        if bloc_year.is_open and role in (Membership.Role.HEAD, Membership.Role.DEPUTY)
    ]
    progress = year_progress(led, today=today)
    context = {
        "unit": unit,
        "rows": rows,
        "tasks": unit_tasks(memberships, today=today),
        "led": [
            (bloc_year, [state for state in progress[bloc_year.pk] if state.state != DONE])
            for bloc_year in led
        ],
    }
    return render(request, "blocs/dashboard_unit.html", context)
