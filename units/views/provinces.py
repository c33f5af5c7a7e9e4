"""The pages of provinces: the list the user may see, and one province's blocs and units."""

from __future__ import annotations

from django.views.generic import DetailView, ListView

from core.access import object_for_user
from units.models import Province, Unit
from units.selectors.provinces import provinces_with_counts


class ProvinceListView(ListView):
    """The provinces the user may see, with how many blocs and units each has."""

    model = Province

    def get_queryset(self):
        return provinces_with_counts(self.request.user)


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
        context["units"] = (
            Unit.objects.filter(province=province)
            .select_related("merged_into")
            .order_by("merged_into", "short_name")
        )
        context["can_add_unit"] = self.request.user.has_perm("units.add_unit", province)
        return context
