from meetings.models.documents import (
    Attachment,
    Document,
    DocumentQuerySet,
    DocumentSequence,
    SignedOriginal,
)
from meetings.models.meetings import (
    AgendaItem,
    Attendance,
    Chair,
    Guest,
    Meeting,
    MeetingPart,
    Opinion,
    Quorum,
)

__all__ = [
    "Attachment",
    "AgendaItem",
    "Attendance",
    "Chair",
    "Document",
    "DocumentQuerySet",
    "DocumentSequence",
    "SignedOriginal",
    "Guest",
    "Meeting",
    "MeetingPart",
    "Opinion",
    "Quorum",
]
