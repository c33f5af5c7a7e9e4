"""Notifications: in the app (a count in the navigation bar, a list, marked read) and by e-mail
for those who wish, never the same one twice."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.checks import told as subjects
from tests.mail import run_worker, smtp_mailers, smtp_server
from units.models import Notification
from units.services.notifications import notify

pytestmark = pytest.mark.django_db


@pytest.fixture
def mailed(secretariat, board, member_staff):
    for user, address in ((secretariat, "ca@daklak.gov.vn"), (board, "ban@daklak.gov.vn")):
        user.email = address
        user.save()
    return secretariat, board


class TestTelling:
    def test_a_key_is_told_once(self, secretariat):
        for _ in range(2):
            notify(users=[secretariat], subject="Hạn ký giao ước", key="due:1:pledge")

        assert subjects(secretariat) == ["Hạn ký giao ước"]

    def test_it_is_mailed_to_who_wishes_through_smtp(self, mailed, settings, member_staff):
        secretariat, board = mailed
        board.email_notifications = False
        board.save()

        with smtp_server() as (controller, inbox):
            settings.MAILERS = smtp_mailers(controller)
            notify(
                users=[secretariat, board, member_staff],
                subject="Tỉnh trả lại đề nghị",
                body="Lý do: thiếu hồ sơ",
                url="/blocs/1/2025/nominations/",
            )
            run_worker()

        assert [m["To"] for m in inbox] == ["ca@daklak.gov.vn"]
        text = inbox[0].get_content()
        assert "Tỉnh trả lại đề nghị" in inbox[0]["Subject"]
        assert "Lý do: thiếu hồ sơ" in text
        assert "http://127.0.0.1:8000/blocs/1/2025/nominations/" in text
        assert Notification.objects.count() == 3  # in the app all the same

    def test_a_deactivated_account_is_not_told(self, secretariat):
        secretariat.is_active = False
        secretariat.save()

        assert notify(users=[secretariat], subject="x") == []


class TestInTheApp:
    def test_the_count_the_list_and_reading(self, secretariat, client_for):
        notify(users=[secretariat], subject="Hạn gửi hồ sơ", url="/blocs/1/2025/")
        client = client_for(secretariat)

        count = client.get(reverse("units:notification_count")).content.decode()
        assert 'data-testid="notification-count">1<' in count
        page = client.get(reverse("units:notifications")).content.decode()
        assert "Hạn gửi hồ sơ" in page
        notification = Notification.objects.get()
        opened = client.post(reverse("units:notification_open", args=[notification.pk]))
        assert opened.url == "/blocs/1/2025/"
        assert Notification.objects.unread().count() == 0
        assert (
            "notification-count"
            not in client.get(reverse("units:notification_count")).content.decode()
        )

    def test_every_page_asks_for_the_count_after_it_loads(self, secretariat, client_for):
        page = client_for(secretariat).get(reverse("dashboard")).content.decode()

        assert f'hx-get="{reverse("units:notification_count")}"' in page

    def test_someone_elses_is_not_found(self, secretariat, member_staff, client_for):
        notify(users=[secretariat], subject="x")
        notification = Notification.objects.get()

        response = client_for(member_staff).post(
            reverse("units:notification_open", args=[notification.pk])
        )

        assert response.status_code == 404
        assert Notification.objects.unread().count() == 1

    def test_all_are_marked_read(self, secretariat, client_for):
        notify(users=[secretariat], subject="a")
        notify(users=[secretariat], subject="b")

        client_for(secretariat).post(reverse("units:notifications_read"))

        assert Notification.objects.unread().count() == 0


def test_the_list_queries_do_not_grow_with_the_notifications(
    secretariat, client_for, django_assert_max_num_queries
):
    client = client_for(secretariat)
    url = reverse("units:notifications")
    notify(users=[secretariat], subject="một")
    client.get(url)
    with django_assert_max_num_queries(6) as few:
        client.get(url)
    for n in range(40):
        notify(users=[secretariat], subject=f"thông báo {n}")

    with django_assert_max_num_queries(len(few)):
        page = client.get(url)

    assert len(page.context["page_obj"]) == 30
