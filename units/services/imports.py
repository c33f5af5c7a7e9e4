"""Importing a province's units from an Excel list: check every row, then write them all."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from core.errors import DomainError
from core.spreadsheets import CheckedImport, CheckedRow, Column, Row, errors_message, read_table
from core.text import text_key
from units.models import Province, Unit
from units.services.units import UNIT_EDITABLE_FIELDS, unit_create

# The columns of the list are the unit's own fields, headed by their labels.
UNIT_COLUMNS = tuple(
    Column(name, capfirst(Unit._meta.get_field(name).verbose_name)) for name in UNIT_EDITABLE_FIELDS
)


def units_import_check(*, province: Province, rows: list[Row]) -> CheckedImport:
    """Check each row: a new unit (written), one the province has (left out), or an error."""
    known = {
        text_key(full_name): short_name
        for full_name, short_name in province.units.values_list("full_name", "short_name")
    }
    seen: dict[str, int] = {}
    checked = []
    for number, cells in rows:
        row = CheckedRow(number=number, cells=cells)
        checked.append(row)
        if not any(cells):
            row.status, row.message = CheckedRow.SKIPPED, _("Empty row.")
            continue
        fields = {column.key: value for column, value in zip(UNIT_COLUMNS, cells, strict=True)}
        key = text_key(fields["full_name"])
        if not fields["short_name"] or not fields["full_name"]:
            row.status = CheckedRow.ERROR
            row.message = _("The short name and the full name are required.")
        elif key in seen:
            row.status = CheckedRow.ERROR
            row.message = _("The same unit as row %(n)d.") % {"n": seen[key]}
        elif key in known:
            row.status = CheckedRow.SKIPPED
            row.message = _("The province already has this unit: left out.")
        else:
            unit = Unit(province=province, **fields)
            try:
                # Uniqueness was checked above against the names loaded in one query.
                unit.full_clean(validate_constraints=False)
            except ValidationError as error:
                row.status = CheckedRow.ERROR
                row.message = " ".join(
                    f"{capfirst(Unit._meta.get_field(name).verbose_name)}: {' '.join(messages)}"
                    if name in fields
                    else " ".join(messages)
                    for name, messages in error.message_dict.items()
                )
            else:
                row.target = unit
        if key:
            seen.setdefault(key, number)
    return CheckedImport(checked)


def units_import_parse(*, province: Province, file) -> CheckedImport:
    """Read an uploaded list of units and check every row; nothing is written."""
    return units_import_check(province=province, rows=read_table(file, UNIT_COLUMNS))


@transaction.atomic
def units_import_apply(*, province: Province, rows: list[Row]) -> list[Unit]:
    """Create the units of a previewed list, all or none, checking the rows again first."""
    checked = units_import_check(province=province, rows=rows)
    if checked.errors:
        raise DomainError(errors_message(len(checked.errors)))
    if not checked.to_write:
        raise DomainError(_("The list holds no unit that the province does not have yet."))
    return [
        unit_create(
            province=province,
            **{column.key: value for column, value in zip(UNIT_COLUMNS, row.cells, strict=True)},
        )
        for row in checked.to_write
    ]
