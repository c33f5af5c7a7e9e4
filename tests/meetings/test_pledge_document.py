"""The emulation pledge as a PDF: its contents and targets, and a signature block per unit."""

from __future__ import annotations

import datetime
import io
import unicodedata

import pdfplumber
import pytest
from django.core.management import call_command

from blocs.models import Pledge
from blocs.services.pledge import pledge_items_save, pledge_save, pledge_sign
from meetings.documents.pledge import PledgeBuilder
from meetings.models import Document
from meetings.services.documents import document_issue
from tests.factories import (
    BlocFactory,
    BlocYearFactory,
    MembershipFactory,
    UnitFactory,
    UnitNameFactory,
)
from tests.pdfs import (
    assert_document_serif,
    flat,
    page_number_words,
    page_texts,
    pdf_text,
    signed_names,
)
from tests.words import assert_national_layout, assert_printed_alike, assert_same_words

pytestmark = pytest.mark.django_db

SIGNED_ON = datetime.date(2021, 1, 26)
ITEMS = [
    {
        "content": "Quán triệt sâu sắc cho cán bộ, công chức, chiến sĩ mục đích, ý nghĩa của công "
        "tác thi đua, khen thưởng và phong trào thi đua yêu nước.",
        "target": "100% cán bộ, công chức, chiến sĩ được quán triệt.",
    },
    {
        "content": "Góp phần giữ vững an ninh chính trị, trật tự an toàn xã hội, phục vụ Đại hội "
        "Đảng toàn quốc lần thứ XIII và cuộc bầu cử đại biểu Quốc hội, Hội đồng nhân dân các cấp.",
        "target": "",
    },
    {
        "content": "Phấn đấu hoàn thành xuất sắc mọi nhiệm vụ được giao, tạo không khí thi đua "
        "sôi nổi, đoàn kết trong Khối.",
        "target": "100% đơn vị hoàn thành xuất sắc nhiệm vụ.",
    },
]


@pytest.fixture
def khoi_3_2021(world):
    """Khối thi đua số 3 of Đắk Lắk in 2021: Công an heads it, Sở Tư pháp is deputy, eight
    units; Thi hành án dân sự was still Cục Thi hành án dân sự then."""
    a = world.province_a
    thads = UnitFactory(
        province=a,
        short_name="Thi hành án dân sự tỉnh",
        full_name="Thi hành án dân sự tỉnh Đắk Lắk",
    )
    UnitNameFactory(
        unit=thads,
        short_name="Cục Thi hành án dân sự tỉnh",
        full_name="Cục Thi hành án dân sự tỉnh Đắk Lắk",
    )
    others = [
        UnitFactory(province=a, short_name=short, full_name=f"{short} Đắk Lắk")
        for short in ("Thanh tra tỉnh", "Bộ Chỉ huy Bộ đội Biên phòng tỉnh")
    ]
    bloc = BlocFactory(province=a, name="Khối thi đua số 3", symbol="KTĐ3")
    year = BlocYearFactory(bloc=bloc, year=2021)
    MembershipFactory(bloc_year=year, unit=world.unit_h, head=True)
    MembershipFactory(bloc_year=year, unit=world.unit_m, deputy=True)
    for unit in (world.unit_d, world.unit_o, world.unit_p, thads, *others):
        MembershipFactory(bloc_year=year, unit=unit)
    return year


