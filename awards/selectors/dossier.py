"""A bloc-year's dossier for the province: the records it holds (the minutes of the year-end
review, the vote-count record of each ballot round) with their issued documents, and what it
still lacks before its tờ trình may be sent. Each costs the same few queries whatever the year
holds."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from awards.documents.kinds import SUBMISSION, VOTE_COUNT
from awards.models import Ballot, Nomination
from blocs.models import BlocYear
from meetings.documents.kinds import MINUTES
from meetings.models import Document, Meeting


@dataclass(frozen=True)
class Gap:
    """A part the dossier lacks, and the page where it is supplied."""

    label: str
    url: str


def dossier_documents(bloc_year: BlocYear) -> dict[tuple[str, int], Document]:
    """Return the bloc-year's current tờ trình, minutes and vote-count records, by kind and
    record."""
    return {
        (document.kind, document.source_id): document
        for document in Document.objects.filter(bloc_year=bloc_year)
        .of_kinds(SUBMISSION, MINUTES, VOTE_COUNT)
        .current()
    }


def dossier_rows(bloc_year: BlocYear, documents: dict) -> list[dict]:
    """Return the records of the dossier in order: each year-end review's (or ballot's) minutes,
    then the vote-count record of each of its rounds, with its document when issued."""
    meetings = list(
        Meeting.objects.filter(bloc_year=bloc_year)
        .filter(Q(kind=Meeting.Kind.YEAR_END) | Q(ballots__isnull=False))
        .distinct()
        .prefetch_related(Prefetch("ballots", Ballot.objects.order_by("round_number")))
        .order_by("date", "pk")
    )
    rows = []
    for meeting in meetings:
        meeting.bloc_year = bloc_year  # for its address
        rows.append(
            {
                "kind": MINUTES.code,
                "label": _("Minutes: %(meeting)s") % {"meeting": meeting},
                "record": meeting,
                "url": meeting.get_absolute_url(),
                "document": documents.get((MINUTES.code, meeting.pk)),
            }
        )
        for ballot in meeting.ballots.all():
            rows.append(
                {
                    "kind": VOTE_COUNT.code,
                    "label": _("Vote-count record, round %(n)s") % {"n": ballot.round_number},
                    "record": ballot,
                    "url": reverse(
                        "awards:counter_list", args=[bloc_year.bloc_id, bloc_year.year, ballot.pk]
                    ),
                    "document": documents.get((VOTE_COUNT.code, ballot.pk)),
                }
            )
    return rows


def dossier_gaps(bloc_year: BlocYear, rows: list[dict] | None = None) -> list[Gap]:
    """Return what the dossier lacks before it is sent: the minutes of the review that proposed
    and the vote-count record of each round, issued; a signed achievement report for each
    nomination to send."""
    if rows is None:
        rows = dossier_rows(bloc_year, dossier_documents(bloc_year))
    gaps = [
        Gap(_("%(record)s: not issued") % {"record": row["label"]}, row["url"])
        for row in rows
        if row["document"] is None
    ]
    if not any(row["kind"] == MINUTES.code for row in rows):
        gaps.append(
            Gap(
                _("No year-end review is recorded: its minutes are part of the dossier."),
                reverse("meetings:meeting_list", args=[bloc_year.bloc_id, bloc_year.year]),
            )
        )
    unreported = (
        Nomination.objects.filter(bloc_year=bloc_year)
        .pending()
        .filter(report_files__isnull=True)
        .select_related("unit")
        .prefetch_related("unit__names")
        .order_by("unit__short_name")
    )
    for nomination in unreported:
        gaps.append(
            Gap(
                _("No signed achievement report of %(unit)s")
                % {"unit": nomination.unit.name_in_year(bloc_year.year).short_name},
                reverse(
                    "awards:report_edit", args=[bloc_year.bloc_id, bloc_year.year, nomination.pk]
                ),
            )
        )
    return gaps
