"""The province-wide annex of heads and deputies: who may download it, and what it says."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from blocs.models import Bloc, Membership
from meetings.documents.leadership_annex import bloc_order
from meetings.documents.word import DOCX
from tests.factories import (
    BlocFactory,
    BlocYearFactory,
    LeadershipDecisionFactory,
    MembershipFactory,
    UnitFactory,
    UnitNameFactory,
)
from tests.pdfs import assert_document_serif, base_fonts, flat, page_texts
from tests.words import (
    assert_national_layout,
    assert_printed_alike,
    assert_same_words,
    word_document,
)


def annex_url(province, year: int = 2025, *, word: bool = False) -> str:
    name = "meetings:leadership_annex_word" if word else "meetings:leadership_annex"
    return reverse(name, args=[year, province.code])


def annex_text(client, province, year: int = 2025) -> str:
    response = client.get(annex_url(province, year))
    assert response.status_code == 200
    return flat("\n".join(page_texts(response.content)))


def test_the_board_downloads_the_annex_of_its_province_as_a_pdf(client_for, board, province_a):
    response = client_for(board).get(annex_url(province_a))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="phu-luc-truong-pho-khoi-dak-lak-2025.pdf"'
    )
    assert response.content.startswith(b"%PDF")


def test_the_national_admin_downloads_the_annex_of_any_province(
    client_for, national, province_a, province_b
):
    client = client_for(national)

    assert client.get(annex_url(province_a)).status_code == 200
    assert client.get(annex_url(province_b)).status_code == 200


def test_the_board_downloads_the_annex_as_a_word_file_saying_what_the_pdf_says(
    client_for, board, province_a
):
    client = client_for(board)
    response = client.get(annex_url(province_a, word=True))

    assert response.status_code == 200
    assert response["Content-Type"] == DOCX
    assert response["Content-Disposition"] == (
        'attachment; filename="phu-luc-truong-pho-khoi-dak-lak-2025.docx"'
    )
    assert_national_layout(response.content, recipients=False)
    pdf = client.get(annex_url(province_a)).content
    assert_same_words(response.content, pdf)
    assert_printed_alike(response.content, pdf)
    # The grid keeps the template's column widths; STT is widened to its word, as printed.
    grid = word_document(response.content).tables[1]
    widths = [round(column.width.mm) for column in grid.columns]
    assert widths[1:4] == [35, 34, 34]
    assert widths[0] >= 9


@pytest.mark.parametrize("word", [False, True])
@pytest.mark.parametrize(
    "persona",
    [
        "secretariat",
        "deputy_staff",
        "member_staff",
        "other_bloc_staff",
        "other_province_staff",
        "other_province_board",
    ],
)
def test_unit_staff_and_other_provinces_boards_do_not_find_the_annex(
    request, client_for, province_a, persona, word
):
    user = request.getfixturevalue(persona)

    assert client_for(user).get(annex_url(province_a, word=word)).status_code == 404


def test_an_anonymous_visitor_is_sent_to_log_in(client_for, province_a):
    response = client_for(None).get(annex_url(province_a))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_annex_is_only_read_so_a_post_is_refused(client_for, board, province_a):
    assert client_for(board).post(annex_url(province_a)).status_code == 405


def test_a_year_no_bloc_of_the_province_runs_has_no_annex(client_for, board, province_a):
    assert client_for(board).get(annex_url(province_a, 2019)).status_code == 404


def test_the_header_is_the_peoples_committees_with_a_blank_reference_to_the_decision(
    client_for, board, province_a
):
    response = client_for(board).get(annex_url(province_a))
    text = flat(page_texts(response.content)[0])

    assert text.startswith(
        "UBND TỈNH ĐẮK LẮK CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc "
    )
    assert (
        "PHỤ LỤC Danh sách Trưởng, Phó các Khối, Cụm thi đua tỉnh Đắk Lắk năm 2025 "
        "(Kèm theo Quyết định số ……/QĐ-UBND ngày …… tháng …… năm …… của UBND tỉnh Đắk Lắk)" in text
    )
    # The decision carries the number, date, signature and recipients, not its annex.
    assert "Số:" not in text
    assert "Nơi nhận" not in text


def test_the_annex_lists_every_bloc_of_the_year_with_its_head_deputies_and_basis(
    client_for, board, province_a
):
    text = annex_text(client_for(board), province_a)

    assert "STT Khối, Cụm thi đua Khối trưởng Khối phó Căn cứ" in text
    assert (
        "1 Khối thi đua số 1 Công an tỉnh Đắk Lắk Viện kiểm sát nhân dân tỉnh Đắk Lắk "
        "Bầu tại Hội nghị của Khối" in text
    )
    assert (
        "2 Khối thi đua số 2 Bộ Chỉ huy Quân sự tỉnh Đắk Lắk Không Bầu tại Hội nghị của Khối"
        in text
    )
    assert "Cao Bằng" not in text


def test_the_annex_is_set_in_the_document_serif(client_for, board, province_a):
    pdf = client_for(board).get(annex_url(province_a)).content

    assert_document_serif(pdf)
    assert not any("DejaVu" in name for name in base_fonts(pdf))


def test_blocs_come_in_their_numbers_order_and_clusters_after_them(client_for, board, world):
    for name, kind in (
        ("Khối thi đua số 10", Bloc.Kind.BLOC),
        ("Cụm thi đua số 1", Bloc.Kind.CLUSTER),
    ):
        bloc = BlocFactory(province=world.province_a, name=name, kind=kind)
        MembershipFactory(bloc_year=BlocYearFactory(bloc=bloc, year=2025), head=True)

    text = annex_text(client_for(board), world.province_a)

    assert (
        text.index("1 Khối thi đua số 1 ")
        < text.index("2 Khối thi đua số 2 ")
        < text.index("3 Khối thi đua số 10 ")
        < text.index("4 Cụm thi đua số 1 ")
    )


def test_roman_numbered_blocs_sort_by_their_value(province_a):
    names = ["Khối thi đua IX", "Khối thi đua II", "Khối thi đua IV", "Khối thi đua I"]
    blocs = [Bloc(province=province_a, name=name, kind=Bloc.Kind.BLOC) for name in names]

    ordered = [bloc.name for bloc in sorted(blocs, key=bloc_order)]

    assert ordered == ["Khối thi đua I", "Khối thi đua II", "Khối thi đua IV", "Khối thi đua IX"]


def test_leaders_carry_their_decision_or_rotation_and_the_name_of_that_year(
    client_for, board, world
):
    bloc_year = world.bloc_year_2
    decision = LeadershipDecisionFactory(
        province=world.province_a, number="888/QĐ-UBND", date=datetime.date(2025, 5, 21)
    )
    head = bloc_year.memberships.get(role=Membership.Role.HEAD)
    head.basis, head.decision = Membership.Basis.DECISION, decision
    head.save()
    renamed = UnitFactory(
        province=world.province_a,
        short_name="Thi hành án dân sự tỉnh",
        full_name="Thi hành án dân sự tỉnh Đắk Lắk",
    )
    UnitNameFactory(
        unit=renamed,
        short_name="Cục Thi hành án dân sự tỉnh",
        full_name="Cục Thi hành án dân sự tỉnh Đắk Lắk",
        valid_until=datetime.date(2026, 3, 1),
    )
    MembershipFactory(
        bloc_year=bloc_year,
        unit=renamed,
        role=Membership.Role.DEPUTY,
        deputy_rank=1,
        basis=Membership.Basis.ROTATION,
        elected_on=datetime.date(2025, 1, 20),
    )

    text = annex_text(client_for(board), world.province_a)

    assert (
        "2 Khối thi đua số 2 Bộ Chỉ huy Quân sự tỉnh Đắk Lắk Cục Thi hành án dân sự tỉnh "
        "Đắk Lắk Quyết định số 888/QĐ-UBND ngày 21 tháng 5 năm 2025; Luân phiên theo quy chế, "
        "thống nhất tại Hội nghị ngày 20 tháng 01 năm 2025" in text
    )


def test_unknown_deputies_and_a_missing_head_are_left_to_fill_in(client_for, board, world):
    bloc_year = world.bloc_year_2
    bloc_year.memberships.filter(role=Membership.Role.HEAD).update(
        role=Membership.Role.MEMBER, basis=""
    )
    bloc_year.deputies_unknown = True
    bloc_year.save()

    text = annex_text(client_for(board), world.province_a)

    assert "2 Khối thi đua số 2 …………… ……………" in text


def test_the_annex_costs_the_same_queries_however_many_blocs(
    client_for, board, world, django_assert_max_num_queries
):
    client = client_for(board)
    with django_assert_max_num_queries(10) as few:
        client.get(annex_url(world.province_a))
    for number in range(3, 9):
        bloc = BlocFactory(province=world.province_a, name=f"Khối thi đua số {number}")
        bloc_year = BlocYearFactory(bloc=bloc, year=2025)
        MembershipFactory(bloc_year=bloc_year, head=True)
        MembershipFactory(bloc_year=bloc_year, deputy=True)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(annex_url(world.province_a))


def test_the_leadership_page_offers_the_annex_of_each_province_with_blocs_that_year(
    client_for, board, national, province_a, province_b
):
    page = client_for(board).get(reverse("blocs:province_leadership", args=[2025]))
    assert annex_url(province_a) in page.content.decode()
    assert annex_url(province_b) not in page.content.decode()

    everywhere = client_for(national).get(reverse("blocs:province_leadership", args=[2025]))
    assert annex_url(province_a) in everywhere.content.decode()
    assert annex_url(province_b) in everywhere.content.decode()

    empty_year = client_for(board).get(reverse("blocs:province_leadership", args=[2019]))
    assert annex_url(province_a, 2019) not in empty_year.content.decode()
