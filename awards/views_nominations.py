"""Pages of the nominations: a bloc-year's, and the board's province-wide list with its actions."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from awards.forms_nominations import DecisionForm, NominationForm, ReturnForm
from awards.models import AwardType, Ballot, Nomination
from awards.services_nominations import (
    decision_record,
    nomination_create,
    nomination_return,
    nominations_from_ballot,
    nominations_submit,
)
from blocs.models import BlocYear
from units.access import object_for_user
from units.models import Province, Unit
from units.services import DomainError
from units.spreadsheets import workbook_response

WRITE = "awards.nominate"
DECIDE = "awards.decide_nominations"


def _bloc_year_for(request, bloc_pk: int, year: int, perm: str = "blocs.view_blocyear"):
    return object_for_user(
        BlocYear.objects.select_related("bloc__province"),
        request.user,
        perm,
        bloc_id=bloc_pk,
        year=year,
    )


def _form(bloc_year: BlocYear, data=None) -> NominationForm:
    return NominationForm(
        data,
        units=Unit.objects.filter(memberships__bloc_year=bloc_year).order_by("short_name"),
        award_types=AwardType.objects.filter(
            province_id=bloc_year.bloc.province_id, proposable_by_bloc=True, is_active=True
        ),
    )


def nomination_list(request, bloc_pk: int, year: int):
    """The bloc-year's nominations; the secretariat adds them here (GET shows, POST saves)."""
    bloc_year = _bloc_year_for(request, bloc_pk, year)
    can_write = request.user.has_perm(WRITE, bloc_year)
    form = _form(bloc_year, request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not can_write:
            raise PermissionDenied
        if form.is_valid():
            try:
                nomination_create(bloc_year=bloc_year, **form.cleaned_data)
            except DomainError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                messages.success(request, _("The unit is nominated."))
                return redirect("awards:nomination_list", bloc_pk, year)
    nominations = bloc_year.nominations.select_related(
        "unit", "award_type", "decided_award_type", "decision", "ballot__meeting"
    )
    ballots = Ballot.objects.filter(meeting__bloc_year=bloc_year).select_related("meeting")
    return render(
        request,
        "awards/nomination_list.html",
        {
            "bloc_year": bloc_year,
            "section": "nominations",
            "nominations": nominations,
            "ballots": ballots,
            "form": form,
            "can_write": can_write,
        },
    )


@require_POST
def nominations_from_ballot_view(request, bloc_pk: int, year: int, ballot_pk: int):
    bloc_year = _bloc_year_for(request, bloc_pk, year, WRITE)
    ballot = get_object_or_404(
        Ballot.objects.select_related("meeting__bloc_year__bloc"),
        pk=ballot_pk,
        meeting__bloc_year=bloc_year,
    )
    try:
        created = nominations_from_ballot(ballot=ballot)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("%(count)d nominations drafted.") % {"count": len(created)})
    return redirect("awards:nomination_list", bloc_pk, year)


@require_POST
def nominations_submit_view(request, bloc_pk: int, year: int):
    bloc_year = _bloc_year_for(request, bloc_pk, year, WRITE)
    try:
        count = nominations_submit(bloc_year=bloc_year)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("%(count)d nominations submitted.") % {"count": count})
    return redirect("awards:nomination_list", bloc_pk, year)


def _board_province(request):
    if not request.user.province_id:
        raise Http404
    return get_object_or_404(Province, pk=request.user.province_id)


def _filtered_nominations(request, province: Province, year: int) -> tuple[list, str, str]:
    """Return the province's nominations of a year, filtered as the page's GET asks."""
    nominations = Nomination.objects.filter(
        bloc_year__bloc__province=province, bloc_year__year=year
    ).select_related("unit", "award_type", "decided_award_type", "decision", "bloc_year__bloc")
    status = request.GET.get("status", "")
    if status in Nomination.Status.values:
        nominations = nominations.filter(status=status)
    award_type = request.GET.get("award_type", "")
    if award_type.isdigit():
        nominations = nominations.filter(award_type_id=int(award_type))
    nominations = list(nominations.order_by("bloc_year__bloc__name", "unit__short_name"))
    return nominations, status, award_type


def province_nominations_export(request, year: int):
    """Download the province's nominations of a year, as filtered on the page, to Excel."""
    province = _board_province(request)
    nominations, _status, _award_type = _filtered_nominations(request, province, year)
    header = [
        _("Bloc"),
        _("Unit"),
        _("Title or award"),
        _("Basis"),
        _("Status"),
        _("Award decided"),
        _("Decision"),
    ]
    rows = [
        [
            n.bloc_year.bloc.name,
            n.unit.name_in_year(year).full_name,
            n.award_type.name,
            _("Ballot") if n.ballot_id else n.reason,
            n.get_status_display(),
            n.decided_award_type.name if n.decided_award_type_id else "",
            f"{n.decision.number}, {n.decision.date:%d/%m/%Y}" if n.decision_id else "",
        ]
        for n in nominations
    ]
    return workbook_response(
        header, rows, f"de-nghi-khen-thuong-{province.code}-{year}.xlsx", title=str(year)
    )


def province_nominations(request, year: int):
    """Every nomination of the board's province for a year, filterable, with the decision form."""
    province = _board_province(request)
    nominations, status, award_type = _filtered_nominations(request, province, year)
    submitted = [n for n in nominations if n.status == Nomination.Status.SUBMITTED]
    form = DecisionForm(request.POST or None, nominations=submitted)
    if request.method == "POST" and form.is_valid():
        try:
            decision_record(
                province=province,
                number=form.cleaned_data["number"],
                date=form.cleaned_data["date"],
                signer=form.cleaned_data["signer"],
                outcomes=form.outcomes(),
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The decision is recorded."))
            return redirect("awards:province_nominations", year)
    return render(
        request,
        "awards/nomination_province.html",
        {
            "year": year,
            "province": province,
            "nominations": nominations,
            "submitted": submitted,
            "form": form,
            "statuses": Nomination.Status.choices,
            "award_types": AwardType.objects.filter(province=province, proposable_by_bloc=True),
            "status": status,
            "award_type": award_type,
        },
    )


@require_POST
def nomination_return_view(request, pk: int):
    nomination = object_for_user(
        Nomination.objects.select_related("bloc_year__bloc"), request.user, pk=pk
    )
    if not request.user.has_perm(DECIDE, nomination.bloc_year):
        raise PermissionDenied
    form = ReturnForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the nomination is returned."))
    else:
        try:
            nomination_return(nomination=nomination, **form.cleaned_data)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The nomination is returned to the bloc."))
    return redirect("awards:province_nominations", nomination.bloc_year.year)
