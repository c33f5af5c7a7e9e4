"""Check every stored file of the registry against the SHA-256 recorded when it was stored;
report each missing or altered file and exit non-zero if there is one (run it from cron)."""

from __future__ import annotations

import hashlib

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from meetings.models import Document

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
        for document in Document.objects.select_related("bloc_year__bloc").iterator():
            checked += 1
            digest = stored_digest(document.file)
            if digest is None:
                problems.append(_("MISSING %(symbol)s (%(bloc)s): %(name)s"))
            elif digest != document.sha256:
                problems.append(_("ALTERED %(symbol)s (%(bloc)s): %(name)s"))
            else:
                continue
            problems[-1] %= {
                "symbol": document.symbol,
                "bloc": document.bloc_year.bloc.name,
                "name": document.file.name,
            }
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
