from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BlocsConfig(AppConfig):
    name = "blocs"
    verbose_name = _("Emulation blocs")

    def ready(self) -> None:
        # Declares blocs' own sections of a bloc-year and its own steps of the year.
        from blocs import slots  # noqa: F401
        from blocs.selectors import progress  # noqa: F401
