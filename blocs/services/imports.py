"""Importing a bloc-year's member list from an Excel list of unit names or abbreviations."""

from __future__ import annotations

from collections import defaultdict

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from blocs.models import BlocYear, Membership
from blocs.services.members import member_add, members_bump, members_lock
from core.errors import DomainError
from core.spreadsheets import CheckedImport, CheckedRow, Column, Row, errors_message, read_table
from core.text import text_key
from units.models import Unit, UnitName

MEMBER_COLUMNS = (Column("unit", gettext_lazy("Unit (full name or abbreviation)")),)


def _units_by_name(province_id: int) -> dict[str, set[Unit]]:
    """Return the province's units under each of their names, former names included."""
    units = {
        unit.pk: unit
        for unit in Unit.objects.filter(province_id=province_id).select_related("merged_into")
    }
    index: dict[str, set[Unit]] = defaultdict(set)
    for unit in units.values():
        for name in (unit.full_name, unit.short_name, unit.abbreviation):
            if name:
                index[text_key(name)].add(unit)
    for former in UnitName.objects.filter(unit__province_id=province_id).only(
        "unit_id", "full_name", "short_name", "abbreviation"
    ):
        for name in (former.full_name, former.short_name, former.abbreviation):
            if name:
                index[text_key(name)].add(units[former.unit_id])
    return index


def members_import_check(*, bloc_year: BlocYear, rows: list[Row]) -> CheckedImport:
    """Check each row: a unit to add, one already a member (left out), or an error."""
    index = _units_by_name(bloc_year.bloc.province_id)
    blocs_of_year = {
        membership.unit_id: membership.bloc_year
        for membership in Membership.objects.filter(
            year=bloc_year.year, unit__province_id=bloc_year.bloc.province_id
        ).select_related("bloc_year__bloc")
    }
    seen: dict[int, int] = {}
    checked = []
    for number, cells in rows:
        row = CheckedRow(number=number, cells=cells)
        checked.append(row)
        (name,) = cells
        if not name:
            row.status, row.message = CheckedRow.SKIPPED, _("Empty row.")
            continue
        found = index.get(text_key(name), set())
        active = [unit for unit in found if unit.merged_into_id is None]
        if len(active) > 1:
            row.status = CheckedRow.ERROR
            row.message = _("“%(name)s” names several units: %(units)s. Write the full name.") % {
                "name": name,
                "units": ", ".join(sorted(unit.full_name for unit in active)),
            }
            continue
        if not active:
            row.status = CheckedRow.ERROR
            if found:
                unit = next(iter(found))
                row.message = _(
                    "%(unit)s was merged into %(other)s; it can no longer join a bloc."
                ) % {"unit": unit, "other": unit.merged_into}
            else:
                row.message = _("No unit of the province is named “%(name)s”.") % {"name": name}
            continue
        unit = row.target = active[0]
        other = blocs_of_year.get(unit.pk)
        if unit.pk in seen:
            row.status = CheckedRow.ERROR
            row.message = _("The same unit as row %(n)d.") % {"n": seen[unit.pk]}
        elif other is not None and other.pk == bloc_year.pk:
            row.status = CheckedRow.SKIPPED
            row.message = _("%(unit)s is already a member: left out.") % {"unit": unit}
        elif other is not None:
            row.status = CheckedRow.ERROR
            row.message = _("%(unit)s is already a member of %(bloc)s in %(year)d.") % {
                "unit": unit,
                "bloc": other.bloc,
                "year": bloc_year.year,
            }
        seen.setdefault(unit.pk, number)
    return CheckedImport(checked)


def members_import_parse(*, bloc_year: BlocYear, file) -> CheckedImport:
    """Read an uploaded member list and check every row; nothing is written."""
    return members_import_check(bloc_year=bloc_year, rows=read_table(file, MEMBER_COLUMNS))


@transaction.atomic
def members_import_apply(
    *, bloc_year: BlocYear, rows: list[Row], members_version: int
) -> list[Membership]:
    """Add the units of a previewed list, all or none, if the member list has not changed."""
    bloc_year = members_lock(bloc_year=bloc_year, members_version=members_version)
    checked = members_import_check(bloc_year=bloc_year, rows=rows)
    if checked.errors:
        raise DomainError(errors_message(len(checked.errors)))
    if not checked.to_write:
        raise DomainError(_("The list holds no unit that is not a member yet."))
    added = [member_add(bloc_year=bloc_year, unit=row.target) for row in checked.to_write]
    members_bump(bloc_year)
    return added
