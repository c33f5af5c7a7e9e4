"""A real SMTP server for the tests: what the app sends arrives over a socket, as in production."""

from __future__ import annotations

import email
import email.policy
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from unittest import mock

from aiosmtpd.controller import Controller
from django.core.management import call_command


class _Inbox:
    def __init__(self) -> None:
        self.messages: list[email.message.EmailMessage] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        self.messages.append(
            email.message_from_bytes(envelope.content, policy=email.policy.default)
        )
        return "250 OK"


@contextmanager
def smtp_server() -> Iterator[tuple[Controller, list]]:
    """Run an SMTP server on a free local port; yield it and the list its mails arrive in."""
    inbox = _Inbox()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield controller, inbox.messages
    finally:
        controller.stop()


def smtp_mailers(controller: Controller) -> dict:
    """Return the MAILERS setting that sends to that server."""
    return {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": controller.hostname, "port": controller.port, "timeout": 5},
        }
    }


def run_worker() -> None:
    """Run the task worker (manage.py db_worker) until the queue is empty, in this process.

    The worker recycles database connections between tasks, as a long-running process should;
    inside a test's transaction that would close the connection the test runs in, so the
    recycling is left out here and only here.
    """
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
