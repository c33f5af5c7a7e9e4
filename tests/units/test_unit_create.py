"""Creating a unit of the province (board), from its page."""

from __future__ import annotations

import unicodedata

import pytest
from django.urls import reverse
from django.utils import translation

from units.models import Unit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """Render the pages in English: the Vietnamese of these messages comes later."""
    with translation.override("en"):
        yield


@pytest.fixture
def url(province_a):
    return reverse("units:unit_create", args=[province_a.code])


def unit_data(**changes) -> dict:
    data = {
        "short_name": "Sở Nội vụ",
        "full_name": "Sở Nội vụ tỉnh Đắk Lắk",
        "abbreviation": "SNV",
        "address": "Số 8 Lê Duẩn, Buôn Ma Thuột",
        "leader_name": "Nguyễn Văn A",
        "leader_title": "Giám đốc",
    }
    return {**data, **changes}


def test_the_board_creates_a_unit_and_the_history_names_them(province_a, board, client_for, url):
    response = client_for(board).post(url, unit_data())

    unit = Unit.objects.get(province=province_a, full_name="Sở Nội vụ tỉnh Đắk Lắk")
    assert response.status_code == 302
    assert response.url == unit.get_absolute_url()
    assert (unit.abbreviation, unit.leader_title) == ("SNV", "Giám đốc")
    assert unit.history.get().history_user == board


def test_typed_text_is_stored_composed(province_a, board, client_for, url):
    typed = unicodedata.normalize("NFD", "Sở Nội vụ tỉnh Đắk Lắk")

    client_for(board).post(url, unit_data(full_name=typed, leader_name=f"  {typed} "))

    unit = Unit.objects.get(province=province_a, short_name="Sở Nội vụ")
    assert unit.full_name == "Sở Nội vụ tỉnh Đắk Lắk"
    assert unit.leader_name == "Sở Nội vụ tỉnh Đắk Lắk"


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("board", 200),
        ("national", 403),
        ("secretariat", 404),
        ("member_staff", 404),
        ("other_province_board", 404),
    ],
)
def test_only_the_board_of_the_province_opens_the_form(request, client_for, url, persona, status):
    assert client_for(request.getfixturevalue(persona)).get(url).status_code == status


@pytest.mark.parametrize(
    ("persona", "status"),
    [("national", 403), ("secretariat", 404), ("other_province_board", 404)],
)
def test_others_cannot_create_a_unit(request, province_a, client_for, url, persona, status):
    response = client_for(request.getfixturevalue(persona)).post(url, unit_data())

    assert response.status_code == status
    assert not Unit.objects.filter(full_name="Sở Nội vụ tỉnh Đắk Lắk").exists()


def test_a_full_name_the_province_has_is_refused_with_the_typed_values_kept(
    province_a, unit_h, board, client_for, url
):
    response = client_for(board).post(
        url, unit_data(full_name=unit_h.full_name, leader_name="Trần Văn Gõ")
    )

    assert response.status_code == 200
    assert response.context["form"].errors["full_name"] == [
        "This province already has a unit with this name."
    ]
    assert 'value="Trần Văn Gõ"' in response.content.decode()
    assert Unit.objects.filter(province=province_a, full_name=unit_h.full_name).count() == 1


def test_a_missing_short_name_is_refused_on_its_field(province_a, board, client_for, url):
    response = client_for(board).post(url, unit_data(short_name=""))

    assert response.status_code == 200
    assert "short_name" in response.context["form"].errors
    assert not Unit.objects.filter(full_name="Sở Nội vụ tỉnh Đắk Lắk").exists()


def test_the_same_name_in_another_province_is_allowed(
    province_b, unit_h, other_province_board, client_for
):
    board_b = other_province_board
    url = reverse("units:unit_create", args=[province_b.code])

    response = client_for(board_b).post(url, unit_data(full_name=unit_h.full_name))

    assert response.status_code == 302
    assert Unit.objects.filter(province=province_b, full_name=unit_h.full_name).exists()


def test_the_province_page_links_to_the_form_and_the_import_for_the_board_only(
    province_a, board, national, client_for, url
):
    import_url = reverse("units:units_import", args=[province_a.code])

    for_board = client_for(board).get(province_a.get_absolute_url()).content.decode()
    for_national = client_for(national).get(province_a.get_absolute_url()).content.decode()

    assert url in for_board
    assert import_url in for_board
    assert url not in for_national
    assert import_url not in for_national
