"""Pages of a bloc-year's documents: drafts, issuing, corrections, the list and the downloads.

They live under blocs/<bloc>/<year>/documents/. A record (a meeting, the pledge, the handover)
is named in the URL by its kind of document and its id, and must belong to that bloc-year.
"""

from __future__ import annotations

import re
import unicodedata

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import ListView

from blocs.frame import bloc_year_for
from blocs.models import BlocYear
from core.access import object_for_user
from core.errors import DomainError
from core.files import StoredFileFault, kept_file_response, read_checked, read_or_404
from meetings.attachables import with_records
from meetings.documents.builder import DocumentBuilder
from meetings.documents.registry import declared_kinds, kind_named
from meetings.documents.word import media_type
from meetings.forms.documents import AttachmentForm, OriginalForm
from meetings.models import Attachment, Document, SignedOriginal
from meetings.services import attachments, originals
from meetings.services.documents import document_issue, document_number_expected


def _document(request, bloc_pk: int, year: int, pk: int, perm: str) -> Document:
    return object_for_user(
        Document.objects.select_related(
            "bloc_year__bloc__province", "replaces", "replaced_by", "issued_by"
        ),
        request.user,
        perm,
        pk=pk,
        bloc_year__bloc_id=bloc_pk,
        bloc_year__year=year,
    )


def _builder(bloc_year: BlocYear, kind: str, source_pk: int) -> DocumentBuilder:
    """Return the builder of the bloc-year's record of that kind (404 for any other record)."""
    found = kind_named(kind)
    if found is None:
        raise Http404("No such kind of document.")
    return found.builder_for(get_object_or_404(found.source.records(bloc_year), pk=source_pk))


def _list_url(bloc_year: BlocYear) -> str:
    return reverse("meetings:document_list", args=[bloc_year.bloc_id, bloc_year.year])


def _back(request, default: str):
    """Redirect to the page the form came from when it is one of ours, else to `default`."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(default)


def download_name(document: Document, extension: str = "pdf") -> str:
    """Return an ASCII file name from the document's symbol: 01/BB-KTĐ3 → 01-BB-KTD3-2021.pdf."""
    text = document.symbol.replace("Đ", "D").replace("đ", "d")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-") or "document"
    return f"{text}-{document.number_year}.{extension}"


@require_GET
def document_preview(
    request, bloc_pk: int, year: int, kind: str, source_pk: int, word: bool = False
):
    """Render the draft of a record's document as it would be issued now, without a number: a
    PDF to read, or an editable Word file."""
    builder = _builder(
        bloc_year_for(request, bloc_pk, year, "blocs.view_blocyear", leaders=True), kind, source_pk
    )
    name = f"du-thao-{kind}-{source_pk}"
    if word:
        return _draft_response(builder.render_docx(draft=True), f"{name}.docx", attachment=True)
    return _draft_response(builder.render(draft=True), f"{name}.pdf", attachment=False)


def _draft_response(content: bytes, filename: str, *, attachment: bool) -> HttpResponse:
    """Send a draft drawn from the record as it is now: never from a cache."""
    response = HttpResponse(content, content_type=media_type(filename))
    response["Content-Disposition"] = content_disposition_header(attachment, filename)
    response["X-Content-Type-Options"] = "nosniff"
    add_never_cache_headers(response)
    return response


def document_issue_view(request, bloc_pk: int, year: int, kind: str, source_pk: int):
    """Ask, showing the number the document will take, then number, render and store a record's
    document (the board, or the secretariat while the year is open). A second POST (a double
    click, another tab) finds the document issued and says so."""
    bloc_year = bloc_year_for(request, bloc_pk, year, "meetings.issue_document", leaders=True)
    builder = _builder(bloc_year, kind, source_pk)
    issued = Document.objects.of_record(builder.source).current().first()
    if request.method == "POST":
        try:
            document = document_issue(builder=builder, user=request.user)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, _("%(symbol)s was issued and stored.") % {"symbol": document.symbol}
            )
        return _back(request, _list_url(bloc_year))
    if issued is not None:
        messages.info(
            request,
            _("%(symbol)s was already issued for this record.") % {"symbol": issued.symbol},
        )
        return redirect(_list_url(bloc_year))
    context = {
        "bloc_year": bloc_year,
        "kind": builder.kind,
        "source": builder.source,
        "subject": builder.subject(),
        "date": builder.date(),
        "number": document_number_expected(builder=builder),
        "next": request.GET.get("next", ""),
        "preview_url": reverse("meetings:document_preview", args=[bloc_pk, year, kind, source_pk]),
    }
    return render(request, "meetings/document_confirm_issue.html", context)


