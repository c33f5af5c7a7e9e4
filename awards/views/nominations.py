"""Pages of the nominations: a bloc-year's, and the board's province-wide list with its actions."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from awards.forms.nominations import (
    DecisionForm,
    DeleteForm,
    NominationEditForm,
    NominationForm,
    ReturnForm,
)
from awards.models import AwardType, Ballot, Nomination
from awards.selectors.facts import nomination_facts, unit_facts
from awards.selectors.regulations import regulation_box
from awards.services.nominations import (
    decision_record,
    nomination_create,
    nomination_delete,
    nomination_return,
    nomination_update,
    nominations_from_ballot,
)
from blocs.frame import bloc_year_for
from blocs.models import BlocYear
from core.access import object_for_user
from core.errors import DomainError
from core.spreadsheets import workbook_response
from units.models import Province, Unit

WRITE = "awards.nominate"
DECIDE = "awards.decide_nominations"


def _award_types(bloc_year: BlocYear):
    return AwardType.objects.filter(
        province_id=bloc_year.bloc.province_id, proposable_by_bloc=True, is_active=True
    )


def _list_url(bloc_year: BlocYear) -> str:
    return reverse("awards:nomination_list", args=[bloc_year.bloc_id, bloc_year.year])


def _form(bloc_year: BlocYear, data=None) -> NominationForm:
    return NominationForm(
        data,
        units=Unit.objects.filter(memberships__bloc_year=bloc_year).order_by("short_name"),
        award_types=_award_types(bloc_year),
        year=bloc_year.year,
        facts_url=_list_url(bloc_year),
    )


def _facts_fragment(request, bloc_year: BlocYear):
    """Render the facts of the unit (and award) chosen on the nomination form, for htmx."""
    unit_id = request.GET.get("unit", "")
    facts = None
    if unit_id.isdigit() and bloc_year.memberships.filter(unit_id=int(unit_id)).exists():
        award_type_id = request.GET.get("award_type", "")
        award_type = (
            _award_types(bloc_year).filter(pk=int(award_type_id)).first()
            if award_type_id.isdigit()
            else None
        )
        facts = unit_facts(bloc_year, [int(unit_id)])[int(unit_id)].about(award_type)
    return render(
        request,
        "awards/nomination_list.html#nomination_facts",
        {"bloc_year": bloc_year, "form_facts": facts},
    )


def nomination_list(request, bloc_pk: int, year: int):
    """The bloc-year's nominations; the secretariat adds them here (GET shows, POST saves).

    Each nominee is shown with the facts that bear on it; so is the unit chosen on the form
    (an htmx GET with `unit` renders only those facts).
    """
    bloc_year = bloc_year_for(request, bloc_pk, year)
    if request.method == "GET" and request.htmx and "unit" in request.GET:
        return _facts_fragment(request, bloc_year)
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
    nominations = list(
        bloc_year.nominations.select_related(
            "unit", "award_type", "decided_award_type", "decision", "ballot__meeting", "report"
        ).prefetch_related("unit__names")
    )
    # The unit chosen on a refused form (a valid choice: a member) keeps its facts beside it.
    cleaned = getattr(form, "cleaned_data", {})
    chosen = cleaned.get("unit")
    facts = unit_facts(
        bloc_year, {n.unit_id for n in nominations} | ({chosen.pk} if chosen else set())
    )
    for nomination in nominations:
        nomination.facts = facts[nomination.unit_id].about(nomination.award_type)
    form_facts = facts[chosen.pk].about(cleaned.get("award_type")) if chosen else None
    ballots = Ballot.objects.filter(meeting__bloc_year=bloc_year).select_related("meeting")
    box = regulation_box(bloc_year)
    return render(
        request,
        "awards/nomination_list.html",
        {
            "bloc_year": bloc_year,
            "section": "nominations",
            "nominations": nominations,
            "ballots": ballots,
            "form": form,
            "form_facts": form_facts,
            "without_ballot_allowed": box.rules.nomination_without_ballot,
            "regulation_box": box,
            "can_write": can_write,
        },
    )


def _nomination_for(request, pk: int) -> Nomination:
    return object_for_user(
        Nomination.objects.select_related(
            "bloc_year__bloc__province", "unit", "award_type", "ballot__meeting"
        ),
        request.user,
        "awards.change_nomination",
        pk=pk,
    )


def nomination_edit(request, pk: int):
    """Change a draft or returned nomination: its award (not one from a ballot) and reason."""
    nomination = _nomination_for(request, pk)
    bloc_year = nomination.bloc_year
    if not nomination.is_editable:
        messages.error(request, _("A submitted nomination can no longer be changed."))
        return redirect("awards:nomination_list", bloc_year.bloc_id, bloc_year.year)
    form = NominationEditForm(
        request.POST or None,
        nomination=nomination,
        award_types=_award_types(bloc_year),
        facts_url=_list_url(bloc_year),
    )
    if request.method == "POST" and form.is_valid():
        try:
            nomination_update(nomination=nomination, **form.cleaned_data)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("The nomination was saved."))
            return redirect("awards:nomination_list", bloc_year.bloc_id, bloc_year.year)
    award_type = getattr(form, "cleaned_data", {}).get("award_type")
    facts = unit_facts(bloc_year, [nomination.unit_id])[nomination.unit_id]
    return render(
        request,
        "awards/nomination_form.html",
        {
            "bloc_year": bloc_year,
            "section": "nominations",
            "nomination": nomination,
            "form": form,
            "form_facts": facts.about(award_type or nomination.award_type),
        },
    )


@require_POST
def nomination_delete_view(request, pk: int):
    """Remove a draft or returned nomination, once the user confirms on the page this shows."""
    nomination = _nomination_for(request, pk)
    bloc_year = nomination.bloc_year
    form = DeleteForm(request.POST)
    if "confirm" in request.POST and form.is_valid():
        try:
            nomination_delete(nomination=nomination, version=form.cleaned_data["version"])
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("The nomination of %(unit)s was removed.")
                % {"unit": nomination.unit.name_in_year(bloc_year.year).short_name},
            )
        return redirect("awards:nomination_list", bloc_year.bloc_id, bloc_year.year)
    context = {"bloc_year": bloc_year, "section": "nominations", "nomination": nomination}
    if "confirm" in request.POST:
        context["form"] = form  # sent without the version the page gave it
    return render(request, "awards/nomination_confirm_delete.html", context)


@require_POST
def nominations_from_ballot_view(request, bloc_pk: int, year: int, ballot_pk: int):
    bloc_year = bloc_year_for(request, bloc_pk, year, WRITE)
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


def _board_province(request):
    if not request.user.province_id:
        raise Http404
    return get_object_or_404(Province, pk=request.user.province_id)


def _filtered_nominations(request, province: Province, year: int) -> tuple[list, str, str]:
    """Return the province's nominations of a year, filtered as the page's GET asks."""
    nominations = Nomination.objects.filter(
        bloc_year__bloc__province=province, bloc_year__year=year
    ).select_related("unit", "award_type", "decided_award_type", "decision", "bloc_year__bloc")
    nominations = nominations.prefetch_related("unit__names").annotate(
        signed_reports=Count("report_files")
    )
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
    facts = nomination_facts(nominations)
    for nomination in nominations:
        nomination.facts = facts[nomination.pk]
    submitted = [n for n in nominations if n.status == Nomination.Status.SUBMITTED]
    form = DecisionForm(request.POST or None, nominations=submitted)
    if request.method == "POST" and form.is_valid():
        try:
            decision_record(
                province=province,
                number=form.cleaned_data["number"],
                date=form.cleaned_data["date"],
                signer=form.cleaned_data["signer"],
                note=form.cleaned_data["note"],
                outcomes=form.outcomes(),
                user=request.user,
            )
        except DomainError as error:
            form.add_error(error.field, error.message)
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
