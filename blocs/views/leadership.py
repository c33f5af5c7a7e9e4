"""The leadership of a bloc-year (proposal, election, decision) and the province's leaders."""

from __future__ import annotations

from itertools import groupby

from django.contrib import messages
from django.db.models import F
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import DetailView, ListView

from blocs.forms.leadership import ConfirmProposalForm, DecisionForm, ElectionForm
from blocs.frame import bloc_year_for
from blocs.models import Bloc, BlocYear, Membership
from blocs.selectors.rotation import propose
from blocs.services.leadership import (
    leadership_assign_by_decision,
    leadership_set,
    leadership_version,
)
from core.errors import DomainError
from core.history import history_entries
from units.models import Province

FORM_PREFIXES = {"confirm_form": "confirm", "election_form": "elect", "decision_form": "decide"}


def leadership_url(bloc_year: BlocYear) -> str:
    return reverse("blocs:blocyear_leadership", args=[bloc_year.bloc_id, bloc_year.year])


class LeadershipView(DetailView):
    """A bloc-year's head and deputies with their basis, the rotation proposal beside what was
    recorded, and the forms that set them."""

    model = BlocYear
    context_object_name = "bloc_year"
    template_name = "blocs/blocyear_leadership.html"

    def get_object(self, queryset=None):
        return bloc_year_for(
            self.request,
            self.kwargs["bloc_pk"],
            self.kwargs["year"],
            "blocs.view_blocyear",
            leaders=True,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        bloc_year = self.object
        user = self.request.user
        leaders = bloc_year.leaders()
        proposal = propose(bloc=bloc_year.bloc, year=bloc_year.year)
        next_opened = BlocYear.objects.filter(
            bloc_id=bloc_year.bloc_id, year=bloc_year.year + 1
        ).exists()
        context.update(
            proposal=proposal,
            comparison=_comparison(proposal, bloc_year) if proposal else [],
            next_proposal=None
            if next_opened
            else propose(bloc=bloc_year.bloc, year=bloc_year.year + 1),
            next_opened=next_opened,
            can_set=user.has_perm("blocs.set_leadership", bloc_year),
            can_decide=user.has_perm("blocs.assign_leadership_by_decision", bloc_year),
            can_edit_rotation=user.has_perm("blocs.change_bloc", bloc_year.bloc),
            has_leaders=bool(leaders),
            history=history_entries(
                Membership.history.filter(bloc_year_id=bloc_year.pk, history_type="~").annotate(
                    history_label=F("unit__short_name")
                ),
            ),
        )
        if context["can_set"] or context["can_decide"]:
            form_kwargs = {
                "bloc_year": bloc_year,
                "members": _members(bloc_year),
                "version": leadership_version(leaders),
                "has_leaders": bool(leaders),
            }
            if context["can_set"] and proposal is not None and proposal.head is not None:
                context.setdefault(
                    "confirm_form",
                    ConfirmProposalForm(prefix="confirm", proposal=proposal, **form_kwargs),
                )
            if context["can_set"]:
                context.setdefault("election_form", ElectionForm(prefix="elect", **form_kwargs))
            if context["can_decide"]:
                context.setdefault("decision_form", DecisionForm(prefix="decide", **form_kwargs))
        return context


def _members(bloc_year: BlocYear) -> list:
    memberships = bloc_year.memberships.select_related("unit").prefetch_related("unit__names")
    return [membership.unit for membership in memberships]


def _comparison(proposal, bloc_year: BlocYear) -> list[dict]:
    """Pair each place the rule proposes with the unit recorded in it."""
    rows = [
        {
            "role": _("Head (khối trưởng)"),
            "proposed": proposal.head,
            "recorded": bloc_year.head,
        }
    ]
    recorded = bloc_year.deputies
    for rank in range(max(len(proposal.deputies), len(recorded))):
        rows.append(
            {
                "role": _("Deputy %(rank)d") % {"rank": rank + 1},
                "proposed": proposal.deputies[rank] if rank < len(proposal.deputies) else None,
                "recorded": recorded[rank] if rank < len(recorded) else None,
            }
        )
    for row in rows:
        proposed, recorded_one = row["proposed"], row["recorded"]
        row["same"] = (
            proposed is not None and recorded_one is not None and proposed.unit == recorded_one.unit
        )
        row["unknown"] = recorded_one is None and row is not rows[0] and bloc_year.deputies_unknown
    return rows


def _refused(request, bloc_year: BlocYear, **forms):
    """Show the page again with the refused form as the user filled it."""
    view = LeadershipView()
    view.setup(request, bloc_pk=bloc_year.bloc_id, year=bloc_year.year)
    view.object = bloc_year
    return view.render_to_response(view.get_context_data(**forms))


def _form(form_class, request, bloc_year: BlocYear, prefix: str, **extra):
    leaders = bloc_year.leaders()
    return form_class(
        request.POST,
        prefix=prefix,
        bloc_year=bloc_year,
        members=_members(bloc_year),
        version=leadership_version(leaders),
        has_leaders=bool(leaders),
        **extra,
    )


def _saved(request, bloc_year: BlocYear):
    messages.success(
        request,
        _("The head and deputies of %(year)d were saved.") % {"year": bloc_year.year},
    )
    return redirect(leadership_url(bloc_year))


@require_POST
def leadership_confirm(request, bloc_pk: int, year: int):
    """Make the head the rotation rule proposes head (basis: rotation), with the deputies it
    proposes (rotation) or others the conference chose (elected), or none."""
    bloc_year = bloc_year_for(request, bloc_pk, year, "blocs.set_leadership", leaders=True)
    form = _form(ConfirmProposalForm, request, bloc_year, "confirm")
    if form.is_valid():
        proposal = propose(bloc=bloc_year.bloc, year=bloc_year.year)
        head, deputies = form.proposed()
        if (
            proposal is None
            or proposal.head is None
            or [head, *deputies] != [u.pk for u in [proposal.head_unit, *proposal.deputy_units]]
        ):
            form.add_error(
                None, _("The proposal changed since you opened the page: look at it again.")
            )
        else:
            deputies = form.cleaned_data["deputy_units"]
            proposed = {unit.pk for unit in proposal.deputy_units}
            try:
                leadership_set(
                    bloc_year=bloc_year,
                    head=proposal.head_unit,
                    deputies=deputies,
                    basis=Membership.Basis.ROTATION,
                    bases={
                        unit.pk: Membership.Basis.ELECTED
                        for unit in deputies
                        if unit.pk not in proposed
                    },
                    elected_on=form.cleaned_data["agreed_on"],
                    version=form.cleaned_data["version"],
                )
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                return _saved(request, bloc_year)
    return _refused(request, bloc_year, confirm_form=form)


@require_POST
def leadership_elect(request, bloc_pk: int, year: int):
    """Record the head and deputies elected at the conference (basis: elected)."""
    bloc_year = bloc_year_for(request, bloc_pk, year, "blocs.set_leadership", leaders=True)
    form = _form(ElectionForm, request, bloc_year, "elect")
    if form.is_valid():
        data = form.cleaned_data
        try:
            leadership_set(
                bloc_year=bloc_year,
                head=data["head_unit"],
                deputies=data["deputy_units"],
                basis=Membership.Basis.ELECTED,
                elected_on=data["elected_on"],
                version=data["version"],
            )
        except DomainError as error:
            form.add_error(error.field, error.message)
        else:
            return _saved(request, bloc_year)
    return _refused(request, bloc_year, election_form=form)


@require_POST
def leadership_decide(request, bloc_pk: int, year: int):
    """Record the provincial decision that assigns the head and deputies (board only)."""
    bloc_year = bloc_year_for(
        request, bloc_pk, year, "blocs.assign_leadership_by_decision", leaders=True
    )
    form = _form(DecisionForm, request, bloc_year, "decide")
    if form.is_valid():
        data = form.cleaned_data
        try:
            leadership_assign_by_decision(
                bloc_year=bloc_year,
                number=data["number"],
                date=data["date"],
                signer=data["signer"],
                subject=data["subject"],
                head=data["head_unit"],
                deputies=data["deputy_units"],
                version=data["version"],
            )
        except DomainError as error:
            form.add_error(error.field, error.message)
        else:
            return _saved(request, bloc_year)
    return _refused(request, bloc_year, decision_form=form)


class ProvinceLeadershipView(ListView):
    """Every bloc of the province in a year with its head, deputies and their basis: what the
    board needs to draft its decision assigning them. For the board, and the national admin."""

    template_name = "blocs/blocyear_leadership_list.html"
    context_object_name = "blocs"

    def get(self, request, *args, **kwargs):
        user = request.user
        if not (user.province_id or user.sees_every_province):
            raise Http404
        return super().get(request, *args, **kwargs)

    def provinces(self):
        provinces = Province.objects.for_user(self.request.user)
        code = self.request.GET.get("province")
        if code and self.request.user.sees_every_province:
            provinces = provinces.filter(code=code)
        return provinces

    def get_queryset(self):
        return (
            Bloc.objects.filter(province__in=self.provinces())
            .select_related("province")
            .order_by("province__name", "name")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = self.kwargs["year"]
        blocs = context["blocs"]
        bloc_years = {
            bloc_year.bloc_id: bloc_year
            for bloc_year in BlocYear.objects.filter(
                bloc__in=[bloc.pk for bloc in blocs], year=year
            ).with_leaders()
        }
        rows = [(bloc, bloc_years.get(bloc.pk)) for bloc in blocs]
        context["groups"] = [
            (province, [_row(bloc, bloc_year) for bloc, bloc_year in group])
            for province, group in groupby(rows, key=lambda row: row[0].province)
        ]
        context["year"] = year
        context["decisions"] = _decisions(bloc_years.values())
        # Provinces whose blocs run that year: they can have the annex of heads and deputies.
        context["provinces_with_year"] = {
            bloc.province_id for bloc in blocs if bloc.pk in bloc_years
        }
        context["years"] = (
            BlocYear.objects.filter(bloc__province__in=self.provinces())
            .order_by("-year")
            .values_list("year", flat=True)
            .distinct()
        )
        if self.request.user.sees_every_province:
            context["province_choices"] = Province.objects.order_by("name")
            context["province_code"] = self.request.GET.get("province", "")
        return context


def _row(bloc: Bloc, bloc_year: BlocYear | None) -> dict:
    """A bloc's line: its leaders and the distinct bases they were given on."""
    if bloc_year is None:
        return {"bloc": bloc, "bloc_year": None, "bases": []}
    bases = list(dict.fromkeys(leader.basis_text() for leader in bloc_year.leaders()))
    return {"bloc": bloc, "bloc_year": bloc_year, "bases": bases}


def _decisions(bloc_years) -> list:
    """Return the provincial decisions the year's leaders were assigned by, oldest first."""
    found = {
        leader.decision_id: leader.decision
        for bloc_year in bloc_years
        for leader in bloc_year.leaders()
        if leader.decision_id
    }
    return sorted(found.values(), key=lambda decision: (decision.date, decision.number))
