"""What the app tells a person: a step that waits on them, a date coming or passed, an answer
from the province. Listed in the app, mailed to those who wish."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from units.models.accounts import User


class NotificationQuerySet(models.QuerySet):
    def unread(self) -> NotificationQuerySet:
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """One thing a person is told, with where to act on it; told once per key."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="notifications", verbose_name=_("user")
    )
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("details"), blank=True)
    url = models.CharField(_("address"), max_length=500, blank=True)
    # What makes it the same notification (a step of a bloc-year due on a day): a person is
    # told each key once, however often the reminders run.
    key = models.CharField(_("key"), max_length=200, blank=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["user", "read_at"], name="units_notification_unread")]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "key"],
                condition=~Q(key=""),
                name="units_notification_once_per_key",
                violation_error_message=_("This person was already told this."),
            ),
        ]

    def __str__(self) -> str:
        return self.subject

    @property
    def is_read(self) -> bool:
        return self.read_at is not None
