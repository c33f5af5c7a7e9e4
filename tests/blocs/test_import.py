"""Importing a bloc-year's members from Excel: upload, preview row by row, then confirm."""

from __future__ import annotations

import datetime
import io

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from blocs.models import BlocYear, Membership
from core.spreadsheets import MAX_UPLOAD_BYTES, rows_sign
from tests.checks import STALE
from tests.factories import (
    BlocYearFactory,
    BoardUserFactory,
    MembershipFactory,
    UnitFactory,
    UnitNameFactory,
)
from tests.workbooks import upload, xlsx_bomb, xlsx_bytes, xlsx_upload

pytestmark = pytest.mark.django_db

HEADER = ["Unit (full name or abbreviation)"]
READ_ONLY = ["secretariat", "deputy_staff", "member_staff", "national"]
OUTSIDERS = ["other_bloc_staff", "other_province_staff", "other_province_board"]


@pytest.fixture(autouse=True)
def english():
    """Render the pages in English: the Vietnamese of these messages comes later."""
    with translation.override("en"):
        yield


def url(name: str, bloc_year: BlocYear) -> str:
    return reverse(f"blocs:{name}", args=[bloc_year.bloc_id, bloc_year.year])


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def new_units(province_a):
    """Two units of province A in no bloc in 2025; the second once had another name."""
    noi_vu = UnitFactory(
        province=province_a,
        short_name="Sở Nội vụ",
        full_name="Sở Nội vụ tỉnh Đắk Lắk",
        abbreviation="SNV",
    )
    thads = UnitFactory(
        province=province_a,
        short_name="Thi hành án dân sự tỉnh",
        full_name="Thi hành án dân sự tỉnh Đắk Lắk",
        abbreviation="THADS",
    )
    UnitNameFactory(
        unit=thads,
        short_name="Cục Thi hành án dân sự",
        full_name="Cục Thi hành án dân sự tỉnh Đắk Lắk",
        abbreviation="Cục THADS",
        valid_until=datetime.date(2025, 7, 1),
    )
    return noi_vu, thads


@pytest.fixture
def year_2026(bloc_1):
    """Bloc 1's 2026, opened empty."""
    return BlocYearFactory(bloc=bloc_1, year=2026)


def preview(client, bloc_year: BlocYear, rows: list[list]):
    return client.post(url("members_import", bloc_year), {"file": xlsx_upload([HEADER, *rows])})


