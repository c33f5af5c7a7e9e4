"""Importing a province's units from an Excel list: upload, preview, confirm."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from core.errors import DomainError
from core.forms import ImportConfirmForm, SpreadsheetUploadForm
from core.spreadsheets import rows_sign, rows_unsign, template_response
from units.models import Province
from units.services.imports import (
    UNIT_COLUMNS,
    units_import_apply,
    units_import_check,
    units_import_parse,
)
from units.views.units import province_for_adding


def _import_page(request, province: Province, *, form=None, checked=None, status: int = 200):
    context = {
        "province": province,
        "form": form or SpreadsheetUploadForm(),
        "columns": UNIT_COLUMNS,
        "checked": checked,
    }
    if checked is not None and checked.can_write:
        token = rows_sign(checked.raw(), purpose="units", user=request.user, target=province.pk)
        context["confirm_form"] = ImportConfirmForm(initial={"token": token})
    return render(request, "units/unit_import.html", context, status=status)


def units_import(request, code: str):
    """Show the upload form; on upload, check the list and preview every row (writes nothing)."""
    province = province_for_adding(request, code)
    if request.method != "POST":
        return _import_page(request, province)
    form = SpreadsheetUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _import_page(request, province, form=form)
    try:
        checked = units_import_parse(province=province, file=form.cleaned_data["file"])
    except DomainError as error:
        form.add_error("file", error.message)
        return _import_page(request, province, form=form)
    return _import_page(request, province, checked=checked)


@require_POST
def units_import_confirm(request, code: str):
    """Create the units of a previewed list, all of them or none."""
    province = province_for_adding(request, code)
    form = ImportConfirmForm(request.POST)
    try:
        if not form.is_valid():
            raise DomainError(_("The preview is missing. Upload the file again."))
        rows, _version = rows_unsign(
            form.cleaned_data["token"], purpose="units", user=request.user, target=province.pk
        )
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("units:units_import", code=province.code)
    try:
        created = units_import_apply(province=province, rows=rows)
    except DomainError as error:
        messages.error(request, error.message)
        # Show the rows as they stand now, so that the user sees what changed.
        return _import_page(
            request, province, checked=units_import_check(province=province, rows=rows)
        )
    messages.success(
        request,
        ngettext("%(n)d unit was created.", "%(n)d units were created.", len(created))
        % {"n": len(created)},
    )
    return redirect(province)


@require_safe
def units_import_template(request, code: str):
    """Send an empty Excel list with the header row that the import of units reads."""
    province_for_adding(request, code)
    return template_response(UNIT_COLUMNS, _("units.xlsx"))
