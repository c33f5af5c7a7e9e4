"""What meetings puts in the pages of blocs (core.slots): its sections of a bloc-year, the
document box of the pledge and the handover, and the province's annex of heads and deputies."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from blocs.models import Milestone
from blocs.selectors.progress import Step, done_days, step_add
from blocs.slots import (
    HANDOVER_PAGE,
    PLEDGE_PAGE,
    PROVINCE_LEADERSHIP,
    YEAR_SECTIONS,
    year_url,
)
from core.slots import Link, Panel, slot_fill
from meetings.models import Meeting
from meetings.templatetags.documents import document_box

DOCUMENT_BOX = "meetings/includes/document_box.html"

slot_fill(
    YEAR_SECTIONS,
    Link(
        _("Meetings"),
        year_url("meetings:meeting_list"),
        order=60,
        key="meetings",
        testid="tab-meetings",
    ),
    Link(
        _("Documents"),
        year_url("meetings:document_list"),
        order=90,
        key="documents",
        testid="tab-documents",
    ),
)
slot_fill(
    PLEDGE_PAGE,
    Panel(DOCUMENT_BOX, document_box, order=10),
    Panel(
        "meetings/includes/pledge_meetings.html",
        lambda _context, pledge: {"meetings": list(pledge.signing_meetings.order_by("date"))},
        order=20,
    ),
)
slot_fill(HANDOVER_PAGE, Panel(DOCUMENT_BOX, document_box, order=10))
slot_fill(
    PROVINCE_LEADERSHIP,
    Link(
        _("Download the annex (PDF)"),
        lambda *, province, year, **_values: reverse(
            "meetings:leadership_annex", args=[year, province.code]
        ),
        order=10,
        key="annex",
    ),
    Link(
        _("Download the annex (Word)"),
        lambda *, province, year, **_values: reverse(
            "meetings:leadership_annex_word", args=[year, province.code]
        ),
        order=11,
        key="annex_word",
    ),
)


def _held(kind: str):
    """Return how to tell which bloc-years held a meeting of that kind, and on which day."""

    def done(bloc_years, today):
        meetings = Meeting.objects.filter(bloc_year__in=bloc_years, kind=kind, date__lte=today)
        return done_days(meetings.values_list("bloc_year_id", "date"))

    return done


step_add(
    Step(
        "mid_year",
        _("Mid-year review"),
        order=50,
        done=_held(Meeting.Kind.MID_YEAR),
        url=year_url("meetings:meeting_list"),
        milestone=Milestone.MID_YEAR,
    ),
    Step(
        "year_end",
        _("Year-end conference"),
        order=60,
        done=_held(Meeting.Kind.YEAR_END),
        url=year_url("meetings:meeting_list"),
        milestone=Milestone.YEAR_END,
    ),
)