def document_correct(request, bloc_pk: int, year: int, pk: int):
    """Ask, then issue a correction: a new version of the document, with a new number, made
    from the record as it is now; the document it replaces stays as it was."""
    document = _document(request, bloc_pk, year, pk, "meetings.correct_document")
    bloc_year = document.bloc_year
    if not document.is_current:
        messages.error(
            request,
            _("%(symbol)s was already replaced by %(new)s; only the current version is corrected.")
            % {"symbol": document.symbol, "new": document.replaced_by.symbol},
        )
        return redirect(_list_url(bloc_year))
    source = document.source
    kind = kind_named(document.kind)
    if source is None or kind is None:
        messages.error(request, _("The record of this document no longer exists."))
        return redirect(_list_url(bloc_year))
    if request.method == "POST":
        try:
            correction = document_issue(
                builder=kind.builder_for(source), user=request.user, replaces=document
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("%(new)s was issued; it replaces %(symbol)s.")
                % {"new": correction.symbol, "symbol": document.symbol},
            )
        return redirect(_list_url(bloc_year))
    context = {
        "bloc_year": bloc_year,
        "document": document,
        "source": source,
        "preview_url": reverse(
            "meetings:document_preview", args=[bloc_pk, year, document.kind, document.source_id]
        ),
    }
    return render(request, "meetings/document_confirm_correct.html", context)


@require_GET
def document_download(request, bloc_pk: int, year: int, pk: int):
    """Send the stored PDF of an issued document, as it was issued, to those who read its year.

    The file is checked against the SHA-256 recorded when it was issued: a missing or altered
    file is not served as the document; the page says so and the fault is logged for IT staff.
    """
    document = _document(request, bloc_pk, year, pk, "meetings.view_document")
    return _send_kept(request, document, document.file, document.sha256, download_name(document))


@require_GET
def document_word(request, bloc_pk: int, year: int, pk: int):
    """Send the Word file made when the document was issued (same content as its PDF), checked
    against its SHA-256 like the PDF."""
    document = _document(request, bloc_pk, year, pk, "meetings.view_document")
    if not document.word_file:
        raise Http404(_("This document was issued before Word files were kept."))
    return _send_kept(
        request, document, document.word_file, document.word_sha256, download_name(document, "docx")
    )


def _send_kept(request, document: Document, field_file, sha256: str, filename: str):
    """Send a file kept with an issued document while it matches its SHA-256; otherwise say
    that it cannot be served as genuine (the fault is logged for IT staff)."""
    try:
        content = read_checked(field_file, sha256, f"{field_file.name} of document {document.pk}")
    except StoredFileFault as fault:
        return _unavailable(request, document, missing=fault.missing)
    return kept_file_response(content, filename=filename, content_type=media_type(filename))


def document_original(request, bloc_pk: int, year: int, pk: int):
    """An issued document with its signed originals; who may correct it brings one back."""
    document = _document(request, bloc_pk, year, pk, "meetings.view_document")
    can_add = request.user.has_perm("meetings.add_signed_original", document)
    form = OriginalForm(request.POST or None, request.FILES or None) if can_add else None
    if request.method == "POST":
        if not can_add:
            raise PermissionDenied
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                originals.original_add(
                    document=document,
                    kind=form.cleaned_data["kind"],
                    data=upload.read(),
                    user=request.user,
                    note=form.cleaned_data["note"],
                )
            except DomainError as refusal:
                form.add_error("file", refusal.message)
            else:
                messages.success(
                    request,
                    _("The signed original of %(symbol)s is kept.") % {"symbol": document.symbol},
                )
                return redirect("meetings:document_original", bloc_pk, year, pk)
    context = {
        "document": document,
        "bloc_year": document.bloc_year,
        "originals": document.originals.select_related("uploaded_by"),
        "form": form,
    }
    return render(request, "meetings/document_original.html", context)


