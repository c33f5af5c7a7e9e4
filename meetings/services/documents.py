"""Issuing documents: numbers per issuer, year and type, allocated in the transaction; PDFs
never overwritten, a correction a new document that names the one it replaces."""

from __future__ import annotations

import hashlib

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from core.dates import year_window_error
from core.errors import DomainError
from meetings.documents.builder import DocumentBuilder
from meetings.documents.proof import public_code
from meetings.models import Document, DocumentSequence


def document_number_allocate(*, issuer, number_year: int, doc_type: str) -> int:
    """Take the next number of the issuer's sequence for that year and type, inside the caller's
    transaction; two users issuing at once get two numbers, and a number is never given twice."""
    sequence = (
        DocumentSequence.objects.select_for_update()
        .filter(issuer=issuer, number_year=number_year, doc_type=doc_type)
        .first()
    )
    if sequence is None:
        try:
            with transaction.atomic():
                DocumentSequence.objects.create(
                    issuer=issuer, number_year=number_year, doc_type=doc_type
                )
        except IntegrityError:
            pass  # created meanwhile by someone else: lock theirs below
        sequence = DocumentSequence.objects.select_for_update().get(
            issuer=issuer, number_year=number_year, doc_type=doc_type
        )
    sequence.last_number += 1
    sequence.save(update_fields=["last_number"])
    return sequence.last_number


def document_number_expected(*, builder: DocumentBuilder) -> str | None:
    """Return the number the record's document would take if issued now ("01/BB-KTĐ3"), or None
    while it has no date; someone issuing another document first takes it."""
    date = builder.date()
    if date is None:
        return None
    issuer = builder.bloc_year().bloc
    kind = builder.kind
    sequence = DocumentSequence.objects.filter(
        issuer=issuer, number_year=date.year, doc_type=kind.doc_type
    ).first()
    return document_symbol(
        number=(sequence.last_number if sequence is not None else 0) + 1,
        doc_type=kind.doc_type,
        issuer=issuer,
    )


def document_symbol(*, number: int, doc_type: str, issuer) -> str:
    """Write a document's number and symbol as it is printed: "01/BB-KTĐ3"."""
    return f"{number:02d}/{doc_type}-{issuer.symbol}"


def _unused_code() -> str:
    """Return a verification code no document has (a clash is one in 10^15, but is checked)."""
    while True:
        code = public_code()
        if not Document.objects.filter(code=code).exists():
            return code


@transaction.atomic
def document_issue(*, builder: DocumentBuilder, user, replaces: Document | None = None) -> Document:
    """Number, render and store the document a builder describes; a correction names the
    document it replaces, which stays as it was."""
    bloc_year = builder.bloc_year()
    date = builder.date()
    if date is None:
        raise DomainError(_("The record has no date yet: a document cannot be issued."))
    # The date gives the year of the number: never open a numbering year outside the record's.
    if message := year_window_error(date, bloc_year.year, label=_("The date of the document")):
        raise DomainError(message)
    source_type = ContentType.objects.get_for_model(builder.source)
    # Lock the record first: two people issuing it at once (or a double click) would otherwise
    # both find no current document and give the record two numbers.
    source_model = type(builder.source)
    list(source_model._default_manager.select_for_update().filter(pk=builder.source.pk))
    current = (
        Document.objects.of_record(builder.source).current().select_for_update(of=("self",)).first()
    )
    if replaces is None and current is not None:
        raise DomainError(
            _("%(symbol)s was already issued for this record: issue a correction instead.")
            % {"symbol": current.symbol}
        )
    if replaces is not None and (current is None or current.pk != replaces.pk):
        raise DomainError(
            _("Only the current version of a document can be corrected; reload the page.")
        )
    issuer = bloc_year.bloc
    kind = builder.kind
    number = document_number_allocate(issuer=issuer, number_year=date.year, doc_type=kind.doc_type)
    symbol = document_symbol(number=number, doc_type=kind.doc_type, issuer=issuer)
    code = _unused_code()
    pdf, word = builder.render_issued(number=symbol, code=code)
    document = Document(
        bloc_year=bloc_year,
        kind=kind.code,
        doc_type=kind.doc_type,
        issuer=issuer,
        number_year=date.year,
        number=number,
        symbol=symbol,
        subject=builder.subject()[:400],
        date=date,
        source_type=source_type,
        source_id=builder.source.pk,
        sha256=hashlib.sha256(pdf).hexdigest(),
        word_sha256=hashlib.sha256(word).hexdigest(),
        code=code,
        size=len(pdf),
        replaces=replaces,
        issued_by=user,
    )
    safe = symbol.replace("/", "-").replace(" ", "")
    # The storage never overwrites: an existing name gets a new suffix.
    name = f"{issuer.pk}-{date.year}-{safe}"
    document.file.save(f"{name}.pdf", ContentFile(pdf), save=False)
    document.word_file.save(f"{name}.docx", ContentFile(word), save=False)
    if user is not None:
        document._history_user = user  # the issuer, also when no request names them
    document.save()
    return document