@pytest.fixture
def pledge(khoi_3_2021, world) -> Pledge:
    """The 2021 pledge with three items, signed by all eight units, two signatories named."""
    pledge = pledge_save(
        bloc_year=khoi_3_2021,
        version=0,
        title="Giao ước thi đua năm 2021",
        preamble="Thực hiện phong trào thi đua yêu nước năm 2021, các đơn vị thành viên Khối thi "
        "đua số 3 ký kết giao ước thi đua với các nội dung sau.",
        signed_on=SIGNED_ON,
        place="Trụ sở Bộ Chỉ huy Quân sự tỉnh Đắk Lắk",
    )
    pledge = pledge_items_save(pledge=pledge, version=pledge.version, items=ITEMS)
    named = {
        world.unit_p: ("Trịnh Văn Toàn", "Phó Chánh án"),
        world.unit_h: ("Đại tá Nguyễn Văn Hùng", "Phó Giám đốc"),
        # No title: its role takes one line less than Công an's beside it.
        world.unit_m: ("Lê Văn Minh", ""),
    }
    for membership in khoi_3_2021.memberships.select_related("unit"):
        name, title = named.get(membership.unit, ("", ""))
        pledge_sign(
            pledge=pledge,
            membership=membership,
            signatory_name=name,
            signatory_title=title,
            signed_on=SIGNED_ON,
        )
    return pledge


@pytest.fixture
def document(pledge, board) -> Document:
    return document_issue(builder=PledgeBuilder(pledge), user=board)


@pytest.fixture
def pdf(document) -> bytes:
    with document.file.open("rb") as file:
        return file.read()


def unit_names(bloc_year) -> list[str]:
    return [
        m.unit.name_in_year(bloc_year.year).full_name
        for m in bloc_year.memberships.select_related("unit")
    ]


class TestTheIssuedPledge:
    def test_it_is_numbered_as_a_pledge_of_the_bloc(self, document):
        assert (document.symbol, document.doc_type, document.date) == (
            "01/GƯ-KTĐ3",
            "GƯ",
            SIGNED_ON,
        )
        assert document.subject == "Giao ước thi đua năm 2021"

    def test_the_header_has_the_issuer_the_nation_the_number_and_the_date_line(self, pdf):
        first = flat(page_texts(pdf)[0])

        for line in (
            "UBND TỈNH ĐẮK LẮK",
            "KHỐI THI ĐUA SỐ 3",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Số: 01/GƯ-KTĐ3",
            "Đắk Lắk, ngày 26 tháng 01 năm 2021",
            "BẢN GIAO ƯỚC THI ĐUA",
            "Giao ước thi đua năm 2021",
        ):
            assert line in first

    def test_it_says_when_and_where_and_lists_the_units_of_that_year(self, pdf, khoi_3_2021):
        text = pdf_text(pdf)

        assert (
            "Hôm nay, ngày 26 tháng 01 năm 2021, tại Trụ sở Bộ Chỉ huy Quân sự tỉnh Đắk Lắk, "
            "các đơn vị thành viên Khối thi đua số 3 gồm: - Công an tỉnh Đắk Lắk; - Sở Tư pháp "
            "Đắk Lắk;" in text
        )
        for name in unit_names(khoi_3_2021):
            assert f"- {name}" in text
        assert "Cục Thi hành án dân sự tỉnh Đắk Lắk" in text

    def test_it_has_every_item_with_its_target(self, pdf):
        text = pdf_text(pdf)

        for number, item in enumerate(ITEMS, start=1):
            assert f"{number}. {item['content']}" in text
            if item["target"]:
                assert f"{item['content']} Chỉ tiêu: {item['target']}" in text
        assert text.count("Chỉ tiêu:") == 2

    def test_every_member_unit_has_a_signature_block(self, pdf, khoi_3_2021):
        text = pdf_text(pdf)
        signatures = text[text.index("cam kết thực hiện") : text.index("Nơi nhận")]

        for name in unit_names(khoi_3_2021):
            assert name.upper() in signatures
        assert "TÒA ÁN NHÂN DÂN TỈNH ĐẮK LẮK PHÓ CHÁNH ÁN" in signatures
        assert "CÔNG AN TỈNH ĐẮK LẮK PHÓ GIÁM ĐỐC" in signatures
        assert "Trịnh Văn Toàn" in signatures and "Đại tá Nguyễn Văn Hùng" in signatures

    def test_the_names_of_a_row_stand_on_one_line(self, pdf):
        # Công an's and Sở Tư pháp's blocks share a row; their roles take different heights.
        where = signed_names(pdf, ["Nguyễn Văn Hùng", "Lê Văn Minh"])

        assert where["Nguyễn Văn Hùng"] == (where["Lê Văn Minh"][0], True)
        assert where["Lê Văn Minh"][1] is False

    def test_the_blocks_stand_two_to_a_row_head_first(self, pdf):
        with pdfplumber.open(io.BytesIO(pdf)) as document:
            middle = document.pages[0].width / 2
            words = [w for page in document.pages for w in page.extract_words()]
        # "CÔNG AN …" (the head) and "SỞ TƯ PHÁP …" (the deputy) open the first row.
        head = next(w for w in words if w["text"] == "CÔNG")
        deputy = next(w for w in words if w["text"] == "SỞ")

        assert head["x0"] < middle < deputy["x0"]
        assert head["top"] == pytest.approx(deputy["top"])

    def test_page_numbers_start_on_page_2(self, pdf):
        assert len(page_texts(pdf)) >= 2
        numbers = page_number_words(pdf)
        assert numbers[0] is None
        assert numbers[1:] == [str(n) for n in range(2, len(numbers) + 1)]

    def test_it_is_printed_in_the_document_serif_in_nfc(self, pdf):
        assert_document_serif(pdf)
        assert all(unicodedata.is_normalized("NFC", text) for text in page_texts(pdf))


