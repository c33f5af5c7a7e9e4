"""The year-end minutes: the meetings' minutes with what the year-end review decided.

It extends the kind of the meetings' minutes (awards.documents.kinds), so it renders every
meeting's minutes: a year-end review, or any meeting that held a ballot, also carries the score
table and ranking, the vote of each round, the proposals, and next year's head and deputies,
each section only when there is something to say, numbered on from section II of the minutes.
Other meetings print as the meetings' builder prints them.
"""

from __future__ import annotations

import functools
from decimal import Decimal
from itertools import groupby

from django.db.models import Prefetch

from awards.documents.parts import bloc_words, vote_round
from awards.models import Ballot, BallotVote, Criterion, Nomination, Score
from awards.selectors.ballots import ballot_result, meeting_result
from awards.selectors.scores import score_totals
from blocs.models import BlocYear
from core.formats import number_text
from meetings.documents.minutes import MinutesBuilder
from meetings.documents.text import sort_key
from meetings.models import Document, Meeting

YEAR_END_TEMPLATE = "documents/minutes_year_end.html"
NUMERALS = ("III", "IV", "V", "VI", "VII")


class YearEndMinutesBuilder(MinutesBuilder):
    """Describe a meeting's minutes, with the year-end review's results where it has them."""

    @functools.cached_property
    def ballots(self) -> list[Ballot]:
        votes = BallotVote.objects.select_related("unit", "award_type").prefetch_related(
            "unit__names"
        )
        ballots = list(
            Ballot.objects.filter(meeting_id=self.source.pk)
            .prefetch_related(Prefetch("votes", votes.order_by("pk")))
            .order_by("round_number")
        )
        for ballot in ballots:
            ballot.meeting = self.source
        return ballots

    @property
    def has_results(self) -> bool:
        return self.source.kind == Meeting.Kind.YEAR_END or bool(self.ballots)

    @property
    def template_name(self) -> str:  # type: ignore[override]
        return YEAR_END_TEMPLATE if self.has_results else MinutesBuilder.template_name

    def context(self) -> dict:
        context = super().context()
        if self.has_results:
            context.update(self.results())
        return context

    def results(self) -> dict:
        """Return the sections the year-end review adds, numbered after section II."""
        bloc_year = self.bloc_year()
        bloc_word, head_word, deputy_word = bloc_words(bloc_year.bloc)
        sections = {
            "scores": self.score_rows(),
            "vote": self.vote_rounds(),
            "proposals": self.proposals(),
            "leaders": self.next_leaders(),
        }
        present = [name for name, content in sections.items() if content]
        return {
            "result_numbers": dict(zip(present, NUMERALS, strict=False)),
            "bloc_word": bloc_word.split()[0],
            "review_year": bloc_year.year,
            "score_scale": bloc_year.score_scale,
            "score_rows": sections["scores"],
            "vote_rounds": sections["vote"],
            "proposals": sections["proposals"],
            "province_name": bloc_year.bloc.province.full_name,
            "next_year": bloc_year.year + 1,
            "next_leaders": sections["leaders"],
            "head_word": head_word,
            "deputy_word": deputy_word,
        }

    def score_rows(self) -> list[dict]:
        """Return each member's totals and rank, when the year's scores are entered."""
        bloc_year = self.bloc_year()
        criteria = list(Criterion.objects.filter(bloc_year_id=bloc_year.pk))
        if not criteria:
            return []
        memberships = list(
            bloc_year.memberships.select_related("unit").prefetch_related(
                "unit__names", Prefetch("scores", Score.objects.all())
            )
        )
        totals = score_totals(criteria=criteria, memberships=memberships)
        if not any(row.scores for row in totals):
            return []

        def total(row, value: Decimal, field: str) -> str:
            # A unit that entered no score of this kind has no total, rather than 0.
            entered = any(getattr(score, field) is not None for score in row.scores.values())
            return number_text(value) if entered else "—"

        rows = [
            {
                "rank": row.rank,
                "unit": row.membership.unit.name_in_year(bloc_year.year).full_name,
                "self_total": total(row, row.self_total, "self_score"),
                "bloc_total": total(row, row.bloc_total, "bloc_score"),
            }
            for row in totals
        ]
        return sorted(rows, key=lambda row: (row["rank"], sort_key(row["unit"])))

    def vote_rounds(self) -> list[dict]:
        """Return each round's counts and votes, with its vote-count record when issued."""
        if not self.ballots:
            return []
        bloc_year = self.bloc_year()
        records = {
            document.source_id: document
            for document in Document.objects.of_records(self.ballots).current()
        }
        rounds = []
        for ballot in self.ballots:
            result = ballot_result(ballot, earlier=self.ballots)
            data = vote_round(
                result, year=bloc_year.year, threshold=bloc_year.vote_threshold_percent
            )
            record = records.get(ballot.pk)
            data["record"] = record.symbol if record else ""
            rounds.append(data)
        return rounds

    def proposals(self) -> list[dict]:
        """Return the units proposed for each award: the bloc-year's nominations, or else the
        outcome of the meeting's vote."""
        year = self.bloc_year().year
        nominations = list(
            Nomination.objects.filter(bloc_year_id=self.bloc_year().pk)
            .select_related("unit", "award_type")
            .prefetch_related("unit__names")
        )
        if nominations:
            nominations.sort(
                key=lambda n: (*n.award_type.rank, n.award_type.name, n.unit.short_name)
            )
            return [
                {
                    "award": award_type.name,
                    "units": [n.unit.name_in_year(year).full_name for n in group],
                    "tied": [],
                }
                for award_type, group in groupby(nominations, key=lambda n: n.award_type)
            ]
        if not self.ballots:
            return []
        outcome = meeting_result(self.source, ballots=self.ballots)
        return [
            {
                "award": award.award_type.name,
                "units": [p.unit.name_in_year(year).full_name for p in award.proposals],
                "tied": [unit.name_in_year(year).full_name for unit in award.tied_units],
            }
            for award in outcome.awards
            if award.proposals or award.tied_units
        ]

    def next_leaders(self) -> dict:
        """Return next year's head and deputies, when that year is open with its leaders."""
        bloc_year = self.bloc_year()
        following = (
            BlocYear.objects.with_leaders()
            .filter(bloc_id=bloc_year.bloc_id, year=bloc_year.year + 1)
            .first()
        )
        if following is None or not following.leaders():
            return {}
        head = following.head
        return {
            "head": head.unit.name_in_year(following.year).full_name if head else "",
            "deputies": [
                deputy.unit.name_in_year(following.year).full_name for deputy in following.deputies
            ],
        }
