"""Pages of a ballot round's counting committee and its vote-count record."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from awards.forms.counters import CounterForm, committee_formset, committee_helper
from awards.models import Ballot, BallotCounter
from awards.services.counters import committee_save, counter_add, counter_delete, counter_update
from blocs.frame import bloc_year_for
from blocs.models import BlocYear
from core.errors import DomainError
from units.models import Unit

WRITE = "awards.change_ballot_counters"


def _ballot_for(bloc_year: BlocYear, pk: int) -> Ballot:
    ballot = get_object_or_404(
        Ballot.objects.select_related("meeting"), pk=pk, meeting__bloc_year=bloc_year
    )
    ballot.meeting.bloc_year = bloc_year
    return ballot


def _counter_for(ballot: Ballot, pk: int) -> BallotCounter:
    counter = get_object_or_404(BallotCounter.objects.select_related("unit"), pk=pk, ballot=ballot)
    counter.ballot = ballot
    return counter


def _units(bloc_year: BlocYear):
    return Unit.objects.filter(memberships__bloc_year=bloc_year).order_by("short_name")


def _list_url(ballot: Ballot) -> str:
    bloc_year = ballot.meeting.bloc_year
    return reverse("awards:counter_list", args=[bloc_year.bloc_id, bloc_year.year, ballot.pk])


def _add_form(ballot: Ballot, data=None, *, has_head: bool = False) -> CounterForm:
    """The form to add a member; it proposes the head while the committee has none."""
    bloc_year = ballot.meeting.bloc_year
    role = BallotCounter.Role.MEMBER if has_head else BallotCounter.Role.HEAD
    return CounterForm(
        data,
        units=_units(bloc_year),
        year=bloc_year.year,
        action=reverse("awards:counter_add", args=[bloc_year.bloc_id, bloc_year.year, ballot.pk]),
        submit_label=_("Add"),
        initial={"role": role, "version": 0},
    )


def _render_list(request, bloc_year: BlocYear, ballot: Ballot, form=None):
    counters = list(
        ballot.counters.select_related("unit").prefetch_related("unit__names").order_by("position")
    )
    has_head = any(c.role == BallotCounter.Role.HEAD for c in counters)
    can_write = request.user.has_perm(WRITE, bloc_year)
    if can_write and form is None:
        form = _add_form(ballot, has_head=has_head)
    return render(
        request,
        "awards/counter_list.html",
        {
            "bloc_year": bloc_year,
            "section": "ballots",
            "ballot": ballot,
            "counters": counters,
            "has_head": has_head,
            "form": form if can_write else None,
            "can_write": can_write,
        },
    )


@require_GET
def counter_list(request, bloc_pk: int, year: int, ballot_pk: int):
    """A round's counting committee, the form to add a member, and its vote-count record."""
    bloc_year = bloc_year_for(request, bloc_pk, year, leaders=True)
    return _render_list(request, bloc_year, _ballot_for(bloc_year, ballot_pk))


@require_POST
def counter_add_view(request, bloc_pk: int, year: int, ballot_pk: int):
    """Add the head or a member to the committee; a refusal keeps what was typed."""
    bloc_year = bloc_year_for(request, bloc_pk, year, WRITE, leaders=True)
    ballot = _ballot_for(bloc_year, ballot_pk)
    form = _add_form(ballot, request.POST)
    if form.is_valid():
        try:
            data = {name: value for name, value in form.cleaned_data.items() if name != "version"}
            counter_add(ballot=ballot, **data)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("The member of the counting committee was added."))
            return redirect(_list_url(ballot))
    return _render_list(request, bloc_year, ballot, form)


def counter_edit(request, bloc_pk: int, year: int, ballot_pk: int, pk: int):
    """Correct a member of the committee (GET shows the form, POST saves)."""
    bloc_year = bloc_year_for(request, bloc_pk, year, WRITE, leaders=True)
    ballot = _ballot_for(bloc_year, ballot_pk)
    counter = _counter_for(ballot, pk)
    form = CounterForm(
        request.POST or None,
        units=_units(bloc_year),
        year=bloc_year.year,
        action="",
        submit_label=_("Save"),
        initial={
            "role": counter.role,
            "name": counter.name,
            "title": counter.title,
            "unit": counter.unit_id,
            "version": counter.version,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            counter_update(counter=counter, **form.cleaned_data)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("The member of the counting committee was saved."))
            return redirect(_list_url(ballot))
    return render(
        request,
        "awards/counter_form.html",
        {
            "bloc_year": bloc_year,
            "section": "ballots",
            "ballot": ballot,
            "counter": counter,
            "form": form,
        },
    )


@require_POST
def counter_delete_view(request, bloc_pk: int, year: int, ballot_pk: int, pk: int):
    """Remove a member from the committee."""
    bloc_year = bloc_year_for(request, bloc_pk, year, WRITE, leaders=True)
    ballot = _ballot_for(bloc_year, ballot_pk)
    counter = _counter_for(ballot, pk)
    try:
        counter_delete(counter=counter)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("%(name)s was removed from the counting committee.") % {"name": counter.name},
        )
    return redirect(_list_url(ballot))


def committee_edit(request, bloc_pk: int, year: int, ballot_pk: int):
    """The whole counting committee of a round on one form: add, correct, reorder, take out."""
    bloc_year = bloc_year_for(request, bloc_pk, year, WRITE, leaders=True)
    ballot = _ballot_for(bloc_year, ballot_pk)
    counters = list(ballot.counters.order_by("position"))
    formset = committee_formset(
        request.POST or None, counters=counters, units=_units(bloc_year), year=bloc_year.year
    )
    error = None
    if request.method == "POST" and formset.is_valid():
        try:
            committee_save(ballot=ballot, rows=formset.rows())
        except DomainError as refusal:
            error = refusal.message
        else:
            messages.success(request, _("The counting committee was saved."))
            return redirect(_list_url(ballot))
    context = {
        "bloc_year": bloc_year,
        "section": "ballots",
        "ballot": ballot,
        "formset": formset,
        "helper": committee_helper,
        "error": error,
    }
    return render(request, "awards/counter_committee.html", context)
