"""The handover record of a bloc's head as the province's clerk reads it: the PDF's text."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

import pytest
from django.core.management import call_command

from blocs.models import Bloc, BlocYear, Handover, Membership
from blocs.services.handover import handover_record
from meetings.documents.handover import HandoverBuilder, head_title
from meetings.documents.kinds import HANDOVER
from meetings.models import Document
from meetings.services.documents import document_issue
from tests.factories import (
    BlocFactory,
    BlocYearFactory,
    BoardUserFactory,
    LeadershipDecisionFactory,
    MembershipFactory,
    ProvinceFactory,
    UnitFactory,
    UnitNameFactory,
)
from tests.pdfs import assert_document_serif, base_fonts, flat, page_texts, signed_names
from tests.words import (
    assert_national_layout,
    assert_printed_alike,
    assert_same_words,
    word_paragraphs,
)


def _unit(province, short_name: str):
    return UnitFactory(
        province=province, short_name=short_name, full_name=f"{short_name} {province.name}"
    )


@pytest.fixture
def ca_mau(db) -> SimpleNamespace:
    """Cà Mau's Khối thi đua I: Bộ CHQS heads 2020 by provincial decision, Cục THADS (renamed
    Thi hành án dân sự tỉnh in 2025) heads 2021 by rotation, agreed on 12/3/2021."""
    province = ProvinceFactory(
        name="Cà Mau", code="ca-mau", board_name="Ban Thi đua - Khen thưởng tỉnh Cà Mau"
    )
    w = SimpleNamespace(province=province)
    w.bchqs = _unit(province, "Bộ Chỉ huy Quân sự tỉnh")
    w.thads = _unit(province, "Thi hành án dân sự tỉnh")
    UnitNameFactory(
        unit=w.thads,
        short_name="Cục Thi hành án dân sự tỉnh",
        full_name="Cục Thi hành án dân sự tỉnh Cà Mau",
        valid_until=datetime.date(2025, 3, 1),
    )
    w.thanh_tra = _unit(province, "Thanh tra tỉnh")
    w.bloc = BlocFactory(province=province, name="Khối thi đua I", symbol="KTĐ I")
    w.year_2020 = BlocYearFactory(bloc=w.bloc, year=2020)
    w.year_2021 = BlocYearFactory(bloc=w.bloc, year=2021)
    decision = LeadershipDecisionFactory(
        province=province, number="888/QĐ-UBND", date=datetime.date(2020, 5, 21)
    )
    MembershipFactory(
        bloc_year=w.year_2020,
        unit=w.bchqs,
        role=Membership.Role.HEAD,
        basis=Membership.Basis.DECISION,
        decision=decision,
    )
    MembershipFactory(bloc_year=w.year_2020, unit=w.thads)
    MembershipFactory(bloc_year=w.year_2020, unit=w.thanh_tra)
    MembershipFactory(
        bloc_year=w.year_2021,
        unit=w.thads,
        role=Membership.Role.HEAD,
        basis=Membership.Basis.ROTATION,
        elected_on=datetime.date(2021, 3, 12),
    )
    MembershipFactory(bloc_year=w.year_2021, unit=w.bchqs)
    MembershipFactory(bloc_year=w.year_2021, unit=w.thanh_tra)
    w.board = BoardUserFactory(username="ban_tdkt_camau", province=province)
    w.handover = handover_record(
        bloc_year=w.year_2020,
        user=w.board,
        from_unit=w.bchqs,
        from_representative="Nguyễn Văn An",
        from_representative_title="Chỉ huy trưởng",
        to_unit=w.thads,
        to_representative="Trần Thị Bình",
        to_representative_title="Cục trưởng",
        handed_over_on=datetime.date(2021, 3, 12),
        place="Phòng họp trực tuyến của Bộ Chỉ huy Quân sự tỉnh Cà Mau",
        items=[
            {
                "description": "Hồ sơ, tài liệu công tác thi đua, khen thưởng năm 2020 của Khối",
                "quantity": "01 bộ",
            },
            {
                "description": "Sổ theo dõi, biên bản các hội nghị của Khối",
                "quantity": "02 quyển",
                "note": "Bản gốc",
            },
        ],
    )
    return w


@pytest.fixture
def issued(ca_mau):
    """The handover record issued through the registry, and the text of its pages."""
    document = document_issue(builder=HandoverBuilder(ca_mau.handover), user=ca_mau.board)
    with document.file.open("rb") as stored:
        pdf = stored.read()
    return SimpleNamespace(document=document, pdf=pdf, pages=page_texts(pdf))


def test_the_handover_builder_is_registered_under_its_kind(ca_mau):
    assert HANDOVER.builder is HandoverBuilder
    assert isinstance(HANDOVER.builder_for(ca_mau.handover), HandoverBuilder)


def test_the_issued_record_takes_the_first_minutes_number_of_the_bloc_in_2021(ca_mau, issued):
    assert issued.document.symbol == "01/BB-KTĐ I"
    assert issued.document.bloc_year == ca_mau.year_2020
    assert issued.document.date == datetime.date(2021, 3, 12)
    assert issued.document.subject == "Bàn giao nhiệm vụ Khối trưởng Khối thi đua I năm 2021"
    assert list(Document.objects.of_record(ca_mau.handover)) == [issued.document]


def test_the_header_carries_the_province_the_bloc_the_number_and_the_date_line(issued):
    lines = issued.pages[0].splitlines()

    assert lines[:6] == [
        "UBND TỈNH CÀ MAU",
        "KHỐI THI ĐUA I",
        "Số: 01/BB-KTĐ I",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Cà Mau, ngày 12 tháng 3 năm 2021",
    ]
    assert lines[6:8] == ["BIÊN BẢN", "Bàn giao nhiệm vụ Khối trưởng Khối thi đua I năm 2021"]


def test_the_body_gives_the_basis_time_place_and_both_parties_with_their_representatives(
    issued,
):
    text = flat(issued.pages[0])

    assert (
        "Thực hiện quy định về luân phiên Khối trưởng Khối thi đua I, đã được thống nhất tại "
        "Hội nghị ngày 12 tháng 3 năm 2021;" in text
    )
    assert (
        "Hôm nay, ngày 12 tháng 3 năm 2021, tại Phòng họp trực tuyến của Bộ Chỉ huy Quân sự "
        "tỉnh Cà Mau, chúng tôi gồm:" in text
    )
    assert (
        "1. BÊN GIAO (Khối trưởng năm 2020): Bộ Chỉ huy Quân sự tỉnh Cà Mau. "
        "Đại diện: Nguyễn Văn An, Chỉ huy trưởng." in text
    )
    # The receiving unit under the name it bore in 2021, not its name of 2025.
    assert (
        "2. BÊN NHẬN (Khối trưởng năm 2021): Cục Thi hành án dân sự tỉnh Cà Mau. "
        "Đại diện: Trần Thị Bình, Cục trưởng." in text
    )
    assert text.count("Thi hành án dân sự tỉnh") == text.count("Cục Thi hành án dân sự tỉnh")


def test_the_items_handed_over_are_a_numbered_table_with_quantity_and_note(issued):
    text = flat(issued.pages[0])

    assert "STT Nội dung bàn giao Số lượng Ghi chú" in text
    assert "1 Hồ sơ, tài liệu công tác thi đua, khen thưởng năm 2020 của Khối 01 bộ" in text
    assert "2 Sổ theo dõi, biên bản các hội nghị của Khối 02 quyển Bản gốc" in text
    assert "Biên bản được lập thành 02 bản có giá trị như nhau" in text


def test_the_signature_blocks_are_the_giving_side_then_the_receiving_side_with_names(issued):
    text = flat("\n".join(issued.pages))

    roles = text.index("ĐẠI DIỆN BÊN GIAO CHỈ HUY TRƯỞNG ĐẠI DIỆN BÊN NHẬN CỤC TRƯỞNG")
    names = text.index("Nguyễn Văn An Trần Thị Bình")
    assert roles < names < text.index("Nơi nhận:")
    where = signed_names(issued.pdf, ["Nguyễn Văn An", "Trần Thị Bình"])
    assert where == {
        "Nguyễn Văn An": (where["Nguyễn Văn An"][0], True),
        "Trần Thị Bình": (where["Nguyễn Văn An"][0], False),
    }
    assert "- Ban Thi đua - Khen thưởng tỉnh Cà Mau;" in text


def test_the_record_fits_one_page_and_is_set_in_the_document_serif(issued):
    assert len(issued.pages) == 1
    assert_document_serif(issued.pdf)
    assert not any("DejaVu" in name for name in base_fonts(issued.pdf))


def test_a_draft_is_marked_and_leaves_the_number_blank(ca_mau):
    text = page_texts(HandoverBuilder(ca_mau.handover).render(draft=True))[0]

    assert "DỰ THẢO" in text
    assert "Số: ……/BB-KTĐ I" in text


def test_a_handover_without_items_leaves_a_line_to_fill_in(ca_mau):
    ca_mau.year_2020.state = "open"
    ca_mau.year_2020.save()
    handover = handover_record(
        bloc_year=ca_mau.year_2020,
        user=ca_mau.board,
        from_unit=ca_mau.bchqs,
        from_representative="Nguyễn Văn An",
        to_unit=ca_mau.thads,
        to_representative="Trần Thị Bình",
        handed_over_on=datetime.date(2021, 3, 12),
        items=[],
        version=ca_mau.handover.version,  # a correction of the handover recorded before
    )
    text = flat(page_texts(HandoverBuilder(handover).render())[0])

    assert "STT Nội dung bàn giao Số lượng Ghi chú 1 ……" in text
    assert "Đại diện: Nguyễn Văn An." in text
    assert "tại ……" in text


def test_the_basis_cites_the_provincial_decision_when_the_next_head_was_assigned_by_one(ca_mau):
    decision = LeadershipDecisionFactory(
        province=ca_mau.province,
        number="123/QĐ-UBND",
        date=datetime.date(2021, 2, 5),
        subject="Phân công Trưởng, Phó các Khối thi đua năm 2021",
    )
    head = ca_mau.year_2021.memberships.get(role=Membership.Role.HEAD)
    head.basis, head.decision, head.elected_on = Membership.Basis.DECISION, decision, None
    head.save()

    text = flat(page_texts(HandoverBuilder(ca_mau.handover).render())[0])

    assert (
        "Thực hiện Quyết định số 123/QĐ-UBND ngày 05 tháng 02 năm 2021 của UBND tỉnh Cà Mau về "
        "việc phân công Trưởng, Phó các Khối thi đua năm 2021;" in text
    )


def test_a_cluster_hands_over_its_cum_truong(ca_mau):
    ca_mau.bloc.kind = Bloc.Kind.CLUSTER
    ca_mau.bloc.name = "Cụm thi đua số 2"
    ca_mau.bloc.save()

    assert head_title(ca_mau.bloc) == "Cụm trưởng"
    assert (
        HandoverBuilder(ca_mau.handover).subject()
        == "Bàn giao nhiệm vụ Cụm trưởng Cụm thi đua số 2 năm 2021"
    )


def test_the_demo_holds_the_ca_mau_handover_of_2021_issued_after_the_conference_minutes(db):
    call_command("load_demo", verbosity=0)
    call_command("load_demo", verbosity=0)

    handover = Handover.objects.select_related("bloc_year__bloc").get(
        bloc_year__bloc__name="Khối thi đua I", bloc_year__year=2020
    )
    assert handover.handed_over_on == datetime.date(2021, 3, 12)
    assert handover.from_unit.short_name == "Bộ Chỉ huy Quân sự tỉnh"
    assert handover.to_unit.name_on(handover.handed_over_on).short_name == (
        "Cục Thi hành án dân sự tỉnh"
    )
    assert [item.description for item in handover.items.all()] == [
        "Hồ sơ, tài liệu công tác thi đua, khen thưởng năm 2020 của Khối",
        "Sổ theo dõi, biên bản các hội nghị của Khối",
    ]
    assert handover.bloc_year.state == BlocYear.State.CLOSED
    [document] = Document.objects.of_record(handover)
    assert document.symbol == "02/BB-KTĐ I"
    with document.file.open("rb") as stored:
        text = flat(page_texts(stored.read())[0])
    assert "Số: 02/BB-KTĐ I" in text
    assert "Cà Mau, ngày 12 tháng 3 năm 2021" in text
    assert "Đại diện: Lãnh đạo Cục Thi hành án dân sự tỉnh." in text


def test_the_word_file_says_what_the_pdf_says_in_the_national_layout(issued):
    assert_national_layout(issued.document)
    assert_same_words(issued.document, issued.pdf)
    paragraphs = [p.text for p in word_paragraphs(issued.document) if p.text]
    assert paragraphs[:3] == ["UBND TỈNH CÀ MAU", "KHỐI THI ĐUA I", "Số: 01/BB-KTĐ I"]
    assert "BIÊN BẢN" in paragraphs


def test_libreoffice_prints_the_word_file_with_the_pdfs_words(issued):
    assert_printed_alike(issued.document, issued.pdf)
