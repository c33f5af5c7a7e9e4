"""Check every stored file of the registry (issued documents, their Word files and signed
originals, the attached files) against the SHA-256 recorded when it was stored; report each
missing or altered file and exit non-zero if there is one (run it from cron)."""

from __future__ import annotations

import hashlib

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from meetings.models import Attachment, Document, SignedOriginal

CHUNK = 1024 * 1024


def stored_digest(field_file) -> str | None:
    """Return the SHA-256 of a stored file, or None when it cannot be read."""
    try:
        digest = hashlib.sha256()
        with field_file.open("rb") as handle:
            for chunk in iter(lambda: handle.read(CHUNK), b""):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


class Command(BaseCommand):
    help = _(
        "Check every issued document's stored file against its recorded SHA-256; exit 1 if a "
        "file is missing or altered."
    )

    def handle(self, *args, **options):
        checked, problems = 0, []
        documents = Document.objects.select_related("bloc_year__bloc")
        originals = SignedOriginal.objects.select_related("document__bloc_year__bloc")
        # Each issued PDF, its Word file (when one was kept) and each signed original.
        stored = []
        for document in documents.iterator():
            stored.append((document.file, document.sha256, document))
            if document.word_file:
                stored.append((document.word_file, document.word_sha256, document))
        stored += [
            (original.file, original.sha256, original.document) for original in originals.iterator()
        ]
        attached = Attachment.objects.select_related("bloc_year__bloc")
        for field_file, sha256, document in stored:
            checked += 1
            digest = stored_digest(field_file)
            if digest is None:
                problems.append(_("MISSING %(symbol)s (%(bloc)s): %(name)s"))
            elif digest != sha256:
                problems.append(_("ALTERED %(symbol)s (%(bloc)s): %(name)s"))
            else:
                continue
            problems[-1] %= {
                "symbol": document.symbol,
                "bloc": document.bloc_year.bloc.name,
                "name": field_file.name,
            }
        for attachment in attached.iterator():
            checked += 1
            digest = stored_digest(attachment.file)
            if digest != attachment.sha256:
                state = _("MISSING") if digest is None else _("ALTERED")
                problems.append(
                    f"{state} {attachment.title} ({attachment.bloc_year.bloc.name}): "
                    f"{attachment.file.name}"
                )
        for problem in problems:
            self.stderr.write(problem)
        if problems:
            raise CommandError(
                _(
                    "%(bad)d of %(count)d files are missing or altered: restore them from the "
                    "backup."
                )
                % {"bad": len(problems), "count": checked}
            )
        self.stdout.write(_("%(count)d files checked: all intact.") % {"count": checked})
