"""The pages of a unit: its details and history, its form, and a new unit of a province."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import F
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.generic import DetailView

from core.access import object_for_user
from core.errors import DomainError
from core.history import history_entries
from units.forms.units import UnitCreateForm, UnitForm
from units.models import Province, Unit, UnitName
from units.services import units as services


class UnitDetailView(DetailView):
    """A unit: its bloc each year, the years it led, its names over time."""

    model = Unit

    def get_object(self, queryset=None):
        return object_for_user(
            Unit.objects.select_related("province", "merged_into"),
            self.request.user,
            "units.view_unit",
            pk=self.kwargs["pk"],
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        unit = self.object
        context["former_names"] = list(unit.names.all())
        context["merged_units"] = unit.merged_units.all()
        context["can_edit"] = self.request.user.has_perm("units.change_unit", unit)
        context["history"] = history_entries(
            unit.history.all(),
            UnitName.history.filter(unit_id=unit.pk).annotate(history_label=F("short_name")),
        )
        return context


def unit_edit(request, pk: int):
    """Show and save a unit's details (board staff of its province)."""
    unit = object_for_user(
        Unit.objects.select_related("province"), request.user, "units.change_unit", pk=pk
    )
    form = UnitForm(request.POST or None, instance=unit)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.unit_update(
                unit=unit,
                version=data["version"],
                renamed_on=data["renamed_on"],
                rename_basis=data["rename_basis"],
                **{name: data[name] for name in services.UNIT_EDITABLE_FIELDS},
            )
        except DomainError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("The unit was saved."))
            return redirect(unit)
    return render(request, "units/unit_form.html", {"form": form, "unit": unit})


def province_for_adding(request, code: str) -> Province:
    """Load a province the user may add units to (404 outside, 403 without the right)."""
    return object_for_user(Province.objects.all(), request.user, "units.add_unit", code=code)


def unit_create(request, code: str):
    """Show and save the form of a new unit of the province (its board staff)."""
    province = province_for_adding(request, code)
    form = UnitCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            unit = services.unit_create(
                province=province, **{name: data[name] for name in services.UNIT_EDITABLE_FIELDS}
            )
        except DomainError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("The unit was created."))
            return redirect(unit)
    return render(request, "units/unit_form.html", {"form": form, "province": province})
