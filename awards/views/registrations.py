"""The titles the member units of a bloc-year register for, and registering one."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Prefetch, Value
from django.db.models.functions import Concat
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import DetailView

from awards.forms.registrations import RegistrationForm
from awards.models import AwardType, Registration
from awards.rules import members_user_may_register
from awards.services import registrations as services
from blocs.frame import bloc_year_for
from blocs.models import BlocYear, Membership
from core.access import object_for_user
from core.errors import DomainError
from core.history import history_entries


def registrations_context(request, bloc_year: BlocYear, *, form=None, form_membership=None):
    """Return what the registrations page shows: every member with its registrations."""
    registrations = Registration.objects.select_related("award_type")
    members = list(
        bloc_year.memberships.select_related("unit")
        .prefetch_related("unit__names", Prefetch("registrations", registrations))
        .order_by("role", "deputy_rank", "unit__short_name")
    )
    may_register = members_user_may_register(request.user, bloc_year, members)
    if form is None:
        form_membership = _membership_for_form(request, members, may_register)
        if form_membership is not None:
            form = RegistrationForm(membership=form_membership)
    by_award: dict[AwardType, int] = {}
    for membership in members:
        for registration in membership.registrations.all():
            by_award[registration.award_type] = by_award.get(registration.award_type, 0) + 1
    history = history_entries(
        Registration.history.filter(membership__bloc_year=bloc_year).annotate(
            history_label=Concat("membership__unit__short_name", Value(" — "), "award_type__name")
        )
    )
    return {
        "bloc_year": bloc_year,
        # Absolute, so that the links also work on the page a refused POST renders.
        "page_url": reverse("awards:registration_list", args=[bloc_year.bloc_id, bloc_year.year]),
        "rows": [(membership, membership.pk in may_register) for membership in members],
        "registered_count": sum(1 for m in members if m.registrations.all()),
        "by_award": sorted(by_award.items(), key=lambda item: (item[0].position, item[0].name)),
        "can_register": bool(may_register),
        "form": form,
        "form_membership": form_membership,
        "history": history,
    }


def _membership_for_form(request, members, may_register) -> Membership | None:
    """Return the member the form is for: the one asked for, or the only one the user may."""
    allowed = [m for m in members if m.pk in may_register]
    wanted = request.GET.get("unit")
    if wanted and wanted.isdigit():
        chosen = next((m for m in allowed if m.unit_id == int(wanted)), None)
        if chosen is not None:
            return chosen
    return allowed[0] if len(allowed) == 1 else None


class RegistrationListView(DetailView):
    """The titles each member unit of a bloc-year registered for, and who has not registered."""

    model = BlocYear
    context_object_name = "bloc_year"
    template_name = "awards/registration_list.html"

    def get_object(self, queryset=None):
        return bloc_year_for(self.request, self.kwargs["bloc_pk"], self.kwargs["year"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(registrations_context(self.request, self.object))
        return context

    def get_template_names(self):
        if self.request.htmx:
            return [f"{self.template_name}#registration_form"]
        return [self.template_name]


@require_POST
def registration_add(request, bloc_pk: int, year: int, unit_pk: int):
    """Register a title for a member unit (its own staff, the secretariat, the board)."""
    membership = object_for_user(
        Membership.objects.select_related("bloc_year__bloc__province", "unit"),
        request.user,
        "awards.add_registration",
        bloc_year__bloc_id=bloc_pk,
        bloc_year__year=year,
        unit_id=unit_pk,
    )
    bloc_year = membership.bloc_year
    form = RegistrationForm(request.POST, membership=membership)
    if form.is_valid():
        data = form.cleaned_data
        try:
            registration = services.registration_create(
                bloc_year=bloc_year,
                unit=membership.unit,
                award_type=data["award_type"],
                registered_on=data["registered_on"],
                document_number=data["document_number"],
                note=data["note"],
            )
        except DomainError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(
                request,
                _("%(unit)s registered for “%(award)s”.")
                % {
                    "unit": membership.unit.name_in_year(bloc_year.year).short_name,
                    "award": registration.award_type.name,
                },
            )
            return redirect(registration)
    context = registrations_context(request, bloc_year, form=form, form_membership=membership)
    return render(request, "awards/registration_list.html", context)


@require_POST
def registration_delete(request, pk: int):
    """Withdraw a registration (whoever may enter that unit's registrations)."""
    registration = object_for_user(
        Registration.objects.select_related(
            "membership__bloc_year__bloc", "membership__unit", "award_type"
        ),
        request.user,
        "awards.delete_registration",
        pk=pk,
    )
    membership = registration.membership
    message = _("The registration of %(unit)s for “%(award)s” was withdrawn.") % {
        "unit": membership.unit.name_in_year(membership.bloc_year.year).short_name,
        "award": registration.award_type.name,
    }
    url = registration.get_absolute_url()
    services.registration_delete(registration=registration)
    messages.success(request, message)
    return redirect(url)
