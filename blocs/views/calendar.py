"""The year's calendar of a province (its board sets it) with its days off, and a bloc-year's
own dates."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from blocs.forms.calendar import CalendarFormSet, DayOffForm, OwnDateForm
from blocs.frame import bloc_year_for
from blocs.models import MAX_YEAR, MIN_YEAR, DayOff
from blocs.services import calendar as services
from core.errors import DomainError
from core.workdays import public_holiday_names
from units.models import Province


def _province(request, code: str, year: int, perm: str) -> Province:
    """Return the province of the calendar: 404 for someone of another province (or a year out
    of range), 403 for its people who may not do what `perm` says."""
    province = get_object_or_404(Province, code=code)
    if not MIN_YEAR <= year <= MAX_YEAR or not request.user.has_perm(
        "blocs.view_calendar", province
    ):
        raise Http404
    if not request.user.has_perm(perm, province):
        raise PermissionDenied
    return province


def calendar_edit(request, code: str, year: int):
    """The dates the province expects in a year, with its days off; its board saves them all
    at once. An unsaved year is proposed from the year before, or from common practice."""
    perm = "blocs.change_calendar" if request.method == "POST" else "blocs.view_calendar"
    province = _province(request, code, year, perm)
    rows, source = services.calendar_rows(province=province, year=year)
    formset = CalendarFormSet(request.POST or None, initial=rows, prefix="dates")
    error = None
    if request.method == "POST" and formset.is_valid():
        try:
            services.calendar_save(
                province=province, year=year, rows=[form.cleaned_data for form in formset]
            )
        except DomainError as refusal:
            error = refusal.message
        else:
            messages.success(request, _("The calendar of %(year)d was saved.") % {"year": year})
            return redirect("blocs:calendar", code, year)
    return _calendar_page(request, province, year, formset=formset, source=source, error=error)


def _calendar_page(request, province: Province, year: int, **context):
    can_change = request.user.has_perm("blocs.change_calendar", province)
    years = (year, year + 1)
    context.setdefault("day_off_form", DayOffForm() if can_change else None)
    context |= {
        "province": province,
        "year": year,
        "can_change": can_change,
        "days_off": DayOff.objects.filter(province=province, day__year__in=years),
        "holidays": [item for y in years for item in public_holiday_names(y).items()],
    }
    return render(request, "blocs/calendar_form.html", context)


@require_POST
def day_off_add(request, code: str, year: int):
    """Add a day off of the province."""
    province = _province(request, code, year, "blocs.change_calendar")
    form = DayOffForm(request.POST, instance=DayOff(province=province))
    if form.is_valid():
        try:
            services.day_off_add(province=province, **form.cleaned_data)
        except DomainError as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("The day off was added."))
            return redirect("blocs:calendar", code, year)
    rows, source = services.calendar_rows(province=province, year=year)
    formset = CalendarFormSet(initial=rows, prefix="dates")
    return _calendar_page(
        request, province, year, formset=formset, source=source, day_off_form=form
    )


@require_POST
def day_off_remove(request, code: str, year: int, pk: int):
    """Remove a day off of the province that was added by mistake."""
    province = _province(request, code, year, "blocs.change_calendar")
    try:
        services.day_off_remove(province=province, pk=pk)
    except DomainError as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("The day off was removed."))
    return redirect("blocs:calendar", code, year)


@require_POST
def own_date_set(request, bloc_pk: int, year: int):
    """Set the bloc-year's own date of a milestone (its secretariat, the board)."""
    bloc_year = bloc_year_for(request, bloc_pk, year, "blocs.change_blocyear", leaders=True)
    form = OwnDateForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(m for errors in form.errors.values() for m in errors))
    else:
        try:
            services.bloc_year_date_set(bloc_year=bloc_year, **form.cleaned_data)
        except DomainError as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(request, _("The bloc's date was saved."))
    return redirect(bloc_year)
