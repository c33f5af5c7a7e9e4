"""The old addresses of a bloc-year's award pages, which now live under the bloc-year's own."""

from __future__ import annotations

from django.http import HttpResponsePermanentRedirect
from django.urls import reverse


class PermanentRedirectKeepingMethod(HttpResponsePermanentRedirect):
    """A permanent redirect a browser repeats with the same method and body (308)."""

    status_code = 308


def bloc_year_page_moved(request, bloc_pk: int, year: int, rest: str):
    """Send /awards/<bloc>/<year>/… to /blocs/<bloc>/<year>/…, for bookmarks and old links."""
    url = reverse("blocs:blocyear_detail", args=[bloc_pk, year]) + rest
    if request.META.get("QUERY_STRING"):
        url += "?" + request.META["QUERY_STRING"]
    if request.method in ("GET", "HEAD"):
        return HttpResponsePermanentRedirect(url)
    return PermanentRedirectKeepingMethod(url)
