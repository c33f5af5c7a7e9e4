from blocs.models.blocs import (
    MAX_LOOKBACK_YEARS,
    MAX_POSITION,
    MAX_QUOTA,
    MAX_YEAR,
    MIN_YEAR,
    QUORUM_BOUNDS,
    Bloc,
    BlocYear,
    LeadershipDecision,
    Membership,
    RotationSlot,
    quorum_of,
)
from blocs.models.calendar import BlocYearDate, CalendarDate, DayOff, Milestone
from blocs.models.closing import Handover, HandoverItem, YearStateChange
from blocs.models.pledges import Plan, Pledge, PledgeItem, PledgeSignature

__all__ = [
    "MAX_LOOKBACK_YEARS",
    "MAX_POSITION",
    "MAX_QUOTA",
    "MAX_YEAR",
    "MIN_YEAR",
    "QUORUM_BOUNDS",
    "Bloc",
    "BlocYear",
    "BlocYearDate",
    "CalendarDate",
    "DayOff",
    "Handover",
    "HandoverItem",
    "LeadershipDecision",
    "Membership",
    "Milestone",
    "Plan",
    "Pledge",
    "PledgeItem",
    "PledgeSignature",
    "RotationSlot",
    "YearStateChange",
    "quorum_of",
]
