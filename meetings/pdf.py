"""The one renderer of official documents: a template and a context in, PDF bytes out.

WeasyPrint renders a small print stylesheet (never Bootstrap) with the document serif. The font
configuration and the parsed stylesheet are made once per process: a new one per document makes
a worker grow with every render. Resources are read only from the app's own static files,
through a file:// base URL, so a render never fetches over the network nor reads other files.
"""

from __future__ import annotations

import functools
import mimetypes
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.contrib.staticfiles import finders
from django.core.checks import Warning as CheckWarning
from django.core.checks import register
from django.template.loader import render_to_string
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

# The national format asks for Times New Roman; these are metric-compatible with it and cover
# every Vietnamese letter.
DOCUMENT_FONTS = ("Times New Roman", "Liberation Serif", "Tinos")
STYLESHEET = "documents/document.css"
# Relative URLs in documents resolve against this pseudo-directory; the fetcher maps it to the
# static files.
BASE_URL = "file:///static/"


class StaticFilesFetcher(URLFetcher):
    """Serve the app's own static files to WeasyPrint, and nothing else."""

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        if parts.scheme == "data":
            return super().fetch(url, headers)
        if parts.scheme != "file" or not parts.path.startswith("/static/"):
            raise ValueError(f"documents may only use the app's static files, not {url}")
        relative = unquote(parts.path.removeprefix("/static/"))
        found = finders.find(relative)
        if not found:
            raise ValueError(f"no static file {relative}")
        path = Path(found)
        mime_type, _encoding = mimetypes.guess_type(path.name)
        return URLFetcherResponse(
            url,
            body=path.read_bytes(),
            headers={"Content-Type": mime_type or "application/octet-stream"},
        )


@functools.cache
def _font_config() -> FontConfiguration:
    return FontConfiguration()


@functools.cache
def _fetcher() -> StaticFilesFetcher:
    return StaticFilesFetcher()


@functools.cache
def _stylesheet() -> CSS:
    path = finders.find(STYLESHEET)
    return CSS(
        string=Path(path).read_text(encoding="utf-8"),
        base_url=BASE_URL,
        url_fetcher=_fetcher(),
        font_config=_font_config(),
    )


def html_to_pdf(html: str) -> bytes:
    """Render document HTML to PDF bytes with the document stylesheet and fonts."""
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=_fetcher())
    return document.write_pdf(stylesheets=[_stylesheet()], font_config=_font_config())


def render_pdf(template_name: str, context: dict) -> bytes:
    """Render a document template with its context to PDF bytes."""
    return html_to_pdf(render_to_string(template_name, context))


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
            hint="Install fonts-liberation2 (apt-get install fonts-liberation2).",
            id="meetings.W001",
        )
    ]
