"""Cleaning of the text users type."""

from __future__ import annotations

import unicodedata

from django.utils.translation import gettext_noop


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
DJANGO_STRINGS = (gettext_noop("- Select an option -"),)
