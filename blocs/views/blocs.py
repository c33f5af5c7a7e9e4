"""The page of a bloc, its creation and its details (board); its rotation order has its own page."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import F
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.generic import DetailView

from blocs.forms.blocs import BLOC_EDITABLE_FIELDS, BlocForm
from blocs.models import Bloc, BlocYear, RotationSlot
from blocs.services.blocs import bloc_create as bloc_create_service
from blocs.services.blocs import bloc_update
from core.access import object_for_user
from core.errors import DomainError
from core.history import history_entries
from units.models import Province


def bloc_create(request, code: str):
    """Show and save the form of a new bloc of the province."""
    province = object_for_user(Province.objects.all(), request.user, "blocs.add_bloc", code=code)
    form = BlocForm(request.POST or None, province=province)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            bloc = bloc_create_service(
                province=province, **{name: data[name] for name in BLOC_EDITABLE_FIELDS}
            )
        except DomainError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("The bloc was created. Open its first year next."))
            return redirect(bloc)
    return render(request, "blocs/bloc_form.html", {"form": form, "province": province})


def bloc_edit(request, pk: int):
    """Show and save a bloc's name, kind, document symbol and description."""
    bloc = object_for_user(
        Bloc.objects.select_related("province"), request.user, "blocs.change_bloc", pk=pk
    )
    saved_name = bloc.name  # the form writes what is typed onto the instance
    form = BlocForm(request.POST or None, instance=bloc, province=bloc.province)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            bloc_update(
                bloc=bloc,
                version=data["version"],
                **{name: data[name] for name in BLOC_EDITABLE_FIELDS},
            )
        except DomainError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("The bloc was saved."))
            return redirect(bloc)
    return render(
        request,
        "blocs/bloc_form.html",
        {"form": form, "province": bloc.province, "bloc": bloc, "saved_name": saved_name},
    )


class BlocDetailView(DetailView):
    """A bloc: its rotation order and its years with their leaders."""

    model = Bloc

    def get_object(self, queryset=None):
        return object_for_user(
            Bloc.objects.select_related("province"),
            self.request.user,
            "blocs.view_bloc",
            pk=self.kwargs["pk"],
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        bloc = self.object
        context["rotation"] = bloc.rotation_slots.select_related("unit")
        context["bloc_years"] = (
            BlocYear.objects.for_user(self.request.user).filter(bloc=bloc).with_leaders()
        )
        context["can_edit"] = self.request.user.has_perm("blocs.change_bloc", bloc)
        # The year the board's "open year" button offers; the page lists these years anyway,
        # so reading them here costs no query.
        context["next_year"] = max((by.year + 1 for by in context["bloc_years"]), default=None)
        context["history"] = history_entries(
            bloc.history.all(),
            RotationSlot.history.filter(bloc_id=bloc.pk).annotate(
                history_label=F("unit__short_name")
            ),
        )
        return context
