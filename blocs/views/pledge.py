"""The pledge page of a bloc-year: header, items, signatures, history; and its actions."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count, F
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import DetailView

from blocs.forms.pledge import (
    PledgeForm,
    PledgeItemFormSet,
    PledgeSignatureForm,
    SignatureRowFormSet,
    table_helper,
)
from blocs.frame import bloc_year_for
from blocs.models import BlocYear, Membership, Pledge, PledgeItem, PledgeSignature
from blocs.services import pledge as services
from core.access import object_for_user
from core.errors import DomainError
from core.forms import VersionForm
from core.history import history_entries


def _membership(request, bloc_pk: int, year: int, membership_pk: int) -> Membership:
    """Load a member unit whose signature the user may enter (404 outside, 403 another's)."""
    return object_for_user(
        Membership.objects.select_related("unit", "bloc_year__bloc"),
        request.user,
        "blocs.sign_pledge",
        pk=membership_pk,
        bloc_year__bloc_id=bloc_pk,
        bloc_year__year=year,
    )


def pledge_history(pledge: Pledge) -> list:
    """Return the changes of the pledge, its items and its signatures."""
    return history_entries(
        Pledge.history.filter(id=pledge.pk),
        PledgeItem.history.filter(pledge_id=pledge.pk).annotate(history_label=F("position")),
        PledgeSignature.history.filter(pledge_id=pledge.pk).annotate(
            history_label=F("membership__unit__short_name")
        ),
    )


class PledgeDetailView(DetailView):
    """The year's pledge: its contents and targets, and which member units signed it."""

    model = BlocYear
    context_object_name = "bloc_year"
    template_name = "blocs/pledge_detail.html"

    def get_object(self, queryset=None):
        return bloc_year_for(
            self.request,
            self.kwargs["bloc_pk"],
            self.kwargs["year"],
            leaders=True,
            related=("pledge",),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        bloc_year, user = self.object, self.request.user
        pledge = getattr(bloc_year, "pledge", None)
        memberships = (
            bloc_year.memberships.select_related("unit", "pledge_signature")
            .prefetch_related("unit__names")
            .order_by("role", "deputy_rank", "unit__short_name")
        )
        rows = [
            {
                "membership": membership,
                "signature": getattr(membership, "pledge_signature", None),
                "can_sign": pledge is not None and user.has_perm("blocs.sign_pledge", membership),
            }
            for membership in memberships
        ]
        unsigned = [row["membership"] for row in rows if row["signature"] is None]
        can_edit = user.has_perm("blocs.change_blocyear", bloc_year)
        items = list(pledge.items.all()) if pledge else []
        context.update(
            pledge=pledge,
            items=items,
            rows=rows,
            unsigned=unsigned,
            signed_count=len(rows) - len(unsigned),
            can_edit=can_edit,
            previous=self._previous(bloc_year) if can_edit and pledge and not items else None,
            history=pledge_history(pledge) if pledge else [],
        )
        return context

    @staticmethod
    def _previous(bloc_year: BlocYear) -> Pledge | None:
        """Return the pledge of the year before with its item count, when it has items."""
        return (
            Pledge.objects.filter(
                bloc_year__bloc_id=bloc_year.bloc_id, bloc_year__year=bloc_year.year - 1
            )
            .annotate(item_count=Count("items"))
            .filter(item_count__gt=0)
            .first()
        )


def pledge_edit(request, bloc_pk: int, year: int):
    """Show and save the pledge's header (the board, or the secretariat while the year is open)."""
    bloc_year = bloc_year_for(request, bloc_pk, year, "blocs.change_blocyear")
    pledge = Pledge.objects.filter(bloc_year=bloc_year).first()
    if pledge is None:
        pledge = Pledge(
            bloc_year=bloc_year,
            title=_("Emulation pledge of %(year)d") % {"year": bloc_year.year},
        )
    form = PledgeForm(request.POST or None, instance=pledge)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.pledge_save(
                bloc_year=bloc_year,
                version=data["version"],
                title=data["title"],
                preamble=data["preamble"],
                signed_on=data["signed_on"],
                place=data["place"],
            )
        except DomainError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("The pledge was saved."))
            return redirect("blocs:pledge_detail", bloc_pk, year)
    return render(request, "blocs/pledge_form.html", {"form": form, "bloc_year": bloc_year})


def pledge_items(request, bloc_pk: int, year: int):
    """Show and save the pledge's items: add, edit, renumber, take out."""
    bloc_year = bloc_year_for(request, bloc_pk, year, "blocs.change_blocyear")
    pledge = get_object_or_404(Pledge, bloc_year=bloc_year)
    initial = [
        {"id": item.pk, "content": item.content, "target": item.target}
        for item in pledge.items.all()
    ]
    formset = PledgeItemFormSet(request.POST or None, initial=initial, prefix="items")
    version_form = VersionForm(request.POST or None, initial={"version": pledge.version})
    error = None
    if request.method == "POST" and formset.is_valid() and version_form.is_valid():
        try:
            services.pledge_items_save(
                pledge=pledge, version=version_form.cleaned_data["version"], items=formset.rows()
            )
        except DomainError as refusal:
            error = refusal.message
        else:
            messages.success(request, _("The items of the pledge were saved."))
            return redirect("blocs:pledge_detail", bloc_pk, year)
    context = {
        "bloc_year": bloc_year,
        "pledge": pledge,
        "formset": formset,
        "helper": table_helper(),
        "version_form": version_form,
        "error": error,
    }
    return render(request, "blocs/pledgeitem_form.html", context)


@require_POST
def pledge_items_copy(request, bloc_pk: int, year: int):
    """Give a pledge without items the items of the year before."""
    bloc_year = bloc_year_for(request, bloc_pk, year, "blocs.change_blocyear")
    pledge = get_object_or_404(Pledge, bloc_year=bloc_year)
    version_form = VersionForm(request.POST)
    try:
        if not version_form.is_valid():
            raise DomainError(_("The form was incomplete; reload the page and try again."))
        pledge = services.pledge_items_copy(
            pledge=pledge, version=version_form.cleaned_data["version"]
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("The items of the pledge of %(year)d were copied; edit them as needed.")
            % {"year": year - 1},
        )
    return redirect("blocs:pledge_detail", bloc_pk, year)


def pledge_sign(request, bloc_pk: int, year: int, membership_pk: int):
    """Show and save a member unit's signature (its own staff, the secretariat, the board)."""
    membership = _membership(request, bloc_pk, year, membership_pk)
    pledge = get_object_or_404(Pledge, bloc_year_id=membership.bloc_year_id)
    signature = PledgeSignature.objects.filter(membership=membership).first()
    if signature is None:
        unit = membership.unit
        signature = PledgeSignature(
            pledge=pledge,
            membership=membership,
            signatory_name=unit.leader_name,
            signatory_title=unit.leader_title,
            signed_on=pledge.signed_on,
        )
    form = PledgeSignatureForm(request.POST or None, instance=signature)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.pledge_sign(
                pledge=pledge,
                membership=membership,
                signatory_name=data["signatory_name"],
                signatory_title=data["signatory_title"],
                signed_on=data["signed_on"],
                version=data["version"],
            )
        except DomainError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(
                request, _("The signature of %(unit)s was saved.") % {"unit": membership.unit}
            )
            return redirect("blocs:pledge_detail", bloc_pk, year)
    context = {
        "form": form,
        "bloc_year": membership.bloc_year,
        "membership": membership,
        "pledge": pledge,
        "signed": signature.pk is not None,
    }
    return render(request, "blocs/pledgesignature_form.html", context)


def pledge_signatures(request, bloc_pk: int, year: int):
    """Enter the signatures of all the member units on one form (the secretariat, the board):
    the ticked rows that changed are recorded, all or none."""
    bloc_year = bloc_year_for(request, bloc_pk, year, "blocs.change_blocyear")
    pledge = get_object_or_404(Pledge, bloc_year=bloc_year)
    memberships = list(
        bloc_year.memberships.select_related("unit", "pledge_signature").prefetch_related(
            "unit__names"
        )
    )
    initial = []
    for membership in memberships:
        signature = getattr(membership, "pledge_signature", None)
        unit = membership.unit
        initial.append(
            {
                "membership": membership.pk,
                "version": signature.version if signature else 0,
                "signed": signature is not None,
                "signatory_name": signature.signatory_name if signature else unit.leader_name,
                "signatory_title": signature.signatory_title if signature else unit.leader_title,
                "signed_on": signature.signed_on if signature else pledge.signed_on,
            }
        )
    formset = SignatureRowFormSet(request.POST or None, initial=initial, prefix="signatures")
    error = None
    if request.method == "POST" and formset.is_valid():
        rows = [
            form.cleaned_data
            for form in formset.forms
            if form.cleaned_data.get("signed") and form.has_changed()
        ]
        try:
            saved = services.pledge_signatures_save(pledge=pledge, rows=rows)
        except DomainError as refusal:
            error = refusal.message
        else:
            messages.success(
                request, _("%(n)d signatures were recorded or corrected.") % {"n": saved}
            )
            return redirect("blocs:pledge_detail", bloc_pk, year)
    by_pk = {membership.pk: membership for membership in memberships}
    rows = [(form, by_pk.get(form.initial.get("membership"))) for form in formset.forms]
    context = {
        "bloc_year": bloc_year,
        "pledge": pledge,
        "formset": formset,
        "rows": rows,
        "error": error,
    }
    return render(request, "blocs/pledgesignatures_form.html", context)


@require_POST
def pledge_signature_remove(request, bloc_pk: int, year: int, membership_pk: int):
    """Withdraw a member unit's signature of the pledge."""
    membership = _membership(request, bloc_pk, year, membership_pk)
    try:
        services.pledge_signature_remove(membership=membership)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("The signature of %(unit)s was removed.") % {"unit": membership.unit}
        )
    return redirect("blocs:pledge_detail", bloc_pk, year)