def original_download(request, bloc_pk: int, year: int, pk: int, original_pk: int):
    """Send a kept signed original, checked against its SHA-256 like the issued file."""
    document = _document(request, bloc_pk, year, pk, "meetings.view_document")
    original = get_object_or_404(SignedOriginal, pk=original_pk, document=document)
    suffix = "ky-so" if original.kind == SignedOriginal.Kind.DIGITAL else "ban-quet"
    filename = download_name(document).removesuffix(".pdf") + f"-{suffix}.pdf"
    return _send_kept(request, document, original.file, original.sha256, filename)


@require_POST
def attachment_add(request, bloc_pk: int, year: int):
    """Attach a file to the year's records (the board, the secretariat while the year is open)."""
    bloc_year = bloc_year_for(request, bloc_pk, year, "meetings.add_attachment", leaders=True)
    form = AttachmentForm(request.POST, request.FILES, bloc_year=bloc_year)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            attachments.attachment_add(
                bloc_year=bloc_year,
                kind=form.cleaned_data["kind"],
                title=form.cleaned_data["title"],
                data=upload.read(),
                user=request.user,
                record=form.cleaned_data["record"],
            )
        except DomainError as refusal:
            form.add_error("file", refusal.message)
        else:
            messages.success(request, _("The file was attached."))
            return redirect(_list_url(bloc_year))
    view = DocumentListView()
    view.setup(request, bloc_pk=bloc_pk, year=year)
    view.object_list = view.get_queryset()
    return view.render_to_response(view.get_context_data(attachment_form=form))


def attachment_download(request, bloc_pk: int, year: int, pk: int):
    """Send an attached file, checked against its SHA-256, to those who read the year."""
    bloc_year = bloc_year_for(request, bloc_pk, year)
    attachment = get_object_or_404(Attachment, pk=pk, bloc_year=bloc_year)
    content = read_or_404(attachment.file, attachment.sha256, f"attached {attachment.pk}")
    name = attachment.file.name.rsplit("/", 1)[-1]
    return kept_file_response(content, filename=name, content_type=attachment.media_type)


def _unavailable(request, document: Document, *, missing: bool):
    """Answer that the stored file of an issued document cannot be served as genuine."""
    return render(
        request,
        "meetings/document_unavailable.html",
        {"document": document, "bloc_year": document.bloc_year, "missing": missing},
        status=404 if missing else 409,
    )


class DocumentListView(ListView):
    """Every document the bloc-year issued, with its versions, and the records it may issue."""

    template_name = "meetings/document_list.html"
    context_object_name = "documents"

    def get_queryset(self):
        self.bloc_year = bloc_year_for(
            self.request,
            self.kwargs["bloc_pk"],
            self.kwargs["year"],
            "blocs.view_blocyear",
            leaders=True,
        )
        return (
            Document.objects.filter(bloc_year=self.bloc_year)
            .select_related("issued_by", "replaces", "replaced_by")
            .annotate(original_count=Count("originals"))
            .order_by("-issued_at", "-pk")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        bloc_year = self.bloc_year
        current = {
            (doc.source_type_id, doc.source_id, doc.kind): doc
            for doc in context["documents"]
            if doc.is_current
        }
        records = []
        for kind in declared_kinds():
            type_id = ContentType.objects.get_for_model(kind.source.model).pk
            for record in kind.source.records(bloc_year):
                records.append(
                    {
                        "kind": kind.code,
                        "label": kind.title,
                        "record": record,
                        "date": kind.source.date_of(record),
                        "current": current.get((type_id, record.pk, kind.code)),
                    }
                )
        can_attach = self.request.user.has_perm("meetings.add_attachment", bloc_year)
        if can_attach:
            # A record's page links here with the kind and the record chosen (?kind=&record=).
            initial = {key: self.request.GET.get(key, "") for key in ("kind", "record")}
            context.setdefault(
                "attachment_form", AttachmentForm(bloc_year=bloc_year, initial=initial)
            )
        context.update(
            bloc_year=bloc_year,
            records=records,
            can_issue=self.request.user.has_perm("meetings.issue_document", bloc_year),
            can_attach=can_attach,
            attachments=with_records(bloc_year.attachments.select_related("uploaded_by")),
        )
        return context
