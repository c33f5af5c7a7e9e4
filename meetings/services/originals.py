"""The signed original of an issued document comes back: a PDF signed digitally, checked to be
the issued document with intact signatures, or the scan of the signed and sealed paper. Both
are kept beside the issued file with their SHA-256; nothing is overwritten or deleted."""

from __future__ import annotations

import functools
import hashlib
import io
import logging
from pathlib import Path

from django.conf import settings
from django.core.checks import Error as CheckError
from django.core.checks import register
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _
from pyhanko.keys import load_certs_from_pemder
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from core.errors import DomainError
from meetings.models import Document, SignedOriginal

logger = logging.getLogger(__name__)

# What a signing tool may add after the document was issued: the signatures themselves and the
# fields they fill, time stamps; not a change to the pages.
ALLOWED_CHANGES = (
    ModificationLevel.NONE,
    ModificationLevel.LTA_UPDATES,
    ModificationLevel.FORM_FILLING,
)


def pdf_checked(data: bytes) -> None:
    """Refuse a file to keep that is larger than the kept files' limit or is not a PDF."""
    if len(data) > SignedOriginal.MAX_SIZE:
        raise DomainError(_("The file is larger than 20 MB."))
    if not data.startswith(b"%PDF-"):
        raise DomainError(_("The file is not a PDF."))


def _issued_bytes(document: Document) -> bytes:
    with document.file.open("rb") as stored:
        return stored.read()


def trust_roots() -> list:
    """Return the certificates of the authorities a signature must chain to (the setting
    DOCUMENT_TRUST_ROOTS), or an empty list when the province names none."""
    path = settings.DOCUMENT_TRUST_ROOTS
    return list(_roots_at(path)) if path else []


@functools.cache
def _roots_at(path: str) -> tuple:
    folder = Path(path)
    files = sorted(p for p in folder.iterdir() if p.is_file()) if folder.is_dir() else [folder]
    return tuple(load_certs_from_pemder([str(file) for file in files]))


def signatures_checked(*, document: Document, data: bytes) -> list[dict]:
    """Return the signers of a digitally signed copy of the document, or refuse it: it must be
    the issued file with signatures added after it, each intact and covering it, and, where the
    province names the authorities it trusts, each certified by one of them."""
    pdf_checked(data)
    issued = _issued_bytes(document)
    # A signing tool appends to the file it signs: the issued bytes come first, unchanged.
    if not data.startswith(issued) or len(data) == len(issued):
        raise DomainError(
            _(
                "This file was not signed from the issued document %(symbol)s: its content "
                "differs. Sign the PDF downloaded from the app, without saving it otherwise."
            )
            % {"symbol": document.symbol}
        )
    try:
        signatures = PdfFileReader(io.BytesIO(data)).embedded_signatures
    except Exception as error:  # any damage pyHanko meets reading the file
        logger.info("A signed copy of %s could not be read: %s", document.pk, error)
        raise DomainError(_("The file cannot be read as a signed PDF.")) from error
    if not signatures:
        raise DomainError(_("The file has no digital signature."))
    roots = trust_roots()
    signers = []
    for signature in signatures:
        try:
            status = validate_pdf_signature(
                signature, ValidationContext(trust_roots=roots, allow_fetching=False)
            )
        except Exception as error:
            logger.info("A signature on a copy of %s failed: %s", document.pk, error)
            raise DomainError(_("A signature in the file cannot be checked.")) from error
        if not (status.intact and status.valid):
            raise DomainError(
                _("A signature in the file is not intact: the file was changed after signing.")
            )
        if status.modification_level not in ALLOWED_CHANGES:
            raise DomainError(
                _("The pages were changed after a signature: only signatures may be added.")
            )
        subject = signature.signer_cert.subject.native
        name = subject.get("common_name") or signature.signer_cert.subject.human_friendly
        if roots and not status.trusted:
            raise DomainError(
                _(
                    "The certificate of %(name)s was not issued by an authority the province "
                    "trusts: sign with the official certificate."
                )
                % {"name": name}
            )
        signed_at = status.signer_reported_dt
        signers.append(
            {
                "name": name,
                "organisation": subject.get("organization_name", ""),
                "signed_at": signed_at.isoformat() if signed_at else "",
                "trusted": bool(roots) and status.trusted,
            }
        )
    return signers


@transaction.atomic
def original_add(
    *, document: Document, kind: str, data: bytes, user, note: str = ""
) -> SignedOriginal:
    """Keep a signed original of the document: a digitally signed PDF (checked) or a scan."""
    if kind == SignedOriginal.Kind.DIGITAL:
        signers = signatures_checked(document=document, data=data)
    elif kind == SignedOriginal.Kind.SCAN:
        pdf_checked(data)
        signers = []
    else:
        raise DomainError(_("Unknown kind of original."))
    original = SignedOriginal(
        document=document,
        kind=kind,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        signers=signers,
        note=note,
        uploaded_by=user,
    )
    safe = document.symbol.replace("/", "-").replace(" ", "")
    suffix = "ky-so" if kind == SignedOriginal.Kind.DIGITAL else "ban-quet"
    # The storage never overwrites: an existing name gets a new suffix.
    original.file.save(f"{document.issuer_id}-{safe}-{suffix}.pdf", ContentFile(data), save=False)
    if user is not None:
        original._history_user = user
    original.save()
    return original


@register()
def check_trust_roots(app_configs, **kwargs) -> list[CheckError]:
    """Fail loudly when the trusted authorities are named but cannot be read: every signed
    original would be refused."""
    path = settings.DOCUMENT_TRUST_ROOTS
    if not path:
        return []
    try:
        found = _roots_at(path)
    except Exception as error:  # a missing file, a file that holds no certificate
        found, reason = (), str(error)
    else:
        reason = "no certificate in it"
    if found:
        return []
    return [
        CheckError(
            f"DJANGO_DOCUMENT_TRUST_ROOTS names {path}, which cannot be read as certificates "
            f"({reason}).",
            hint="Name a PEM or DER file of the authorities' root certificates, or a folder of "
            "them, or unset it.",
            id="meetings.E002",
        )
    ]