class TestPreview:
    def test_every_row_gets_its_status_and_nothing_is_written(
        self, province_a, year_2026, bloc_2, world, new_units, board, client_for
    ):
        # Two units share an abbreviation; Tòa án is in bloc 2 in 2026 already.
        UnitFactory(province=province_a, short_name="Sở A", abbreviation="SX")
        UnitFactory(province=province_a, short_name="Sở B", abbreviation="SX")
        bloc_2_2026 = BlocYearFactory(bloc=bloc_2, year=2026)
        MembershipFactory(bloc_year=bloc_2_2026, unit=world.unit_p)
        MembershipFactory(bloc_year=year_2026, unit=world.unit_h)
        rows = [
            ["Sở Nội vụ tỉnh Đắk Lắk"],  # 2 by full name
            ["cục thads"],  # 3 by a former abbreviation, in other case
            ["CA"],  # 4 already a member
            [None],  # 5 empty
            ["Sở Không Có"],  # 6 unknown
            ["SX"],  # 7 ambiguous
            ["SNV"],  # 8 the same unit as row 2
            ["Tòa án nhân dân tỉnh Đắk Lắk"],  # 9 in another bloc that year
        ]

        response = preview(client_for(board), year_2026, rows)

        assert response.status_code == 200
        checked = response.context["checked"]
        statuses = [(row.number, row.status, row.message) for row in checked.rows]
        noi_vu, thads = new_units
        assert statuses == [
            (2, "ok", ""),
            (3, "ok", ""),
            (4, "skipped", "Công an tỉnh is already a member: left out."),
            (5, "skipped", "Empty row."),
            (6, "error", "No unit of the province is named “Sở Không Có”."),
            (
                7,
                "error",
                "“SX” names several units: Sở A tỉnh Đắk Lắk, Sở B tỉnh Đắk Lắk. "
                "Write the full name.",
            ),
            (8, "error", "The same unit as row 2."),
            (9, "error", "Tòa án nhân dân tỉnh is already a member of Khối thi đua số 2 in 2026."),
        ]
        assert [row.target for row in checked.to_write] == [noi_vu, thads]
        page = response.content.decode()
        assert "No unit of the province is named “Sở Không Có”." in page
        assert "confirm_form" not in response.context
        assert url("members_import_confirm", year_2026) not in page
        assert year_2026.memberships.count() == 1

    def test_a_clean_list_offers_the_confirmation(self, year_2026, new_units, board, client_for):
        response = preview(client_for(board), year_2026, [["SNV"], ["THADS"]])

        assert response.context["confirm_form"] is not None
        assert url("members_import_confirm", year_2026) in response.content.decode()
        assert year_2026.memberships.count() == 0

    @pytest.mark.parametrize(
        ("content", "name", "message"),
        [
            (
                b"Don vi\nSo Noi vu\n",
                "danh-sach.csv",
                "This is not an Excel file (.xlsx). Save the list as an Excel workbook and retry.",
            ),
            (
                b"PK\x03\x04" + b"\x00" * 200,
                "hong.xlsx",
                "The file could not be read as an Excel workbook: it may be damaged.",
            ),
            (
                b"PK\x03\x04" + b"\x00" * MAX_UPLOAD_BYTES,
                "qua-lon.xlsx",
                "The file is too big (2.0 MB); at most 2 MB is accepted.",
            ),
            (
                xlsx_bytes([["Tên đơn vị"], ["Sở Nội vụ"]]),
                "sai-tieu-de.xlsx",
                "The first row must hold the column headers, in this order: Unit (full name or "
                "abbreviation). Download the template and copy the list into it.",
            ),
            (
                xlsx_bytes([HEADER, [None], [None]]),
                "trong.xlsx",
                "The list is empty: there is no row under the header.",
            ),
        ],
        ids=["not xlsx", "corrupt", "too big", "wrong header", "empty list"],
    )
    def test_a_bad_file_is_refused_with_a_clear_message(
        self, year_2026, board, client_for, content, name, message
    ):
        response = client_for(board).post(
            url("members_import", year_2026), {"file": upload(content, name)}
        )

        assert response.status_code == 200
        assert response.context["form"].errors["file"] == [message]
        assert response.context["checked"] is None
        assert year_2026.memberships.count() == 0

    def test_the_vietnamese_header_of_the_template_is_read_too(
        self, year_2026, new_units, board, client_for
    ):
        with translation.override("vi"):
            header = [str(translation.gettext("Unit (full name or abbreviation)"))]
        content = xlsx_bytes([header, ["SNV"]])

        response = client_for(board).post(
            url("members_import", year_2026), {"file": upload(content, "ds.xlsx")}
        )

        assert response.context["checked"].to_write[0].target == new_units[0]

    @pytest.mark.parametrize(
        ("persona", "status"), [*((p, 403) for p in READ_ONLY), *((p, 404) for p in OUTSIDERS)]
    )
    def test_only_the_board_uploads(self, request, bloc_year_1, client_for, persona, status):
        client = client_for(request.getfixturevalue(persona))

        assert client.get(url("members_import", bloc_year_1)).status_code == status
        response = client.post(
            url("members_import", bloc_year_1), {"file": xlsx_upload([HEADER, ["SNV"]])}
        )
        assert response.status_code == status


class TestTemplate:
    def test_the_board_downloads_the_header_row(self, bloc_year_1, board, client_for):
        response = client_for(board).get(url("members_import_template", bloc_year_1))

        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")
        assert "attachment" in response["Content-Disposition"]
        sheet = load_workbook(io.BytesIO(response.content)).active
        assert [cell.value for cell in sheet[1]] == HEADER

    @pytest.mark.parametrize(
        ("persona", "status"), [("secretariat", 403), ("other_bloc_staff", 404)]
    )
    def test_others_do_not(self, request, bloc_year_1, client_for, persona, status):
        client = client_for(request.getfixturevalue(persona))

        assert client.get(url("members_import_template", bloc_year_1)).status_code == status


def token_for(client, bloc_year: BlocYear, rows: list[list]) -> str:
    response = preview(client, bloc_year, rows)
    return response.context["confirm_form"]["token"].value()


