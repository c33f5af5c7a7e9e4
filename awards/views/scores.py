from __future__ import annotations

from django.contrib import messages
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import DetailView

from awards.forms.scores import CriterionEditForm, CriterionForm, ScoreSheetForm
from awards.models import Criterion, Score
from awards.selectors.scores import normal_max_total, score_totals
from awards.services import scores as services
from blocs.frame import bloc_year_for
from blocs.models import BlocYear, Membership
from core.access import object_for_user
from core.errors import DomainError
from core.spreadsheets import workbook_response

SHEETS = {
    "self": ("self_score", "awards.enter_self_score"),
    "bloc": ("bloc_score", "awards.enter_bloc_score"),
}


def _criteria(bloc_year: BlocYear) -> list[Criterion]:
    """Return the criteria in sheet order: each section followed by its criteria."""
    every = list(Criterion.objects.filter(bloc_year=bloc_year))
    sections = sorted((c for c in every if c.parent_id is None), key=lambda c: c.position)
    ordered = []
    for section in sections:
        ordered.append(section)
        ordered.extend(
            sorted((c for c in every if c.parent_id == section.pk), key=lambda c: c.position)
        )
    return ordered


def _criterion_rows(criteria: list[Criterion], scored: set[int]) -> list[tuple]:
    """Return (criterion, first among its siblings, last, may be removed) in sheet order."""
    siblings: dict[int | None, list[int]] = {}
    for criterion in criteria:
        siblings.setdefault(criterion.parent_id, []).append(criterion.pk)
    parents = {c.parent_id for c in criteria if c.parent_id}
    return [
        (
            criterion,
            siblings[criterion.parent_id][0] == criterion.pk,
            siblings[criterion.parent_id][-1] == criterion.pk,
            criterion.pk not in scored and criterion.pk not in parents,
        )
        for criterion in criteria
    ]


def scores_context(request, bloc_year: BlocYear, *, criterion_form=None) -> dict:
    criteria = _criteria(bloc_year)
    members = list(
        bloc_year.memberships.select_related("unit").prefetch_related(
            "unit__names", Prefetch("scores", Score.objects.all())
        )
    )
    rows = score_totals(criteria=criteria, memberships=members)
    user = request.user
    may_bloc = user.has_perm("awards.enter_bloc_scores", bloc_year)
    own = next((m for m in members if m.unit_id == user.unit_id), None)
    may_self_own = own is not None and user.has_perm("awards.enter_self_score", own)
    can_change = user.has_perm("awards.change_criteria", bloc_year)
    if can_change and criterion_form is None:
        criterion_form = CriterionForm(bloc_year=bloc_year)
    normal_total = normal_max_total(criteria)
    scored = {
        score.criterion_id
        for row in rows
        for score in row.scores.values()
        if score.self_score is not None or score.bloc_score is not None
    }
    return {
        "criterion_rows": _criterion_rows(criteria, scored),
        "bloc_year": bloc_year,
        "criteria": criteria,
        "rows": [(row, may_bloc, may_self_own and row.membership == own) for row in rows],
        "can_bloc": may_bloc,
        "can_change_criteria": can_change,
        "criterion_form": criterion_form if can_change else None,
        "normal_total": normal_total,
        "scale_mismatch": bool(criteria) and normal_total != bloc_year.score_scale,
    }


class ScoreListView(DetailView):
    """The criteria of a bloc-year, each unit's totals and the ranking by the bloc's score."""

    model = BlocYear
    context_object_name = "bloc_year"
    template_name = "awards/score_list.html"

    def get_object(self, queryset=None):
        return bloc_year_for(
            self.request, self.kwargs["bloc_pk"], self.kwargs["year"], "blocs.view_blocyear"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(scores_context(self.request, self.object))
        return context


@require_POST
def criterion_add(request, bloc_pk: int, year: int):
    """Add a section or a criterion to the bloc-year's score sheet."""
    bloc_year = bloc_year_for(request, bloc_pk, year, "awards.change_criteria")
    form = CriterionForm(request.POST, bloc_year=bloc_year)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.criterion_create(
                bloc_year=bloc_year,
                parent=data["parent"],
                title=data["title"],
                max_points=data["max_points"],
                kind=data["kind"],
            )
        except DomainError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("The criterion was added."))
            return redirect("awards:score_list", bloc_pk, year)
    context = scores_context(request, bloc_year, criterion_form=form)
    return render(request, "awards/score_list.html", context, status=200)


def _criterion_for(request, bloc_pk: int, year: int, pk: int) -> tuple[BlocYear, Criterion]:
    bloc_year = bloc_year_for(request, bloc_pk, year, "awards.change_criteria")
    criterion = get_object_or_404(
        Criterion.objects.select_related("parent"), pk=pk, bloc_year=bloc_year
    )
    return bloc_year, criterion


