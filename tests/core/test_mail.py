"""Mail is written in the request, queued in the database and sent by the worker, through a
real SMTP server."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core import mail
from django.db import connection, transaction
from django_tasks_db.models import DBTaskResult

from core.mail import mail_queue
from tests.mail import run_worker, smtp_mailers, smtp_server

pytestmark = pytest.mark.django_db

CONTEXT = {
    "user": SimpleNamespace(get_full_name="Nguyễn Văn A", username="nva"),
    "url": "http://127.0.0.1:8000/accounts/set/abc/def/",
}


def test_a_queued_mail_waits_for_the_worker(settings):
    mail_queue(template="registration/password_set_email", context=CONTEXT, to=["a@so.gov.vn"])

    assert mail.outbox == []
    assert DBTaskResult.objects.count() == 1


def test_the_worker_sends_it_through_smtp_in_vietnamese(settings):
    with smtp_server() as (controller, inbox):
        settings.MAILERS = smtp_mailers(controller)
        mail_queue(template="registration/password_set_email", context=CONTEXT, to=["a@so.gov.vn"])
        run_worker()

    assert len(inbox) == 1
    message = inbox[0]
    assert message["To"] == "a@so.gov.vn"
    assert "Khối thi đua" in message["From"]
    assert message["Subject"] == "Tài khoản Khối thi đua của Nguyễn Văn A"
    assert "http://127.0.0.1:8000/accounts/set/abc/def/" in message.get_content()
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def test_a_mail_server_that_is_down_fails_the_task_not_the_page(settings):
    with smtp_server() as (controller, _inbox):
        settings.MAILERS = smtp_mailers(controller)
    # The server has stopped: the address refuses connections.
    mail_queue(template="registration/password_set_email", context=CONTEXT, to=["a@so.gov.vn"])
    run_worker()

    assert DBTaskResult.objects.get().status == "FAILED"


def test_nothing_is_sent_when_the_write_is_rolled_back():
    with pytest.raises(RuntimeError), transaction.atomic():
        mail_queue(template="registration/password_set_email", context=CONTEXT, to=["a@so.gov.vn"])
        raise RuntimeError

    assert DBTaskResult.objects.count() == 0


def test_nothing_is_queued_without_an_address():
    mail_queue(template="registration/password_set_email", context=CONTEXT, to=["", None])

    assert DBTaskResult.objects.count() == 0


def test_development_prints_the_mail_readably(settings):
    stream = io.StringIO()
    settings.MAILERS = {
        "default": {"BACKEND": "core.mail.ConsoleBackend", "OPTIONS": {"stream": stream}}
    }
    mail_queue(template="registration/password_set_email", context=CONTEXT, to=["a@so.gov.vn"])
    run_worker()

    printed = stream.getvalue()
    assert "Subject: Tài khoản Khối thi đua của Nguyễn Văn A" in printed
    assert "Kính gửi Nguyễn Văn A," in printed
    assert "http://127.0.0.1:8000/accounts/set/abc/def/" in printed


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the worker runs as a process of its own, which needs a database server to share",
)
def test_the_worker_process_sends_what_the_app_queued():
    settings_dict = connection.settings_dict
    database = "postgres://{USER}@{HOST}:{PORT}/{NAME}".format(**settings_dict)
    with smtp_server() as (controller, inbox):
        mail_queue(template="registration/password_set_email", context=CONTEXT, to=["a@so.gov.vn"])
        env = {
            **os.environ,
            "DATABASE_URL": database,
            "EMAIL_URL": f"smtp://{controller.hostname}:{controller.port}",
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
        }
        worker = subprocess.run(
            [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay"],
            env=env,
            cwd=Path(__file__).resolve().parents[2],
            capture_output=True,
            text=True,
            timeout=60,
        )

    assert worker.returncode == 0, worker.stderr
    assert [message["To"] for message in inbox] == ["a@so.gov.vn"]
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
