"""The start page of each role: the provinces, the province's blocs of a year, the unit's years."""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone

from blocs.forms.years import YearForm
from blocs.models import BlocYear, Membership
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
    rows = [(bloc, bloc_years.get(bloc.pk)) for bloc in province.blocs.all()]
    context = {
        "province": province,
        "year": year,
        "years": years,
        "rows": rows,
        "form": form,
        "unopened_count": sum(1 for _bloc, bloc_year in rows if bloc_year is None),
        "can_open_years": request.user.has_perm("blocs.open_province_years", province),
    }
    template = "blocs/dashboard_board.html"
    if request.htmx:
        template += "#bloc_table"
    return render(request, template, context)


def _unit_dashboard(request):
    """The bloc-years of the user's unit, newest first, with its role in each."""
    unit = request.user.unit
    bloc_years = list(BlocYear.objects.for_user(request.user).with_leaders().order_by("-year"))
    roles = dict(Membership.objects.filter(unit=unit).values_list("bloc_year_id", "role"))
    rows = [(bloc_year, roles.get(bloc_year.pk)) for bloc_year in bloc_years]
    return render(request, "blocs/dashboard_unit.html", {"unit": unit, "rows": rows})