def criterion_edit(request, bloc_pk: int, year: int, pk: int):
    """Change a section's or criterion's title, max points and kind."""
    bloc_year, criterion = _criterion_for(request, bloc_pk, year, pk)
    form = CriterionEditForm(
        request.POST or None,
        criterion=criterion,
        fingerprint=services.criterion_fingerprint(criterion),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.criterion_update(
                criterion=criterion,
                title=data["title"],
                max_points=data["max_points"],
                kind=data["kind"],
                fingerprint=data["fingerprint"],
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("The criterion was saved."))
            return redirect("awards:score_list", bloc_pk, year)
    context = {"bloc_year": bloc_year, "criterion": criterion, "form": form}
    return render(request, "awards/score_criterion_form.html", context)


@require_POST
def criterion_move(request, bloc_pk: int, year: int, pk: int):
    """Move a section or criterion one place up or down."""
    _bloc_year, criterion = _criterion_for(request, bloc_pk, year, pk)
    try:
        services.criterion_move(criterion=criterion, up=request.POST.get("direction") == "up")
    except DomainError as error:
        messages.error(request, error.message)
    return redirect(reverse("awards:score_list", args=[bloc_pk, year]) + "#criteria")


@require_POST
def criterion_delete(request, bloc_pk: int, year: int, pk: int):
    """Remove a criterion nobody has scored, once the user confirms on the page this shows."""
    bloc_year, criterion = _criterion_for(request, bloc_pk, year, pk)
    if "confirm" not in request.POST:
        context = {"bloc_year": bloc_year, "criterion": criterion}
        return render(request, "awards/score_criterion_confirm_delete.html", context)
    try:
        services.criterion_delete(criterion=criterion)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("“%(title)s” was removed.") % {"title": criterion.title})
    return redirect(reverse("awards:score_list", args=[bloc_pk, year]) + "#criteria")


@require_POST
def criteria_copy(request, bloc_pk: int, year: int):
    """Copy the criteria of the latest earlier year into this one."""
    bloc_year = bloc_year_for(request, bloc_pk, year, "awards.change_criteria")
    try:
        count = services.criteria_copy_from_previous(bloc_year=bloc_year)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("%(count)d criteria were copied.") % {"count": count})
    return redirect("awards:score_list", bloc_pk, year)


def score_sheet(request, bloc_pk: int, year: int, unit_pk: int, which: str):
    """Show and save one unit's self-scores (its staff) or bloc scores (the secretariat)."""
    field, perm = SHEETS[which]
    membership = object_for_user(
        Membership.objects.select_related("bloc_year__bloc__province", "unit"),
        request.user,
        perm,
        bloc_year__bloc_id=bloc_pk,
        bloc_year__year=year,
        unit_id=unit_pk,
    )
    bloc_year = membership.bloc_year
    criteria = _criteria(bloc_year)
    scores = {s.criterion_id: s for s in membership.scores.all()}
    form = ScoreSheetForm(
        request.POST or None,
        criteria=criteria,
        scores=scores,
        which=field,
        fingerprint=services.sheet_fingerprint(scores, field),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.scores_save(
                membership=membership,
                which=field,
                values=form.values(),
                fingerprint=form.cleaned_data["fingerprint"],
            )
        except DomainError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("The scores were saved."))
            return redirect("awards:score_list", bloc_pk, year)
    context = {
        "bloc_year": bloc_year,
        "membership": membership,
        "form": form,
        "which": which,
    }
    return render(request, "awards/score_sheet.html", context)


def score_export(request, bloc_pk: int, year: int):
    """Download the score sheet: each unit's bloc score per criterion, totals and rank."""
    bloc_year = bloc_year_for(request, bloc_pk, year, "blocs.view_blocyear")
    context = scores_context(request, bloc_year)
    criteria = [c for c in context["criteria"] if c.parent_id]
    header = (
        [_("Rank"), _("Unit")]
        + [c.title for c in criteria]
        + [_("Self-score total"), _("Bloc score total")]
    )
    rows = [["", _("Max points")] + [float(c.max_points) for c in criteria]]
    for row, _may_bloc, _may_self in context["rows"]:
        scores = [row.scores.get(c.pk) for c in criteria]
        rows.append(
            [row.rank, row.membership.unit.name_in_year(year).short_name]
            + [
                float(s.bloc_score) if s is not None and s.bloc_score is not None else None
                for s in scores
            ]
            + [float(row.self_total), float(row.bloc_total)]
        )
    return workbook_response(header, rows, f"scores-{bloc_year.bloc_id}-{year}.xlsx", title=year)
