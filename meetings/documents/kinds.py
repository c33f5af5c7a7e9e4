"""The kinds of document meetings issues: the minutes of a meeting, the pledge, the handover."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from blocs.models import Handover, Pledge
from meetings.documents.handover import HandoverBuilder
from meetings.documents.minutes import MinutesBuilder
from meetings.documents.pledge import PledgeBuilder
from meetings.documents.registry import DocumentKind, DocumentSource, kind_declare
from meetings.models import Document, Meeting

MINUTES = kind_declare(
    DocumentKind(
        code="minutes",
        title=_("Minutes"),
        doc_type=Document.Type.MINUTES,
        type_name="Biên bản",
        builder=MinutesBuilder,
        source=DocumentSource(model=Meeting, date_field="date", related=("bloc_year",)),
        order=10,
    )
)
PLEDGE = kind_declare(
    DocumentKind(
        code="pledge",
        title=_("Pledge"),
        doc_type=Document.Type.PLEDGE,
        type_name="Bản giao ước thi đua",
        builder=PledgeBuilder,
        source=DocumentSource(model=Pledge, date_field="signed_on", related=("bloc_year",)),
        order=20,
    )
)
HANDOVER = kind_declare(
    DocumentKind(
        code="handover",
        title=_("Handover record"),
        doc_type=Document.Type.MINUTES,
        type_name="Biên bản",
        builder=HandoverBuilder,
        source=DocumentSource(
            model=Handover,
            date_field="handed_over_on",
            related=("bloc_year__bloc", "from_unit", "to_unit"),
        ),
        order=30,
    )
)
