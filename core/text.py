"""Cleaning of the text users type."""

from __future__ import annotations

import unicodedata

from django.utils.translation import gettext_noop, ngettext_lazy


def nfc(value: str | None) -> str:
    """Return the text in Unicode NFC with outer whitespace removed."""
    if not value:
        return ""
    return unicodedata.normalize("NFC", value).strip()


def text_key(value: str) -> str:
    """Return the text as names are compared: NFC, case and runs of spaces ignored."""
    return " ".join(nfc(value).casefold().split())


# Django's own strings that its Vietnamese catalogue lacks; the project's catalogue (found first,
# through LOCALE_PATHS) translates them.
DJANGO_STRINGS = (
    gettext_noop("- Select an option -"),
    gettext_noop("Null characters are not allowed."),
    gettext_noop(
        "ManagementForm data is missing or has been tampered with. Missing fields: "
        "%(field_names)s. You may need to file a bug report if the issue persists."
    ),
    ngettext_lazy(
        "Please submit at most %(num)d form.", "Please submit at most %(num)d forms.", "num"
    ),
    ngettext_lazy(
        "Please submit at least %(num)d form.", "Please submit at least %(num)d forms.", "num"
    ),
)
