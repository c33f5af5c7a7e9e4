"""How documents write the text users typed, and sort names (people: core.text)."""

from __future__ import annotations

import unicodedata


def paragraphs(text: str) -> list[str]:
    """Split typed text into its non-empty paragraphs, one per line."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def sort_key(name: str) -> tuple[str, str]:
    """Return a key that sorts Vietnamese names as a reader expects, near enough: letters
    before their marks ("Đắk Tân" before "Đắk Trung"), case ignored."""
    folded = unicodedata.normalize("NFD", name.casefold().replace("đ", "d\uffff"))
    base = "".join(char for char in folded if not unicodedata.combining(char))
    return base, name
