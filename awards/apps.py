from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "awards"
    verbose_name = _("Awards")

    def ready(self) -> None:
        # Registers the builders and sources of the year-end review's documents; the minutes
        # builder replaces the meetings' one, whose app is ready before this one.
        from awards.documents import minutes, sources, submission, vote_count  # noqa: F401
