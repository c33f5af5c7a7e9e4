"""Logging in and out, in Vietnamese, with django-axes guarding against password guessing."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD, UnitUserFactory

pytestmark = pytest.mark.django_db

OFFICE = "10.0.0.7"
HOME = "192.0.2.44"


@pytest.fixture
def login_url():
    return reverse("login")


def log_in(client, username: str, password: str, ip: str = OFFICE):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def is_logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_the_login_page_is_in_vietnamese(client, login_url):
    response = client.get(login_url)

    assert response.status_code == 200
    page = response.content.decode()
    assert 'name="username"' in page
    assert 'name="password"' in page
    assert '<html lang="vi">' in page
    assert "Đăng nhập" in page


def test_a_correct_login_lands_on_the_dashboard(client, secretariat):
    response = log_in(client, secretariat.username, PASSWORD)

    assert response.status_code == 302
    assert response.url == reverse("dashboard")
    assert is_logged_in(client)
    assert client.get(response.url).status_code == 200


def test_a_login_is_noted_without_an_entry_in_the_user_s_history(client, secretariat):
    entries = secretariat.history.count()

    log_in(client, secretariat.username, PASSWORD)
    log_in(Client(), secretariat.username, PASSWORD)

    secretariat.refresh_from_db()
    assert secretariat.last_login is not None
    assert secretariat.history.count() == entries


def test_a_wrong_password_shows_the_form_again_with_an_error(client, secretariat):
    response = log_in(client, secretariat.username, "sai-mat-khau")

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert not is_logged_in(client)


def test_a_logged_in_user_who_opens_the_login_page_goes_to_the_dashboard(
    client_for, secretariat, login_url
):
    response = client_for(secretariat).get(login_url)

    assert response.status_code == 302
    assert response.url == reverse("dashboard")


class TestLockout:
    """Five wrong passwords lock the username on that address only; an office shares one."""

    @pytest.fixture
    def locked(self, client, secretariat):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            log_in(client, secretariat.username, "sai-mat-khau")
        return secretariat

    def test_the_limit_is_five_failures(self):
        assert settings.AXES_FAILURE_LIMIT == 5

    def test_the_right_password_is_refused_after_five_failures(self, client, locked):
        response = log_in(client, locked.username, PASSWORD)

        assert response.status_code == 429
        assert "registration/locked_out.html" in [t.name for t in response.templates]
        assert not is_logged_in(client)

    def test_four_failures_do_not_lock(self, client, secretariat):
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            log_in(client, secretariat.username, "sai-mat-khau")

        response = log_in(client, secretariat.username, PASSWORD)

        assert response.status_code == 302
        assert is_logged_in(client)

    def test_the_same_username_still_logs_in_from_another_address(self, client, locked):
        response = log_in(client, locked.username, PASSWORD, ip=HOME)

        assert response.status_code == 302
        assert is_logged_in(client)

    def test_another_username_still_logs_in_from_the_same_address(self, client, locked):
        colleague = UnitUserFactory(unit=locked.unit)

        response = log_in(client, colleague.username, PASSWORD)

        assert response.status_code == 302
        assert is_logged_in(client)

    def test_a_success_before_the_limit_starts_the_count_again(self, client, secretariat):
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            log_in(client, secretariat.username, "sai-mat-khau")
        log_in(client, secretariat.username, PASSWORD)
        client.post(reverse("logout"))

        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            log_in(client, secretariat.username, "sai-mat-khau")
        response = log_in(client, secretariat.username, PASSWORD)

        assert response.status_code == 302


class TestLogout:
    def test_logout_refuses_get_and_keeps_the_user_logged_in(self, client_for, secretariat):
        client = client_for(secretariat)

        response = client.get(reverse("logout"))

        assert response.status_code == 405
        assert is_logged_in(client)

    def test_logout_by_post_ends_the_session_and_returns_to_the_login_page(
        self, client_for, secretariat
    ):
        client = client_for(secretariat)

        response = client.post(reverse("logout"))

        assert response.status_code == 302
        assert response.url == reverse("login")
        assert not is_logged_in(client)
        assert client.get(reverse("dashboard")).status_code == 302

    def test_every_page_offers_logout_as_a_form_that_posts(self, client_for, secretariat):
        page = client_for(secretariat).get(reverse("dashboard")).content.decode()

        assert f'<form method="post" action="{reverse("logout")}"' in page
