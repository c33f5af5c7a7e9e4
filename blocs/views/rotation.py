"""Editing a bloc's rotation order (board)."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import F, Max
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from blocs.forms.rotation import RotationAddForm, RotationChangeForm, RotationOrderForm
from blocs.models import Bloc, Membership, RotationSlot
from blocs.services.rotation import rotation_set
from core.access import object_for_user
from core.errors import DomainError
from core.history import history_entries


def _bloc(request, pk: int) -> Bloc:
    return object_for_user(
        Bloc.objects.select_related("province"), request.user, "blocs.change_bloc", pk=pk
    )


def _order(bloc: Bloc) -> list:
    return [slot.unit for slot in bloc.rotation_slots.select_related("unit")]


@require_safe
def bloc_rotation(request, pk: int):
    """Show the rotation order with the moves the board can make, and when each unit last led."""
    bloc = _bloc(request, pk)
    return _page(request, bloc, _order(bloc))


def _page(
    request,
    bloc: Bloc,
    order: list,
    *,
    refused: RotationChangeForm | None = None,
    order_form: RotationOrderForm | None = None,
):
    last_led = dict(
        Membership.objects.filter(bloc_year__bloc=bloc)
        .exclude(role=Membership.Role.MEMBER)
        .values("unit_id")
        .annotate(last=Max("year"))
        .values_list("unit_id", "last")
    )
    add_form = RotationAddForm(
        refused.data if refused is not None and refused.data.get("op") == "add" else None,
        bloc=bloc,
        order=order,
    )
    context = {
        "bloc": bloc,
        "rows": [(unit, last_led.get(unit.pk)) for unit in order],
        "add_form": add_form,
        "refused": refused,
        "order_form": order_form or RotationOrderForm(bloc=bloc, order=order),
        "history": history_entries(
            bloc.history.all(),
            RotationSlot.history.filter(bloc_id=bloc.pk).annotate(
                history_label=F("unit__short_name")
            ),
        ),
    }
    return render(request, "blocs/bloc_rotation.html", context)


@require_POST
def bloc_rotation_change(request, pk: int):
    """Move a unit up or down the order, remove it, or add one at the end."""
    return _save_order(request, pk, RotationChangeForm, "refused")


@require_POST
def bloc_rotation_order(request, pk: int):
    """Set the whole rotation order at once from the numbers typed on one form."""
    return _save_order(request, pk, RotationOrderForm, "order_form")


def _save_order(request, pk: int, form_class, page_argument: str):
    """Save the order a form of the page gives, or show the page again with the form refused."""
    bloc = _bloc(request, pk)
    order = _order(bloc)
    form = form_class(request.POST, bloc=bloc, order=order)
    if form.is_valid():
        data = form.cleaned_data
        try:
            rotation_set(bloc=bloc, units=data["new_order"], version=data["version"])
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The rotation order was saved."))
            return redirect(reverse("blocs:bloc_rotation", args=[bloc.pk]))
    return _page(request, bloc, order, **{page_argument: form})
