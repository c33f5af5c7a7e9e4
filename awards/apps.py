from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "awards"
    verbose_name = _("Awards")

    def ready(self) -> None:
        # Declares the kinds of document of the year-end review and extends the minutes,
        # declares the review's records that files are attached to, and fills awards' slots
        # of units' and blocs' pages.
        from awards import attachables, slots  # noqa: F401
        from awards.documents import kinds  # noqa: F401
