"""The page of a bloc-year and its settings."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import F
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import DetailView

from blocs.forms.calendar import OwnDateForm
from blocs.forms.years import BlocYearSettingsForm
from blocs.frame import bloc_year_for
from blocs.models import BlocYear, Membership, Plan
from blocs.selectors.progress import own_dates, year_progress
from blocs.services import blocs as services
from core.errors import DomainError
from core.history import history_entries


class BlocYearDetailView(DetailView):
    """A bloc-year: its members, head, deputies and the basis, its settings and history."""

    model = BlocYear
    context_object_name = "bloc_year"

    def get_object(self, queryset=None):
        return bloc_year_for(
            self.request, self.kwargs["bloc_pk"], self.kwargs["year"], leaders=True
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
        today = timezone.localdate()
        context["progress"] = year_progress([bloc_year], today=today)[bloc_year.pk]
        if context["can_edit"]:
            context["own_date_forms"] = [
                (
                    row["entry"],
                    OwnDateForm(
                        auto_id=f"id_{row['entry'].milestone}_%s",
                        initial={
                            "milestone": row["entry"].milestone,
                            "version": row["own"].version if row["own"] else 0,
                            "due_on": row["own"].due_on if row["own"] else None,
                        },
                    ),
                )
                for row in own_dates(bloc_year)
            ]
        context["other_years"] = (
            BlocYear.objects.for_user(self.request.user)
            .filter(bloc_id=bloc_year.bloc_id)
            .values_list("year", flat=True)
            .order_by("year")
        )
        return context


def blocyear_settings(request, bloc_pk: int, year: int):
    """Show and save the settings of a bloc-year (board, or the secretariat while it is open)."""
    bloc_year = bloc_year_for(request, bloc_pk, year, "blocs.change_blocyear")
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
