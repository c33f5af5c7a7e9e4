from __future__ import annotations

from django.contrib import messages
from django.db.models import F
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import DetailView

from blocs import services
from blocs.forms import BlocYearSettingsForm, YearForm
from blocs.models import Bloc, BlocYear, Membership, Plan, RotationSlot
from core.access import object_for_user
from core.errors import DomainError
from core.history import history_entries
from units.selectors.provinces import provinces_with_counts


def dashboard(request):
    """Show each role its start page: provinces, the province's blocs, or the unit's years."""
    user = request.user
    if user.province_id:
        return _board_dashboard(request)
    if user.unit_id:
        return _unit_dashboard(request)
    if user.sees_every_province:
        provinces = provinces_with_counts(user)
        return render(request, "blocs/dashboard_national.html", {"provinces": provinces})
    return render(request, "blocs/dashboard_none.html")


def _board_dashboard(request):
    """The province's blocs in a chosen year, with their head, deputies and member count."""
    province = request.user.province
    years = list(
        BlocYear.objects.filter(bloc__province=province)
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )
    form = YearForm(request.GET or None)
    if form.is_valid():
        year = form.cleaned_data["year"]
    else:
        year = years[0] if years else timezone.localdate().year
    bloc_years = {
        bloc_year.bloc_id: bloc_year
        for bloc_year in BlocYear.objects.filter(bloc__province=province, year=year).with_leaders()
    }
    rows = [(bloc, bloc_years.get(bloc.pk)) for bloc in province.blocs.all()]
    context = {
        "province": province,
        "year": year,
        "years": years,
        "rows": rows,
        "form": form,
        "unopened_count": sum(1 for _bloc, bloc_year in rows if bloc_year is None),
        "can_open_years": request.user.has_perm("blocs.open_province_years", province),
    }
    template = "blocs/dashboard_board.html"
    if request.htmx:
        template += "#bloc_table"
    return render(request, template, context)


def _unit_dashboard(request):
    """The bloc-years of the user's unit, newest first, with its role in each."""
    unit = request.user.unit
    bloc_years = list(BlocYear.objects.for_user(request.user).with_leaders().order_by("-year"))
    roles = dict(Membership.objects.filter(unit=unit).values_list("bloc_year_id", "role"))
    rows = [(bloc_year, roles.get(bloc_year.pk)) for bloc_year in bloc_years]
    return render(request, "blocs/dashboard_unit.html", {"unit": unit, "rows": rows})


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


class BlocYearDetailView(DetailView):
    """A bloc-year: its members, head, deputies and the basis, its settings and history."""

    model = BlocYear
    context_object_name = "bloc_year"

    def get_object(self, queryset=None):
        return object_for_user(
            BlocYear.objects.with_leaders(),
            self.request.user,
            "blocs.view_blocyear",
            bloc_id=self.kwargs["bloc_pk"],
            year=self.kwargs["year"],
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        bloc_year = self.object
        members = (
            bloc_year.memberships.select_related("unit", "decision")
            .prefetch_related("unit__names")
            .order_by("role", "deputy_rank", "unit__short_name")
        )
        context["members"] = members
        context["quorum"] = bloc_year.quorum_needed(bloc_year.member_count)
        context["can_edit"] = self.request.user.has_perm("blocs.change_blocyear", bloc_year)
        context["history"] = history_entries(
            bloc_year.history.all(),
            Membership.history.filter(bloc_year_id=bloc_year.pk).annotate(
                history_label=F("unit__short_name")
            ),
        )
        context["state_changes"] = bloc_year.state_changes.select_related("changed_by")
        context["plan"] = Plan.objects.filter(bloc_year=bloc_year).first()
        context["other_years"] = (
            BlocYear.objects.for_user(self.request.user)
            .filter(bloc_id=bloc_year.bloc_id)
            .values_list("year", flat=True)
            .order_by("year")
        )
        return context


def blocyear_settings(request, bloc_pk: int, year: int):
    """Show and save the settings of a bloc-year (board, or the secretariat while it is open)."""
    bloc_year = object_for_user(
        BlocYear.objects.select_related("bloc"),
        request.user,
        "blocs.change_blocyear",
        bloc_id=bloc_pk,
        year=year,
    )
    form = BlocYearSettingsForm(request.POST or None, instance=bloc_year)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.bloc_year_update_settings(
                bloc_year=bloc_year,
                version=data["version"],
                **{name: data[name] for name in services.SETTINGS_FIELDS},
            )
        except DomainError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("The settings were saved."))
            return redirect(bloc_year)
    return render(request, "blocs/blocyear_form.html", {"form": form, "bloc_year": bloc_year})
