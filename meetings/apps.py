from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Meetings and documents")

    def ready(self) -> None:
        # Registers the system check that warns when no document serif is installed, and
        # declares the kinds of document meetings issues.
        from meetings.documents import kinds, pdf  # noqa: F401
