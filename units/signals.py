"""Recording a login without a history entry of the user."""

from __future__ import annotations

from django.utils import timezone


def last_login_update(sender, user, **kwargs) -> None:
    """Set the user's last login with an update, which the history does not record: a login
    changes no field a person edits, and one history entry per login would bury the real ones."""
    user.last_login = timezone.now()
    type(user)._default_manager.filter(pk=user.pk).update(last_login=user.last_login)
