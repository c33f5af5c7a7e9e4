"""Cleaning of the text users type."""

from __future__ import annotations

import re
import unicodedata

from django.utils.text import slugify
from django.utils.translation import gettext_noop, ngettext_lazy


def nfc(value: str | None) -> str:
    """Return the text in Unicode NFC with outer whitespace removed."""
    if not value:
        return ""
    return unicodedata.normalize("NFC", value).strip()


def ascii_slug(value: str) -> str:
    """Return the text as an address part in plain letters: "Điện Biên" gives "dien-bien".

    Unicode decomposes the tone marks but not đ, a letter of its own: it is replaced first.
    """
    return slugify(nfc(value).replace("đ", "d").replace("Đ", "D"))


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
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        "min_length",
    ),
)


# A title that already ends its own organisation's name with a locality ("Phó Trưởng ban Thi
# đua - Khen thưởng tỉnh") names a body of its own: another organisation follows after a comma.
# An office alone ("Chính ủy", "Trợ lý Tuyên huấn") takes the organisation as its complement.
LOCALITY = re.compile(r"(?<!\w)(tỉnh|huyện|quận|thành phố|trung ương)(?!\w)", re.IGNORECASE)


def names_a_body(title: str) -> bool:
    """Whether a title names an organisation of its own, with its locality."""
    return LOCALITY.search(title) is not None


def title_in(title: str, organisation: str) -> str:
    """Join a title to its organisation without saying the organisation twice.

    "Phó Chánh Thanh tra tỉnh" in "Thanh tra tỉnh Đắk Lắk" gives "Phó Chánh Thanh tra tỉnh Đắk
    Lắk", "Chính ủy" in "Bộ Chỉ huy Quân sự tỉnh Đắk Lắk" gives "Chính ủy Bộ Chỉ huy …",
    "Giám thị Trại giam Đắk Tân" in "Trại giam Đắk Tân" stays as it is, and a title that names a
    body of its own is followed by its organisation after a comma.
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
    if names_a_body(title):
        return f"{title}, {organisation}"
    return f"{title} {organisation}"


def person(name: str, title: str = "", organisation: str = "") -> str:
    """Write a person as documents name them: "Thượng tá Trần Minh Trọng, Chính ủy Bộ CHQS …"."""
    role = title_in(title, organisation)
    return ", ".join(part for part in (name.strip(), role) if part)
