"""Telling people: a notification in the app for each, and a mail for those who wish, queued
for the worker. Each key is told to a person once, however often the callers run."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.mail import mail_queue
from units.models import Notification, Province, Unit, User


def notify(
    *, users: Iterable[User], subject: str, body: str = "", url: str = "", key: str = ""
) -> list[Notification]:
    """Tell each active user, once per `key` (no key: every time); return what was told."""
    told = []
    for user in {user.pk: user for user in users if user.is_active}.values():
        notification = Notification(user=user, subject=subject, body=body, url=url, key=key)
        if key:
            try:
                with transaction.atomic():
                    notification.save()
            except IntegrityError:  # told already, maybe by a run at the same moment
                continue
        else:
            notification.save()
        told.append(notification)
        if user.email_notifications and user.email:
            mail_queue(
                template="mail/notification",
                context={
                    "user": user,
                    "notification": notification,
                    "link": settings.SITE_URL + url if url.startswith("/") else url,
                },
                to=[user.email],
            )
    return told


def notifications_read(*, user: User, pks: Iterable[int] | None = None) -> int:
    """Mark the user's notifications read (these, or all); return how many were unread."""
    unread = Notification.objects.filter(user=user).unread()
    if pks is not None:
        unread = unread.filter(pk__in=list(pks))
    return unread.update(read_at=timezone.now())


def board_of(province: Province | int) -> list[User]:
    """Return the active accounts of a province's board."""
    return list(User.objects.filter(province=province, is_active=True))


def staff_of(units: Iterable[Unit | int]) -> list[User]:
    """Return the active accounts of the units' focal points."""
    ids = [unit if isinstance(unit, int) else unit.pk for unit in units]
    return list(User.objects.filter(unit__in=ids, is_active=True))
