"""A bloc-year's member list: read by whoever sees the year, changed by the board alone."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import F
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from blocs.forms.members import MemberAddForm, MembersVersionForm
from blocs.frame import bloc_year_for
from blocs.models import BlocYear, Membership
from blocs.services.imports import (
    MEMBER_COLUMNS,
    members_import_apply,
    members_import_check,
    members_import_parse,
)
from blocs.services.members import member_add, member_remove
from core.errors import DomainError
from core.forms import ImportConfirmForm, SpreadsheetUploadForm
from core.history import history_entries
from core.spreadsheets import rows_sign, rows_unsign, template_response


def _members_page(request, bloc_year: BlocYear, *, add_form=None, status: int = 200):
    """Render the member list; a refused add form comes back with what the user chose."""
    can_change = request.user.has_perm("blocs.change_members", bloc_year)
    members = (
        bloc_year.memberships.select_related("unit")
        .prefetch_related("unit__names")
        .order_by("role", "deputy_rank", "unit__short_name")
    )
    if can_change and add_form is None:
        add_form = MemberAddForm(bloc_year=bloc_year)
    context = {
        "bloc_year": bloc_year,
        "members": members,
        "can_change": can_change,
        "add_form": add_form,
        "history": history_entries(
            Membership.history.filter(bloc_year_id=bloc_year.pk).annotate(
                history_label=F("unit__short_name")
            )
        ),
    }
    return render(request, "blocs/membership_list.html", context, status=status)


@require_safe
def member_list(request, bloc_pk: int, year: int):
    """List the members of the year, with the names they had that year."""
    bloc_year = bloc_year_for(request, bloc_pk, year, "blocs.view_blocyear")
    return _members_page(request, bloc_year)


@require_POST
def member_add_view(request, bloc_pk: int, year: int):
    """Add a unit of the province to the year's members."""
    bloc_year = bloc_year_for(request, bloc_pk, year, "blocs.change_members")
    form = MemberAddForm(request.POST, bloc_year=bloc_year)
    if not form.is_valid():
        return _members_page(request, bloc_year, add_form=form)
    unit = form.cleaned_data["unit"]
    try:
        member_add(
            bloc_year=bloc_year, unit=unit, members_version=form.cleaned_data["members_version"]
        )
    except DomainError as error:
        bloc_year.refresh_from_db()
        # The list as it is now, and the form with the user's choice and the current version.
        form = MemberAddForm(
            {"unit": unit.pk, "members_version": bloc_year.members_version}, bloc_year=bloc_year
        )
        form.is_valid()
        form.add_error(None, error.message)
        return _members_page(request, bloc_year, add_form=form)
    messages.success(
        request,
        _("%(unit)s was added to the members of %(year)d.") % {"unit": unit, "year": year},
    )
    return redirect("blocs:members", bloc_pk=bloc_pk, year=year)


@require_POST
def member_remove_view(request, bloc_pk: int, year: int, membership_pk: int):
    """Take a plain member off the year's list."""
    bloc_year = bloc_year_for(request, bloc_pk, year, "blocs.change_members")
    membership = get_object_or_404(bloc_year.memberships.select_related("unit"), pk=membership_pk)
    form = MembersVersionForm(request.POST)
    try:
        if not form.is_valid():
            raise DomainError(_("The form is incomplete. Reload the page and try again."))
        member_remove(membership=membership, members_version=form.cleaned_data["members_version"])
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("%(unit)s was removed from the members of %(year)d.")
            % {"unit": membership.unit, "year": year},
        )
    return redirect("blocs:members", bloc_pk=bloc_pk, year=year)


def _import_page(request, bloc_year: BlocYear, *, form=None, checked=None):
    context = {
        "bloc_year": bloc_year,
        "form": form or SpreadsheetUploadForm(),
        "columns": MEMBER_COLUMNS,
        "checked": checked,
    }
    if checked is not None and checked.can_write:
        token = rows_sign(
            checked.raw(),
            purpose="members",
            user=request.user,
            target=bloc_year.pk,
            version=bloc_year.members_version,
        )
        context["confirm_form"] = ImportConfirmForm(initial={"token": token})
    return render(request, "blocs/membership_import.html", context)


def members_import(request, bloc_pk: int, year: int):
    """Show the upload form; on upload, check the list and preview every row (writes nothing)."""
    bloc_year = bloc_year_for(request, bloc_pk, year, "blocs.change_members")
    if request.method != "POST":
        return _import_page(request, bloc_year)
    form = SpreadsheetUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _import_page(request, bloc_year, form=form)
    try:
        checked = members_import_parse(bloc_year=bloc_year, file=form.cleaned_data["file"])
    except DomainError as error:
        form.add_error("file", error.message)
        return _import_page(request, bloc_year, form=form)
    return _import_page(request, bloc_year, checked=checked)


@require_POST
def members_import_confirm(request, bloc_pk: int, year: int):
    """Add the units of a previewed list, all of them or none."""
    bloc_year = bloc_year_for(request, bloc_pk, year, "blocs.change_members")
    form = ImportConfirmForm(request.POST)
    try:
        if not form.is_valid():
            raise DomainError(_("The preview is missing. Upload the file again."))
        rows, version = rows_unsign(
            form.cleaned_data["token"], purpose="members", user=request.user, target=bloc_year.pk
        )
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("blocs:members_import", bloc_pk=bloc_pk, year=year)
    try:
        added = members_import_apply(bloc_year=bloc_year, rows=rows, members_version=version)
    except DomainError as error:
        messages.error(request, error.message)
        # The rows checked against the list as it is now, to be confirmed afresh.
        bloc_year.refresh_from_db()
        checked = members_import_check(bloc_year=bloc_year, rows=rows)
        return _import_page(request, bloc_year, checked=checked)
    messages.success(
        request,
        ngettext(
            "%(n)d unit was added to the members.",
            "%(n)d units were added to the members.",
            len(added),
        )
        % {"n": len(added)},
    )
    return redirect("blocs:members", bloc_pk=bloc_pk, year=year)


@require_safe
def members_import_template(request, bloc_pk: int, year: int):
    """Send an empty Excel list with the header row that the import of members reads."""
    bloc_year_for(request, bloc_pk, year, "blocs.change_members")
    return template_response(MEMBER_COLUMNS, _("members.xlsx"))
