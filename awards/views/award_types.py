"""The pages of a province's award types (its board)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import ListView

from awards.forms.award_types import AwardTypeForm
from awards.models import AwardType
from awards.services import award_types as services
from core.access import object_for_user
from core.errors import DomainError
from core.history import history_entries
from units.models import Province


def _managed_province(request) -> Province:
    """Return the province whose award types the user manages: 403 for all but its board."""
    province = request.user.province if request.user.province_id else None
    if not request.user.has_perm("awards.manage_award_types", province):
        raise PermissionDenied
    return province


def _award_type_for(request, pk: int) -> AwardType:
    return object_for_user(
        AwardType.objects.select_related("province"),
        request.user,
        "awards.change_awardtype",
        pk=pk,
    )


class AwardTypeListView(ListView):
    """The award types of the board's province, in their order, with how often each is used."""

    model = AwardType

    def get_queryset(self):
        self.province = _managed_province(self.request)
        # Meta.ordering is not applied to a grouped query: order it here.
        return (
            AwardType.objects.filter(province=self.province)
            .annotate(registration_count=Count("registrations"))
            .order_by("position", "name")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["province"] = self.province
        context["missing_standard"] = services.standard_award_types_missing(
            province=self.province, existing=[t.name for t in context["object_list"]]
        )
        return context


def awardtype_create(request):
    """Show and save a new award type of the board's province."""
    province = _managed_province(request)
    form = AwardTypeForm(request.POST or None, instance=AwardType(province=province))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            award_type = services.award_type_create(
                province=province,
                **{name: data[name] for name in services.AWARD_TYPE_EDITABLE_FIELDS},
            )
        except DomainError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("“%(name)s” was added.") % {"name": award_type.name})
            return redirect("awards:awardtype_list")
    return render(request, "awards/awardtype_form.html", {"form": form, "province": province})


def awardtype_edit(request, pk: int):
    """Show and save an award type (board of its province), with its history."""
    award_type = _award_type_for(request, pk)
    form = AwardTypeForm(request.POST or None, instance=award_type)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.award_type_update(
                award_type=award_type,
                version=data["version"],
                **{name: data[name] for name in services.AWARD_TYPE_EDITABLE_FIELDS},
            )
        except DomainError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("The award type was saved."))
            return redirect("awards:awardtype_list")
    context = {
        "form": form,
        "award_type": award_type,
        "province": award_type.province,
        "history": history_entries(award_type.history.all()),
    }
    return render(request, "awards/awardtype_form.html", context)


@require_POST
def awardtype_deactivate(request, pk: int):
    """Retire an award type: it can no longer be registered for."""
    award_type = _award_type_for(request, pk)
    try:
        services.award_type_deactivate(award_type=award_type)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("“%(name)s” is retired.") % {"name": award_type.name})
    return redirect("awards:awardtype_list")


@require_POST
def awardtype_reactivate(request, pk: int):
    """Put a retired award type back in use."""
    award_type = _award_type_for(request, pk)
    try:
        services.award_type_reactivate(award_type=award_type)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("“%(name)s” is in use again.") % {"name": award_type.name})
    return redirect("awards:awardtype_list")


@require_POST
def awardtype_add_standard(request):
    """Add the standard award types the board's province does not have yet."""
    province = _managed_province(request)
    created = services.award_types_ensure_defaults(province=province)
    if created:
        messages.success(
            request,
            _("Added: %(names)s.") % {"names": ", ".join(t.name for t in created)},
        )
    else:
        messages.info(request, _("The province already has every standard award type."))
    return redirect("awards:awardtype_list")
