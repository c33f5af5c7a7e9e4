from __future__ import annotations

from django.contrib import messages
from django.db.models import Count, F
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe
from django.views.generic import DetailView, ListView

from core.access import object_for_user
from core.errors import DomainError
from core.forms import ImportConfirmForm, SpreadsheetUploadForm
from core.history import history_entries
from core.spreadsheets import rows_sign, rows_unsign, template_response
from units import services
from units.forms import UnitCreateForm, UnitForm
from units.imports import UNIT_COLUMNS, units_import_apply, units_import_check, units_import_parse
from units.models import Province, Unit, UnitName


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
        context["can_add_unit"] = self.request.user.has_perm("units.add_unit", province)
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
        context["history"] = history_entries(
            unit.history.all(),
            UnitName.history.filter(unit_id=unit.pk).annotate(history_label=F("short_name")),
        )
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
        except DomainError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("The unit was saved."))
            return redirect(unit)
    return render(request, "units/unit_form.html", {"form": form, "unit": unit})


def _province_for_adding(request, code: str) -> Province:
    return object_for_user(Province.objects.all(), request.user, "units.add_unit", code=code)


def unit_create(request, code: str):
    """Show and save the form of a new unit of the province (its board staff)."""
    province = _province_for_adding(request, code)
    form = UnitCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            unit = services.unit_create(
                province=province, **{name: data[name] for name in services.UNIT_EDITABLE_FIELDS}
            )
        except DomainError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("The unit was created."))
            return redirect(unit)
    return render(request, "units/unit_form.html", {"form": form, "province": province})


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
    province = _province_for_adding(request, code)
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
    province = _province_for_adding(request, code)
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
    _province_for_adding(request, code)
    return template_response(UNIT_COLUMNS, _("units.xlsx"))
