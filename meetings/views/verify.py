"""The public page on which anyone checks a printed or received copy of an issued document: no
login, only what is safe to show, and a file compared with the issued one by its SHA-256."""

from __future__ import annotations

import hashlib

from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from meetings.documents.proof import code_normalised
from meetings.forms.documents import CodeForm, CopyForm
from meetings.models import Document

# A visitor may look up or check this many times in WINDOW seconds: codes cannot be guessed
# by trying, and a server is not kept busy hashing uploads.
ATTEMPTS = 60
WINDOW = 10 * 60


def _over_limit(request) -> bool:
    """Count the visitor's attempt; say whether they made too many lately."""
    key = "verify:" + (request.META.get("REMOTE_ADDR") or "unknown")
    cache.add(key, 0, WINDOW)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between the two calls
        cache.set(key, 1, WINDOW)
        count = 1
    return count > ATTEMPTS


def _too_many(request):
    response = render(request, "meetings/verify_limited.html", status=429)
    response["Retry-After"] = str(WINDOW)
    return response


@login_not_required
@require_http_methods(["GET", "POST"])
def verify_lookup(request):
    """Find a document by the code printed on it."""
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _over_limit(request):
            return _too_many(request)
        code = code_normalised(form.cleaned_data["code"])
        if Document.objects.filter(code=code).exists():
            return redirect("verify", code=code)
        form.add_error("code", _("No document has this code. Check it as printed."))
    return render(request, "meetings/verify_lookup.html", {"form": form})


@login_not_required
@require_http_methods(["GET", "POST"])
def verify(request, code: str):
    """Show what is safe to show of the document with this code, and check a file against it."""
    if _over_limit(request):
        return _too_many(request)
    document = (
        Document.objects.filter(code=code_normalised(code))
        .select_related("issuer__province", "replaced_by")
        .first()
    )
    if document is None:
        raise Http404
    originals = list(document.originals.all())
    form = CopyForm(request.POST or None, request.FILES or None)
    outcome = None
    if request.method == "POST" and form.is_valid():
        digest = hashlib.sha256()
        for chunk in form.cleaned_data["file"].chunks():
            digest.update(chunk)
        found = digest.hexdigest()
        if found == document.sha256:
            outcome = "match"
        elif any(found == original.sha256 for original in originals):
            outcome = "match_signed"
        else:
            outcome = "differs"
    context = {"document": document, "originals": originals, "form": form, "outcome": outcome}
    return render(request, "meetings/verify.html", context)
