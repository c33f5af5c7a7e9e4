"""How documents write people, titles and the text users typed."""

from __future__ import annotations

import unicodedata


def paragraphs(text: str) -> list[str]:
    """Split typed text into its non-empty paragraphs, one per line."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def title_in(title: str, organisation: str) -> str:
    """Join a title to its organisation without saying the organisation twice.

    "Phó Chánh Thanh tra tỉnh" in "Thanh tra tỉnh Đắk Lắk" gives "Phó Chánh Thanh tra tỉnh Đắk
    Lắk", "Chính ủy" in "Bộ Chỉ huy Quân sự tỉnh Đắk Lắk" gives "Chính ủy Bộ Chỉ huy …".
    """
    title, organisation = (title or "").strip(), (organisation or "").strip()
    if not organisation or organisation.casefold() in title.casefold():
        return title
    if not title:
        return organisation
    title_words, organisation_words = title.split(), organisation.split()
    folded_title = [word.casefold() for word in title_words]
    folded_organisation = [word.casefold() for word in organisation_words]
    for overlap in range(min(len(title_words), len(organisation_words)), 0, -1):
        if folded_title[-overlap:] == folded_organisation[:overlap]:
            return " ".join([*title_words, *organisation_words[overlap:]])
    return f"{title} {organisation}"


def person(name: str, title: str = "", organisation: str = "") -> str:
    """Write a person as documents name them: "Thượng tá Trần Minh Trọng, Chính ủy Bộ CHQS …"."""
    role = title_in(title, organisation)
    return ", ".join(part for part in (name.strip(), role) if part)


def sort_key(name: str) -> tuple[str, str]:
    """Return a key that sorts Vietnamese names as a reader expects, near enough: letters
    before their marks ("Đắk Tân" before "Đắk Trung"), case ignored."""
    folded = unicodedata.normalize("NFD", name.casefold().replace("đ", "d\uffff"))
    base = "".join(char for char in folded if not unicodedata.combining(char))
    return base, name
