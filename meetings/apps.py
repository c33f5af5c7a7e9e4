from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Meetings and documents")

    def ready(self) -> None:
        # Registers the system check that warns when no document serif is installed, declares
        # the kinds of document meetings issues and the records files are attached to, and
        # fills its slots of blocs' pages.
        from meetings import attachables, slots  # noqa: F401
        from meetings.documents import kinds, pdf  # noqa: F401
        from meetings.services import originals  # noqa: F401  (the trusted authorities' check)
