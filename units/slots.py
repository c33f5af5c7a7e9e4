"""The slots of units' pages that higher apps fill (core.slots)."""

from __future__ import annotations

# Boxes on a province's page (its first column), given the province.
PROVINCE_PAGE = "units.province_page"
# Boxes on a unit's page (its first column), given the unit.
UNIT_PAGE = "units.unit_page"
