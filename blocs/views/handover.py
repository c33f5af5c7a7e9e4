"""The handover page of a bloc-year, its record form, and the board's closing and reopening."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import F
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import DetailView

from blocs.forms.handover import HandoverForm, HandoverItemFormSet, ReasonForm
from blocs.forms.pledge import table_helper
from blocs.frame import bloc_year_for
from blocs.models import BlocYear, Handover, HandoverItem
from blocs.services import handover as services
from blocs.services import year_state
from core.errors import DomainError
from core.history import history_entries


def _next_year(bloc_year: BlocYear) -> BlocYear | None:
    """Return the bloc's next year with its leaders, when it is open already."""
    return (
        BlocYear.objects.filter(bloc_id=bloc_year.bloc_id, year=bloc_year.year + 1)
        .with_leaders()
        .first()
    )


def handover_context(request, bloc_year: BlocYear, reason_form: ReasonForm | None = None) -> dict:
    """Return what the handover page shows: the record, the state and its changes, history."""
    user = request.user
    handover = (
        Handover.objects.filter(bloc_year=bloc_year)
        .select_related("from_unit", "to_unit", "recorded_by")
        .prefetch_related("items", "from_unit__names", "to_unit__names")
        .first()
    )
    can_change_state = user.has_perm("blocs.change_blocyear_state", bloc_year)
    if reason_form is None and can_change_state:
        reason_form = ReasonForm(required=not bloc_year.is_open)
    history = []
    if handover is not None:
        history = history_entries(
            Handover.history.filter(id=handover.pk),
            HandoverItem.history.filter(handover_id=handover.pk).annotate(
                history_label=F("position")
            ),
        )
    return {
        "bloc_year": bloc_year,
        "handover": handover,
        "next_year": _next_year(bloc_year),
        "state_changes": bloc_year.state_changes.select_related("changed_by"),
        "can_record": user.has_perm("blocs.record_handover", bloc_year),
        "can_change_state": can_change_state,
        "reason_form": reason_form,
        "history": history,
    }


class HandoverDetailView(DetailView):
    """The year's handover from its head to the next one, and the year's state."""

    model = BlocYear
    context_object_name = "bloc_year"
    template_name = "blocs/handover_detail.html"

    def get_object(self, queryset=None):
        return bloc_year_for(
            self.request,
            self.kwargs["bloc_pk"],
            self.kwargs["year"],
            "blocs.view_blocyear",
            leaders=True,
            related=("handover",),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(handover_context(self.request, self.object))
        return context


def _defaults(bloc_year: BlocYear) -> Handover:
    """Return a new handover from this year's head to the next year's, when they are known."""
    handover = Handover(bloc_year=bloc_year)
    if bloc_year.head is not None:
        unit = bloc_year.head.unit
        handover.from_unit = unit
        handover.from_representative = unit.leader_name
        handover.from_representative_title = unit.leader_title
    following = _next_year(bloc_year)
    if following is not None and following.head is not None:
        unit = following.head.unit
        handover.to_unit = unit
        handover.to_representative = unit.leader_name
        handover.to_representative_title = unit.leader_title
    return handover


def handover_record(request, bloc_pk: int, year: int):
    """Show and save the handover; saving it closes the year."""
    bloc_year = bloc_year_for(
        request, bloc_pk, year, "blocs.record_handover", leaders=True, related=("handover",)
    )
    handover = getattr(bloc_year, "handover", None) or _defaults(bloc_year)
    initial = [
        {
            "id": item.pk,
            "description": item.description,
            "quantity": item.quantity,
            "note": item.note,
        }
        for item in (handover.items.all() if handover.pk else [])
    ]
    form = HandoverForm(request.POST or None, instance=handover, bloc_year=bloc_year)
    formset = HandoverItemFormSet(request.POST or None, initial=initial, prefix="items")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        data = form.cleaned_data
        try:
            services.handover_record(
                bloc_year=bloc_year, user=request.user, items=formset.rows(), **data
            )
        except DomainError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("The handover was recorded and the year is now closed."))
            return redirect("blocs:handover_detail", bloc_pk, year)
    context = {
        "bloc_year": bloc_year,
        "form": form,
        "formset": formset,
        "helper": table_helper(),
        "correcting": handover.pk is not None,
    }
    return render(request, "blocs/handover_form.html", context)


def _change_state(request, bloc_pk: int, year: int, service, *, reason_required: bool, done: str):
    bloc_year = bloc_year_for(
        request, bloc_pk, year, "blocs.change_blocyear_state", leaders=True, related=("handover",)
    )
    form = ReasonForm(request.POST, required=reason_required)
    if form.is_valid():
        try:
            service(bloc_year=bloc_year, user=request.user, reason=form.cleaned_data["reason"])
        except DomainError as error:
            form.add_error("reason" if error.field else None, error.message)
        else:
            messages.success(request, done)
            return redirect("blocs:handover_detail", bloc_pk, year)
    context = handover_context(request, bloc_year, reason_form=form)
    return render(request, "blocs/handover_detail.html", context)


@require_POST
def blocyear_reopen(request, bloc_pk: int, year: int):
    """Reopen a closed year, for a reason that is kept (the board)."""
    return _change_state(
        request,
        bloc_pk,
        year,
        year_state.bloc_year_reopen,
        reason_required=True,
        done=_("The year was reopened."),
    )


@require_POST
def blocyear_close(request, bloc_pk: int, year: int):
    """Close an open year (the board)."""
    return _change_state(
        request,
        bloc_pk,
        year,
        year_state.bloc_year_close,
        reason_required=False,
        done=_("The year was closed."),
    )
