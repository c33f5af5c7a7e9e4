"""Cleaning of the text users type."""

from __future__ import annotations

import unicodedata


def nfc(value: str | None) -> str:
    """Return the text in Unicode NFC with outer whitespace removed."""
    if not value:
        return ""
    return unicodedata.normalize("NFC", value).strip()
