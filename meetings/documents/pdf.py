"""The one renderer of official documents: a template and a context in, PDF bytes out.

WeasyPrint renders a small print stylesheet (never Bootstrap) with the document serif. The font
configuration and the parsed stylesheet are made once per process: a new one per document makes
a worker grow with every render. Resources are read only from the app's own static files,
through a file:// base URL, so a render never fetches over the network nor reads other files.
"""

from __future__ import annotations

import functools
import io
import mimetypes
import subprocess
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.checks import Warning as CheckWarning
from django.core.checks import register
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign.fields import SigFieldSpec, append_signature_field
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

# The national format asks for Times New Roman; these are metric-compatible with it and cover
# every Vietnamese letter. document.css lists them in this order.
DOCUMENT_FONTS = ("Times New Roman", "Liberation Serif", "Tinos")
STYLESHEET = "documents/document.css"
# Relative URLs in documents ("/static/…" from {% static %}, or "documents/…") resolve against
# this pseudo-directory, which is no real directory: the fetcher maps it to the static files.
BASE_URL = "file:///static/"
STATIC_PREFIX = "/static/"


class StaticFilesFetcher(URLFetcher):
    """Serve the app's own static files (and data: URLs) to WeasyPrint, and nothing else.

    Static files are public anyway (the site serves them at /static/), so reading any of them
    discloses nothing; everything else (http, https, ftp, file:// outside /static/, a path that
    climbs out with "..") is refused before any file or socket is opened. WeasyPrint logs a
    refused resource and renders the document without it.
    """

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        if parts.scheme == "data":
            # Decoded in memory by urllib's data handler: no file, no socket.
            return super().fetch(url, headers)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            raise ValueError(f"documents may only use the app's static files, not {url}")
        path = unquote(parts.path)
        if not path.startswith(STATIC_PREFIX):
            raise ValueError(f"documents may only use the app's static files, not {url}")
        relative = path.removeprefix(STATIC_PREFIX)
        pieces = PurePosixPath(relative).parts
        if (
            not relative
            or relative.startswith("/")
            or "\\" in relative
            or "\x00" in relative
            or any(piece in (".", "..") for piece in pieces)
        ):
            raise ValueError(f"not a static file path: {url}")
        try:
            file_path = _static_file(relative)
        except SuspiciousFileOperation as error:
            raise ValueError(f"not a static file path: {url}") from error
        if file_path is None or not file_path.is_file():
            raise ValueError(f"no static file {relative}")
        mime_type, _encoding = mimetypes.guess_type(file_path.name)
        return URLFetcherResponse(
            url,
            body=file_path.read_bytes(),
            headers={"Content-Type": mime_type or "application/octet-stream"},
        )


def _static_file(relative: str) -> Path | None:
    """Return where a static file lies: in the app's sources, else among the collected files
    (where a manifest storage's hashed names, which {% static %} gives in production, live)."""
    found = finders.find(relative)
    if found:
        return Path(found)
    try:
        if staticfiles_storage.exists(relative):
            return Path(staticfiles_storage.path(relative))
    except NotImplementedError:  # a remote storage: nothing on this disk
        pass
    return None


@functools.cache
def _font_config() -> FontConfiguration:
    return FontConfiguration()


@functools.cache
def _fetcher() -> StaticFilesFetcher:
    return StaticFilesFetcher()


def _stylesheet() -> CSS:
    path = Path(finders.find(STYLESHEET))
    return _parsed_stylesheet(path, path.stat().st_mtime_ns)


# Keyed on the file's modification time so that an edited stylesheet is picked up without a
# restart; one entry, so that the process still holds a single parsed stylesheet.
@functools.lru_cache(maxsize=1)
def _parsed_stylesheet(path: Path, mtime_ns: int) -> CSS:
    return CSS(
        string=path.read_text(encoding="utf-8"),
        base_url=BASE_URL,
        url_fetcher=_fetcher(),
        font_config=_font_config(),
    )


def html_to_pdf(html: str, *, signature_fields: bool = False) -> bytes:
    """Render document HTML to PDF bytes with the document stylesheet and fonts; with
    `signature_fields`, an empty signature field over each signing space (templates mark them
    with an id "sign-<row>-<column>"), where a signing tool signs the issued file in place."""
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=_fetcher())
    if not signature_fields:
        return document.write_pdf(stylesheets=[_stylesheet()], font_config=_font_config())
    rendered = document.render(stylesheets=[_stylesheet()], font_config=_font_config())
    spaces = [
        (index, name, box)
        for index, page in enumerate(rendered.pages)
        for name, box in page.anchors.items()
        if name.startswith("sign-")
    ]
    return with_signature_fields(rendered.write_pdf(), spaces, rendered.pages[0].height)


# CSS pixels (what WeasyPrint measures in) to PDF points.
PX = 0.75
FIELD_WIDTH = 60 / 25.4 * 72  # 60 mm


def with_signature_fields(pdf: bytes, spaces: list, page_height_px: float) -> bytes:
    """Add an empty signature field over each signing space: one per signer ("ChuKy1", …)
    and, over the first row's right-hand space (the head of the signing body), one for the
    organisation's signature ("CoQuan")."""
    if not spaces:
        return pdf
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    height = page_height_px * PX
    for number, (index, name, (x0, y0, x1, y1)) in enumerate(
        sorted(spaces, key=_reading_order), start=1
    ):
        middle = (x0 + x1) / 2 * PX
        top, bottom = height - y0 * PX, height - y1 * PX
        box = (middle - FIELD_WIDTH / 2, bottom, middle + FIELD_WIDTH / 2, top)
        append_signature_field(
            writer, SigFieldSpec(sig_field_name=f"ChuKy{number}", on_page=index, box=box)
        )
        if name == "sign-1-2" or (name == "sign-1-1" and len(spaces) == 1):
            organisation = (box[0] - FIELD_WIDTH / 3, bottom, box[0] + FIELD_WIDTH / 3, top)
            append_signature_field(
                writer, SigFieldSpec(sig_field_name="CoQuan", on_page=index, box=organisation)
            )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _reading_order(space) -> tuple:
    index, _name, (x0, y0, _x1, _y1) = space
    return (index, round(y0), x0)


def render_pdf(template_name: str, context: dict, *, signature_fields: bool = False) -> bytes:
    """Render a document template with its context to PDF bytes (with signature fields for an
    issued document)."""
    return html_to_pdf(render_to_string(template_name, context), signature_fields=signature_fields)


def installed_document_fonts() -> list[str]:
    """Return which of the document fonts fontconfig knows, in order of preference."""
    try:
        families = subprocess.run(
            ["fc-list", ":", "family"], capture_output=True, text=True, timeout=10, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    known = {name.strip() for line in families.splitlines() for name in line.split(",")}
    return [font for font in DOCUMENT_FONTS if font in known]


@register()
def check_document_fonts(app_configs, **kwargs) -> list[CheckWarning]:
    """Warn when no Times-compatible serif is installed: documents would silently fall back."""
    if installed_document_fonts():
        return []
    return [
        CheckWarning(
            "No document serif is installed (Times New Roman, Liberation Serif or Tinos): "
            "official documents would be printed in another font.",
            hint="Install fonts-liberation2 (apt-get install fonts-liberation2, which needs "
            "fontconfig), or run scripts/system-packages.sh runtime.",
            id="meetings.W001",
        )
    ]