class TestBeforeItIsSigned:
    def test_the_draft_has_an_empty_block_for_every_member(self, khoi_3_2021):
        pledge = pledge_save(
            bloc_year=khoi_3_2021, version=0, title="Giao ước thi đua năm 2021", signed_on=None
        )

        builder = PledgeBuilder(pledge)
        rows = builder.context()["signature_rows"]
        text = pdf_text(builder.render(draft=True))

        assert [len(row) for row in rows] == [2, 2, 2, 2]
        assert all(block.name == "" for row in rows for block in row)
        assert "DỰ THẢO" in text
        assert "Số: ……/GƯ-KTĐ3" in text
        # Without a preamble, the pledge says why the units sign it.
        assert (
            "Thực hiện phong trào thi đua yêu nước năm 2021, các đơn vị thành viên Khối thi "
            "đua số 3 thống nhất ký kết giao ước thi đua với các nội dung sau:" in text
        )
        assert "Hôm nay, các đơn vị thành viên Khối thi đua số 3 gồm:" in text

    def test_an_odd_number_of_members_leaves_the_last_cell_empty(self, pledge, khoi_3_2021):
        MembershipFactory(
            bloc_year=khoi_3_2021,
            unit=UnitFactory(province=khoi_3_2021.bloc.province, short_name="Lữ đoàn 198"),
        )

        rows = PledgeBuilder(pledge).context()["signature_rows"]

        assert [len(row) for row in rows] == [2, 2, 2, 2, 2]
        assert rows[-1][1] is None


def test_the_demo_pledge_is_issued_with_the_eight_units_of_khoi_3(db):
    call_command("load_demo", verbosity=0)
    pledge = Pledge.objects.get()
    document = Document.objects.of_record(pledge).get()
    with document.file.open("rb") as file:
        text = pdf_text(file.read())

    assert document.symbol == "01/GƯ-KTĐ3"
    assert "Đắk Lắk, ngày 26 tháng 01 năm 2021" in text
    for name in unit_names(pledge.bloc_year):
        assert name.upper() in text
    assert "PHÓ CHÁNH ÁN" in text and "Trịnh Văn Toàn" in text
    assert text.count("Chỉ tiêu:") == 3


def test_the_word_file_says_what_the_pdf_says_in_the_national_layout(document, pdf):
    assert_national_layout(document)
    assert_same_words(document, pdf)


def test_libreoffice_prints_the_word_file_with_the_pdfs_words(document, pdf):
    assert_printed_alike(document, pdf)
