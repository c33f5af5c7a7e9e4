"""The error pages speak Vietnamese in the app's layout, with DEBUG off as in production: 400,
403, 404, 500 and a refused form (CSRF); and the app has an icon."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def page_of(response) -> str:
    text = response.content.decode()
    assert 'data-testid="error-page"' in text
    assert 'lang="vi"' in text
    assert reverse("dashboard") in text  # the layout: the navbar and the way back
    return text


def test_debug_is_off(settings):
    assert settings.DEBUG is False


def test_a_page_that_does_not_exist(client_for, board):
    response = client_for(board).get("/blocs/999999/")

    assert response.status_code == 404
    assert "Không tìm thấy trang" in page_of(response)


def test_a_page_the_account_may_not_open(client_for, member_staff, world):
    response = client_for(member_staff).get(reverse("units:unit_edit", args=[world.unit_h.pk]))

    assert response.status_code == 403
    assert "Không được phép" in page_of(response)


def test_a_request_the_server_cannot_read(client_for, board):
    response = client_for(board).get(reverse("dashboard"), HTTP_HOST="not-this-site.example")

    assert response.status_code == 400
    assert "Không đọc được yêu cầu" in page_of(response)


@pytest.mark.urls("tests.error_urls")
def test_a_server_error_says_what_to_do_and_nothing_of_the_failure(client_for, board):
    client = client_for(board)
    client.raise_request_exception = False

    response = client.get("/fail/")

    assert response.status_code == 500
    text = page_of(response)
    assert "Lỗi máy chủ" in text
    assert "a failure the page must not show" not in text


def test_a_form_sent_without_its_protection_token(world, board):
    client = Client(enforce_csrf_checks=True)
    client.force_login(board)

    response = client.post(reverse("units:unit_edit", args=[world.unit_h.pk]), {})

    assert response.status_code == 403
    assert "Biểu mẫu đã hết hạn" in page_of(response)


def test_the_app_has_an_icon(client, client_for, board):
    response = client.get("/favicon.ico")

    assert response.status_code == 301
    assert response["Location"].endswith("favicon.svg")
    assert 'rel="icon"' in client_for(board).get(reverse("dashboard")).content.decode()
