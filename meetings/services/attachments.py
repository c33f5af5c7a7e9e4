"""Files attached to a bloc-year's records (scans of decisions, the paper tally sheet …): their
type read from their first bytes, their size limited, kept with their SHA-256, never deleted."""

from __future__ import annotations

import hashlib

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Model
from django.utils.text import slugify
from django.utils.translation import gettext as _

from blocs.models import BlocYear
from core.errors import DomainError
from core.text import ascii_slug, nfc
from meetings.attachables import attachable_of
from meetings.models import Attachment

# What an office scanner or a signing tool gives: the type is read from the file's first bytes,
# never from its name.
TYPES = {
    b"%PDF-": ("application/pdf", "pdf"),
    b"\xff\xd8\xff": ("image/jpeg", "jpg"),
    b"\x89PNG\r\n\x1a\n": ("image/png", "png"),
}


def file_type(data: bytes) -> tuple[str, str]:
    """Return the media type and extension of a PDF, JPEG or PNG file, or refuse any other."""
    for magic, found in TYPES.items():
        if data.startswith(magic):
            return found
    raise DomainError(_("Only PDF, JPEG or PNG files are accepted."))


@transaction.atomic
def attachment_add(
    *, bloc_year: BlocYear, kind: str, title: str, data: bytes, user, record: Model | None = None
) -> Attachment:
    """Keep a file attached to the bloc-year's records, and to one of them (a decision, a ballot
    round) when it is that record's paper."""
    if len(data) > Attachment.MAX_SIZE:
        raise DomainError(_("The file is larger than 20 MB."))
    if not data:
        raise DomainError(_("The file is empty."))
    media_type, extension = file_type(data)
    if record is not None:
        attachable = attachable_of(kind)
        if (
            attachable is None
            or not isinstance(record, attachable.model)
            or not attachable.records(bloc_year).filter(pk=record.pk).exists()
        ):
            raise DomainError(_("This record is not one of the year's."))
    attachment = Attachment(
        bloc_year=bloc_year,
        kind=kind,
        title=nfc(title),
        media_type=media_type,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        uploaded_by=user,
        record_type=ContentType.objects.get_for_model(record) if record is not None else None,
        record_id=record.pk if record is not None else None,
    )
    try:
        attachment.full_clean(exclude=["file"])  # the file is stored once the rest is valid
    except ValidationError as error:
        raise DomainError(" ".join(error.messages)) from error
    name = slugify(ascii_slug(title))[:60] or "tep"
    # The storage never overwrites: an existing name gets a new suffix.
    attachment.file.save(f"{bloc_year.pk}-{name}.{extension}", ContentFile(data), save=False)
    if user is not None:
        attachment._history_user = user
    attachment.save()
    return attachment
