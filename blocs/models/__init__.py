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
    "Handover",
    "HandoverItem",
    "LeadershipDecision",
    "Membership",
    "Plan",
    "Pledge",
    "PledgeItem",
    "PledgeSignature",
    "RotationSlot",
    "YearStateChange",
    "quorum_of",
]
