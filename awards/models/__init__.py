from awards.models.ballots import Ballot, BallotCounter, BallotVote
from awards.models.nominations import Decision, Nomination, Submission
from awards.models.registrations import Registration
from awards.models.regulations import AwardRules, LegalBasis
from awards.models.reports import AchievementReport, ReportFile
from awards.models.scores import Criterion, Score
from awards.models.types import AwardType, ProvinceScopedQuerySet

__all__ = [
    "AchievementReport",
    "AwardRules",
    "AwardType",
    "Ballot",
    "BallotCounter",
    "BallotVote",
    "Criterion",
    "Decision",
    "LegalBasis",
    "Nomination",
    "ProvinceScopedQuerySet",
    "Registration",
    "ReportFile",
    "Score",
    "Submission",
]
