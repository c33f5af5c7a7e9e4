from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Meetings and documents")

    def ready(self) -> None:
        # Registers the system check that warns when no document serif is installed.
        from meetings import pdf  # noqa: F401

        # Registers the builders of the documents meetings issues.
        from meetings.documents import (  # noqa: F401
            handover,  # noqa: F401
            minutes,
            pledge,
        )
