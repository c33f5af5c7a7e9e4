"""E-mail: written while the request or command runs, sent by the task worker afterwards, so a
slow or absent mail server never holds up a page."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.backends import console
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import translation


class ConsoleBackend(console.EmailBackend):
    """Print each mail as its reader would see it (development): Vietnamese text stays
    readable, where the raw message carries it encoded."""

    def write_message(self, message):
        self.stream.write(
            f"From: {message.from_email}\nTo: {', '.join(message.to)}\n"
            f"Subject: {message.subject}\n\n{message.body}\n{'-' * 79}\n"
        )


@task(priority=10)
def mail_send(*, subject: str, body: str, to: list[str]) -> int:
    """Send one written mail; the worker runs this, and a failure stays in its results."""
    return EmailMessage(subject=subject, body=body, to=to).send()


def mail_queue(*, template: str, context: dict, to: list[str]) -> None:
    """Write a mail from `<template>_subject.txt` and `<template>.txt`, in Vietnamese, and
    queue it; nothing is queued without an address.

    The task is queued in the caller's transaction: a write that is rolled back sends nothing.
    """
    to = [address for address in to if address]
    if not to:
        return
    context = {"site_url": settings.SITE_URL, **context}
    with translation.override(settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}.txt", context)
    mail_send.enqueue(subject=subject, body=body, to=to)
