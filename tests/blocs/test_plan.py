"""The bloc's plan for its year: recorded by the secretariat or the board, read by members."""

from __future__ import annotations

import pytest
from django.urls import reverse

from blocs.models import BlocYear, Plan

pytestmark = pytest.mark.django_db


def url(bloc_year):
    return reverse("blocs:plan_edit", args=[bloc_year.bloc_id, bloc_year.year])


def data(**overrides):
    values = {
        "version": 0,
        "number": "02/KH-KTĐ1",
        "issued_on": "2025-06-29",
        "subject": "thực hiện phong trào thi đua năm 2025",
        "basis": "",
        "content": "Thi đua hoàn thành xuất sắc nhiệm vụ",
    }
    return {**values, **overrides}


def test_the_secretariat_records_the_plan_and_the_year_page_shows_it(
    bloc_year_1, secretariat, member_staff, client_for
):
    response = client_for(secretariat).post(url(bloc_year_1), data())

    assert response.status_code == 302
    plan = Plan.objects.get(bloc_year=bloc_year_1)
    assert (plan.number, str(plan.issued_on), plan.version) == ("02/KH-KTĐ1", "2025-06-29", 1)
    page = client_for(member_staff).get(bloc_year_1.get_absolute_url()).content.decode()
    assert "02/KH-KTĐ1" in page


def test_a_correction_needs_the_current_version(bloc_year_1, board, secretariat, client_for):
    client_for(secretariat).post(url(bloc_year_1), data())

    stale = client_for(board).post(url(bloc_year_1), data(number="03/KH-KTĐ1", version=0))
    fresh = client_for(board).post(url(bloc_year_1), data(number="03/KH-KTĐ1", version=1))

    assert stale.status_code == 200
    assert "03/KH-KTĐ1" in stale.content.decode()  # what was typed is kept
    assert fresh.status_code == 302
    assert Plan.objects.get(bloc_year=bloc_year_1).number == "03/KH-KTĐ1"


def test_bad_input_is_refused_and_kept(bloc_year_1, secretariat, client_for):
    response = client_for(secretariat).post(url(bloc_year_1), data(issued_on="31/02/2025"))

    assert response.status_code == 200
    assert response.context["form"].errors["issued_on"]
    assert "thực hiện phong trào thi đua năm 2025" in response.content.decode()
    assert not Plan.objects.exists()


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("board", 200),
        ("secretariat", 200),
        ("deputy_staff", 200),
        ("member_staff", 403),
        ("other_bloc_staff", 404),
        ("other_province_staff", 404),
        ("other_province_board", 404),
        ("national", 403),
    ],
)
def test_who_may_record_the_plan(request, bloc_year_1, client_for, persona, status):
    client = client_for(request.getfixturevalue(persona))

    assert client.get(url(bloc_year_1)).status_code == status
    post = client.post(url(bloc_year_1), data())
    assert post.status_code == (302 if status == 200 else status)


def test_a_closed_year_is_the_boards_alone(bloc_year_1, board, secretariat, client_for):
    BlocYear.objects.filter(pk=bloc_year_1.pk).update(state=BlocYear.State.CLOSED)

    assert client_for(secretariat).post(url(bloc_year_1), data()).status_code == 403
    assert client_for(board).post(url(bloc_year_1), data()).status_code == 302
