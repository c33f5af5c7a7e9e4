"""The pages of provinces: the list the user may see, and one province's blocs and units."""

from __future__ import annotations

import rules
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView

from core.access import object_for_user
from core.errors import DomainError
from units.forms.units import ProvinceTermsForm
from units.models import Province, Unit
from units.selectors.provinces import provinces_with_counts
from units.services.units import province_terms_set


class ProvinceListView(ListView):
    """The provinces the user may see, with how many blocs and units each has."""

    model = Province

    def get_queryset(self):
        return provinces_with_counts(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The rule alone: no object, so the model permissions (two queries) have no say.
        context["can_open_province"] = rules.has_perm("units.open_province", self.request.user)
        return context


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
        context["can_manage_accounts"] = self.request.user.has_perm(
            "units.manage_accounts", province
        )
        context["can_set_terms"] = self.request.user.has_perm(
            "units.change_province_terms", province
        )
        return context


def province_terms(request, code: str):
    """Set what the province calls a bloc's head and deputies (its board)."""
    province = object_for_user(
        Province.objects.all(), request.user, "units.change_province_terms", code=code
    )
    form = ProvinceTermsForm(request.POST or None, instance=province)
    if request.method == "POST" and form.is_valid():
        try:
            province_terms_set(province=province, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The titles of the blocs' leaders were saved."))
            return redirect(province)
    return render(request, "units/province_terms.html", {"province": province, "form": form})
