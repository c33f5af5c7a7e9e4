"""Reading rendered documents back: their text, fonts and page numbers, as a reader sees them."""

from __future__ import annotations

import io
import re

import pdfplumber
import pypdf

from meetings.models import Document

MM = 72 / 25.4  # PDF points in a millimetre
# The document serif as it is named in a PDF, once the subset prefix and hyphens are dropped.
DOCUMENT_SERIFS = ("TimesNewRoman", "LiberationSerif", "Tinos")


CODE = re.compile(r"Mã kiểm tra: ([0-9A-Z]{5}-[0-9A-Z]{5})")


def without_verify_box(text: str) -> str:
    """Drop the verification box of the bottom margin ("Mã kiểm tra: … Kiểm tra tại: <url>",
    the address wrapped anywhere), which sits between the last line of a page and the next."""
    found = CODE.search(text)
    if found is None:
        return text
    url_end = r"\s*".join(re.escape(char) for char in found.group(1) + "/")
    box = re.compile(r"Mã kiểm tra: .*?Kiểm tra tại:.*?" + url_end, re.S)
    return box.sub(" ", text)


def page_texts(pdf: bytes) -> list[str]:
    """Return the text of each page in content order (the header's columns one after the
    other), without the verification box of its margin."""
    pages = pypdf.PdfReader(io.BytesIO(pdf)).pages
    return [without_verify_box(page.extract_text()) for page in pages]


def flat(text: str) -> str:
    """Join the lines of a PDF's text, so that a phrase a line break cut is found whole."""
    return " ".join(text.split())


def pdf_text(pdf: bytes | Document) -> str:
    """Return the text of every page of a PDF (or of an issued document's stored file), its
    lines joined."""
    if isinstance(pdf, Document):
        with pdf.file.open("rb") as stored:
            pdf = stored.read()
    return flat(" ".join(page_texts(pdf)))


def base_fonts(pdf: bytes) -> set[str]:
    """Return the fonts every page embeds, without subset prefix or hyphens ("LiberationSerif")."""
    names = set()
    for page in pypdf.PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            name = str(font.get_object()["/BaseFont"]).lstrip("/")
            names.add(name.split("+", 1)[-1].replace("-", "").replace(" ", ""))
    return names


def is_document_serif(font_name: str) -> bool:
    """Tell whether a PDF font name (with or without subset prefix) is the document serif."""
    name = font_name.split("+", 1)[-1].replace("-", "").replace(" ", "")
    return name.startswith(DOCUMENT_SERIFS)


def assert_document_serif(pdf: bytes) -> None:
    """Fail unless every font the document embeds is the document serif (no silent fallback)."""
    fonts = base_fonts(pdf)
    assert fonts, "the document embeds no font"
    assert all(is_document_serif(name) for name in fonts), fonts


def page_number_words(pdf: bytes) -> list[str | None]:
    """Return, for each page, the text printed in its top margin (the page number), or None."""
    numbers = []
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            words = [w for w in page.extract_words() if w["bottom"] < 20 * MM]
            numbers.append(" ".join(w["text"] for w in words) or None)
    return numbers


def signed_names(pdf: bytes, names: list[str]) -> dict[str, tuple[float, bool]]:
    """Return where each signer's name stands on the last page (its last mention, the signature
    block being the page's end): its line (the top of its first letter, rounded) and whether it
    is in the left half."""
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        page = document.pages[-1]
        lines = page.extract_text_lines()
        middle = page.width / 2
    found = {}
    for name in names:
        for line in reversed(lines):
            for char_index in range(len(line["text"])):
                if line["text"].startswith(name, char_index):
                    chars = line["chars"][char_index : char_index + len(name)]
                    found[name] = (round(chars[0]["top"]), chars[0]["x0"] < middle)
                    break
            if name in found:
                break
    return found
