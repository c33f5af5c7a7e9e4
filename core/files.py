"""Files kept as they came (issued documents, signed originals, attachments, reports): read back
only while they match the SHA-256 recorded when they were kept, and sent as downloads."""

from __future__ import annotations

import hashlib
import io
import logging

from django.http import FileResponse, Http404
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


class StoredFileFault(Exception):
    """A stored file that cannot be served as what was kept: missing, or altered."""

    def __init__(self, *, missing: bool):
        super().__init__("missing" if missing else "altered")
        self.missing = missing


def read_checked(field_file, sha256: str, label: str) -> bytes:
    """Return a stored file's bytes if they still match the SHA-256 recorded when it was kept;
    otherwise log the fault for IT staff and raise StoredFileFault."""
    try:
        with field_file.open("rb") as stored:
            content = stored.read()
    except OSError:
        logger.error("The stored file %s (%s) is missing.", label, field_file)
        raise StoredFileFault(missing=True) from None
    if hashlib.sha256(content).hexdigest() != sha256:
        logger.error("The stored file %s (%s) does not match its SHA-256.", label, field_file)
        raise StoredFileFault(missing=False)
    return content


def read_or_404(field_file, sha256: str, label: str) -> bytes:
    """Return a kept file's bytes, or answer "not found" saying it is missing or altered."""
    try:
        return read_checked(field_file, sha256, label)
    except StoredFileFault as fault:
        message = (
            _("The stored file is missing.") if fault.missing else _("The stored file was altered.")
        )
        raise Http404(message) from None


def kept_file_response(content: bytes, *, filename: str, content_type: str) -> FileResponse:
    """Send kept bytes as a download that browsers neither sniff nor share-cache."""
    response = FileResponse(
        io.BytesIO(content), as_attachment=True, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private"
    return response
