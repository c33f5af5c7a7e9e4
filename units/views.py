from __future__ import annotations

from django.contrib import messages
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView

from units import services
from units.access import object_for_user
from units.forms import UnitForm
from units.models import Province, Unit


class ProvinceListView(ListView):
    """The provinces the user may see, with how many blocs and units each has."""

    model = Province

    def get_queryset(self):
        return Province.objects.for_user(self.request.user).annotate(
            bloc_count=Count("blocs", distinct=True), unit_count=Count("units", distinct=True)
        )


class ProvinceDetailView(DetailView):
    """A province: its blocs and its units."""

    model = Province
    slug_field = "code"
    slug_url_kwarg = "code"

    def get_object(self, queryset=None):
        return object_for_user(
            Province.objects.all(),
            self.request.user,
            "units.view_province",
            code=self.kwargs["code"],
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        province = self.object
        context["blocs"] = province.blocs.annotate(year_count=Count("years"))
        context["units"] = (
            Unit.objects.filter(province=province)
            .select_related("merged_into")
            .order_by("merged_into", "short_name")
        )
        return context


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
        # A peer's page shows only the bloc-years the viewer may see.
        memberships = list(
            unit.memberships.for_user(self.request.user)
            .select_related("bloc_year__bloc", "decision")
            .order_by("-year")
        )
        context["memberships"] = memberships
        context["led"] = [m for m in memberships if m.is_leader]
        context["former_names"] = list(unit.names.all())
        context["merged_units"] = unit.merged_units.all()
        context["can_edit"] = self.request.user.has_perm("units.change_unit", unit)
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
        except services.DomainError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("The unit was saved."))
            return redirect(unit)
    return render(request, "units/unit_form.html", {"form": form, "unit": unit})