class TestConfirm:
    def test_it_adds_every_unit_of_the_list_at_once(self, year_2026, new_units, board, client_for):
        client = client_for(board)
        token = token_for(client, year_2026, [["SNV"], [None], ["Cục THADS"]])

        response = client.post(url("members_import_confirm", year_2026), {"token": token})

        assert response.status_code == 302
        assert response.url == url("members", year_2026)
        assert set(year_2026.memberships.values_list("unit", flat=True)) == {
            unit.pk for unit in new_units
        }
        assert BlocYear.objects.get(pk=year_2026.pk).members_version == 2
        assert messages_of(response) == ["2 units were added to the members."]

    def test_get_is_refused(self, year_2026, board, client_for):
        assert client_for(board).get(url("members_import_confirm", year_2026)).status_code == 405

    @pytest.mark.parametrize("persona", READ_ONLY)
    def test_readers_are_refused(self, request, bloc_year_1, new_units, board, client_for, persona):
        token = token_for(client_for(board), bloc_year_1, [["SNV"]])
        client = client_for(request.getfixturevalue(persona))

        response = client.post(url("members_import_confirm", bloc_year_1), {"token": token})

        assert response.status_code == 403
        assert not bloc_year_1.memberships.filter(unit=new_units[0]).exists()

    @pytest.mark.parametrize("persona", OUTSIDERS)
    def test_outsiders_are_not_told_the_year_exists(
        self, request, bloc_year_1, new_units, board, client_for, persona
    ):
        token = token_for(client_for(board), bloc_year_1, [["SNV"]])
        client = client_for(request.getfixturevalue(persona))

        response = client.post(url("members_import_confirm", bloc_year_1), {"token": token})

        assert response.status_code == 404
        assert not bloc_year_1.memberships.filter(unit=new_units[0]).exists()

    def test_a_member_list_changed_since_the_preview_is_refused_and_nothing_is_written(
        self, year_2026, new_units, world, board, client_for
    ):
        client = client_for(board)
        token = token_for(client, year_2026, [["SNV"], ["THADS"]])
        colleague = client_for(BoardUserFactory(province=world.province_a))
        colleague.post(
            url("member_add", year_2026), {"unit": world.unit_m.pk, "members_version": 1}
        )

        response = client.post(url("members_import_confirm", year_2026), {"token": token})

        assert response.status_code == 200
        assert messages_of(response) == [STALE]
        assert set(year_2026.memberships.values_list("unit", flat=True)) == {world.unit_m.pk}
        # The preview comes back, checked against the list as it is now, to be confirmed again.
        assert response.context["confirm_form"]["token"].value() != token

    def test_a_row_gone_wrong_since_the_preview_refuses_the_whole_list(
        self, year_2026, bloc_2, new_units, board, client_for
    ):
        client = client_for(board)
        token = token_for(client, year_2026, [["SNV"], ["THADS"]])
        # Meanwhile Sở Nội vụ joined bloc 2 for 2026.
        MembershipFactory(bloc_year=BlocYearFactory(bloc=bloc_2, year=2026), unit=new_units[0])

        response = client.post(url("members_import_confirm", year_2026), {"token": token})

        assert response.status_code == 200
        assert messages_of(response) == [
            "1 row of the list is wrong: correct the file and upload it again."
        ]
        assert year_2026.memberships.count() == 0

    def test_an_altered_token_is_refused(self, year_2026, new_units, board, client_for):
        client = client_for(board)
        token = token_for(client, year_2026, [["SNV"]])

        response = client.post(url("members_import_confirm", year_2026), {"token": token + "x"})

        assert response.status_code == 302
        assert messages_of(response) == [
            "The preview has expired or was altered. Upload the file again."
        ]
        assert year_2026.memberships.count() == 0

    def test_a_token_made_for_another_year_is_refused(
        self, bloc_year_1, year_2026, new_units, board, client_for
    ):
        token = rows_sign(
            [(2, ("SNV",))], purpose="members", user=board, target=bloc_year_1.pk, version=1
        )

        response = client_for(board).post(
            url("members_import_confirm", year_2026), {"token": token}
        )

        assert response.status_code == 302
        assert not Membership.objects.filter(unit=new_units[0]).exists()


def test_a_zip_bomb_is_refused_with_a_short_answer_and_nothing_written(
    year_2026, board, client_for
):
    bomb = xlsx_bomb([HEADER, ["SNV"]], unpacked_mb=1024)

    response = client_for(board).post(
        url("members_import", year_2026), {"file": upload(bomb, "bomb.xlsx")}
    )

    assert response.status_code == 200
    assert "unpacks to far more than a list holds (1024 MB)" in response.content.decode()
    assert len(response.content) < 100_000
    assert not year_2026.memberships.exists()
