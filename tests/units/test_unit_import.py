"""Importing a province's units from Excel: upload, preview row by row, then confirm."""

from __future__ import annotations

import io

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from tests.workbooks import upload, xlsx_bomb, xlsx_upload
from units.models import Unit

pytestmark = pytest.mark.django_db

HEADER = [
    "Short name",
    "Full name",
    "Abbreviation",
    "Address (head office)",
    "Leader's name",
    "Leader's title",
]


@pytest.fixture(autouse=True)
def english():
    """Render the pages in English: the Vietnamese of these messages comes later."""
    with translation.override("en"):
        yield


def url(name: str, province) -> str:
    return reverse(f"units:{name}", args=[province.code])


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


NOI_VU = ["Sở Nội vụ", "Sở Nội vụ tỉnh Đắk Lắk", "SNV", "Số 8 Lê Duẩn", "Nguyễn Văn A", "Giám đốc"]
Y_TE = ["Sở Y tế", "Sở Y tế tỉnh Đắk Lắk", "SYT", "", "", ""]


def preview(client, province, rows):
    return client.post(url("units_import", province), {"file": xlsx_upload([HEADER, *rows])})


def test_every_row_gets_its_status_and_nothing_is_written(province_a, unit_h, board, client_for):
    rows = [
        NOI_VU,  # 2
        [None] * 6,  # 3 empty
        ["Công an", unit_h.full_name.upper(), "", "", "", ""],  # 4 the province has it
        ["", "Sở Xây dựng tỉnh Đắk Lắk", "", "", "", ""],  # 5 no short name
        ["Sở Nội vụ", "Sở  Nội vụ tỉnh Đắk Lắk", "", "", "", ""],  # 6 the same as row 2
        ["Sở Tài chính", "Sở Tài chính tỉnh Đắk Lắk", "X" * 31, "", "", ""],  # 7 too long
        Y_TE,  # 8
    ]
    count = Unit.objects.count()

    response = preview(client_for(board), province_a, rows)

    checked = response.context["checked"]
    assert [(row.number, row.status) for row in checked.rows] == [
        (2, "ok"),
        (3, "skipped"),
        (4, "skipped"),
        (5, "error"),
        (6, "error"),
        (7, "error"),
        (8, "ok"),
    ]
    messages = {row.number: row.message for row in checked.rows}
    assert messages[4] == "The province already has this unit: left out."
    assert messages[5] == "The short name and the full name are required."
    assert messages[6] == "The same unit as row 2."
    assert messages[7].startswith("Abbreviation: Ensure this value has at most 30 characters")
    assert "confirm_form" not in response.context
    assert Unit.objects.count() == count


def test_a_clean_list_is_created_on_confirmation(province_a, board, client_for):
    client = client_for(board)
    response = preview(client, province_a, [NOI_VU, Y_TE])
    token = response.context["confirm_form"]["token"].value()
    assert not Unit.objects.filter(full_name="Sở Nội vụ tỉnh Đắk Lắk").exists()

    response = client.post(url("units_import_confirm", province_a), {"token": token})

    assert response.status_code == 302
    assert response.url == province_a.get_absolute_url()
    noi_vu = Unit.objects.get(province=province_a, full_name="Sở Nội vụ tỉnh Đắk Lắk")
    assert (noi_vu.address, noi_vu.leader_name, noi_vu.leader_title) == (
        "Số 8 Lê Duẩn",
        "Nguyễn Văn A",
        "Giám đốc",
    )
    assert Unit.objects.filter(province=province_a, full_name="Sở Y tế tỉnh Đắk Lắk").exists()
    assert messages_of(response) == ["2 units were created."]


def test_a_confirmation_sent_twice_creates_the_units_once(province_a, board, client_for):
    client = client_for(board)
    token = preview(client, province_a, [NOI_VU, Y_TE]).context["confirm_form"]["token"].value()
    client.post(url("units_import_confirm", province_a), {"token": token})

    response = client.post(url("units_import_confirm", province_a), {"token": token})

    assert response.status_code == 200
    assert messages_of(response)[-1] == (
        "The list holds no unit that the province does not have yet."
    )
    assert Unit.objects.filter(full_name="Sở Nội vụ tỉnh Đắk Lắk").count() == 1
    assert "confirm_form" not in response.context


def test_get_of_the_confirmation_is_refused(province_a, board, client_for):
    assert client_for(board).get(url("units_import_confirm", province_a)).status_code == 405


@pytest.mark.parametrize(
    ("persona", "status"), [("national", 403), ("secretariat", 404), ("other_province_board", 404)]
)
def test_others_cannot_upload_or_confirm(request, province_a, board, client_for, persona, status):
    token = preview(client_for(board), province_a, [NOI_VU]).context["confirm_form"]["token"]
    client = client_for(request.getfixturevalue(persona))

    assert client.get(url("units_import", province_a)).status_code == status
    assert preview(client, province_a, [NOI_VU]).status_code == status
    response = client.post(url("units_import_confirm", province_a), {"token": token.value()})
    assert response.status_code == status
    assert not Unit.objects.filter(full_name="Sở Nội vụ tỉnh Đắk Lắk").exists()


def test_a_token_from_another_user_is_refused(province_a, board, client_for, django_user_model):
    token = preview(client_for(board), province_a, [NOI_VU]).context["confirm_form"]["token"]
    colleague = django_user_model.objects.create_user("ban_tdkt_2", province=province_a)

    response = client_for(colleague).post(
        url("units_import_confirm", province_a), {"token": token.value()}
    )

    assert response.status_code == 302
    assert messages_of(response) == [
        "The preview has expired or was altered. Upload the file again."
    ]
    assert not Unit.objects.filter(full_name="Sở Nội vụ tỉnh Đắk Lắk").exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"%PDF-1.7 ...", "This is not an Excel file (.xlsx)."),
        (b"PK\x03\x04not a workbook", "The file could not be read as an Excel workbook"),
    ],
    ids=["not xlsx", "corrupt"],
)
def test_a_bad_file_is_refused(province_a, board, client_for, content, message):
    response = client_for(board).post(
        url("units_import", province_a), {"file": upload(content, "don-vi.xlsx")}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["file"][0].startswith(message)


def test_a_wrong_header_is_refused(province_a, board, client_for):
    response = client_for(board).post(
        url("units_import", province_a),
        {"file": xlsx_upload([["Tên", "Tên đầy đủ"], NOI_VU])},
    )

    assert (
        response.context["form"]
        .errors["file"][0]
        .startswith(
            "The first row must hold the column headers, in this order: Short name, Full name,"
        )
    )


def test_the_template_holds_the_header_row(province_a, board, national, client_for):
    response = client_for(board).get(url("units_import_template", province_a))

    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [cell.value for cell in sheet[1]] == HEADER
    assert client_for(national).get(url("units_import_template", province_a)).status_code == 403


def test_a_zip_bomb_is_refused_with_a_short_answer_and_nothing_written(
    province_a, board, client_for
):
    bomb = xlsx_bomb([HEADER, NOI_VU], unpacked_mb=1024)
    before = Unit.objects.count()

    response = client_for(board).post(
        url("units_import", province_a), {"file": upload(bomb, "bomb.xlsx")}
    )

    assert response.status_code == 200
    assert "unpacks to far more than a list holds (1024 MB)" in response.content.decode()
    assert len(response.content) < 100_000
    assert Unit.objects.count() == before
