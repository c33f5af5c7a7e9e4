"""The vote-count record (biên bản kiểm phiếu) of one ballot round, signed by its committee.

Nghị định 30/2020/NĐ-CP, mẫu 1.6 (biên bản): the bases in force on the meeting's day, when and
where the count took place, the counting committee, the ballots issued, returned, valid and
invalid, one table per award type (votes, share of the valid ballots, whether the unit passes
the threshold and is within the quota), the result, and the signatures of the committee: its
head on the right, its members beside and under it.
"""

from __future__ import annotations

import datetime
import functools

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from awards.documents.parts import bases_cited, vote_round
from awards.models import Ballot, BallotCounter, BallotVote
from awards.selectors.ballots import BallotResult, ballot_result, meeting_result
from blocs.models import BlocYear
from core.errors import DomainError
from core.formats import number_text
from core.text import person
from meetings.documents.builder import DocumentBuilder
from meetings.documents.minutes import MinutesBuilder
from meetings.documents.signatures import SignatureBlock, in_rows
from meetings.models import Meeting

HEAD = "Trưởng ban kiểm phiếu"
MEMBER = "Thành viên"


class VoteCountBuilder(DocumentBuilder):
    """Describe the vote-count record of a ballot round."""

    template_name = "documents/vote_count.html"

    source: Ballot

    @functools.cached_property
    def meeting(self) -> Meeting:
        return (
            Meeting.objects.select_related("bloc_year__bloc__province", "host_unit")
            .prefetch_related("host_unit__names")
            .get(pk=self.source.meeting_id)
        )

    @functools.cached_property
    def counters(self) -> list[BallotCounter]:
        return list(
            BallotCounter.objects.filter(ballot_id=self.source.pk)
            .select_related("unit")
            .prefetch_related("unit__names")
            .order_by("position", "pk")
        )

    @functools.cached_property
    def head(self) -> BallotCounter | None:
        return next((c for c in self.counters if c.role == BallotCounter.Role.HEAD), None)

    @functools.cached_property
    def rounds(self) -> list[Ballot]:
        """This round and the meeting's earlier ones, with their votes and units' names."""
        votes = BallotVote.objects.select_related("unit", "award_type").prefetch_related(
            "unit__names"
        )
        rounds = list(
            Ballot.objects.filter(
                meeting_id=self.source.meeting_id, round_number__lte=self.source.round_number
            )
            .prefetch_related(Prefetch("votes", votes.order_by("pk")))
            .order_by("round_number")
        )
        for ballot in rounds:
            ballot.meeting = self.meeting
        return rounds

    @functools.cached_property
    def result(self) -> BallotResult:
        """The count of this round, with the places the earlier rounds kept."""
        return ballot_result(self.rounds[-1], earlier=self.rounds[:-1])

    def bloc_year(self) -> BlocYear:
        return self.meeting.bloc_year

    def date(self) -> datetime.date | None:
        return self.meeting.date

    def subject(self) -> str:
        subject = f"Bình xét, suy tôn danh hiệu thi đua năm {self.bloc_year().year}"
        if self.source.round_number > 1:
            subject += f" (bỏ phiếu vòng {self.source.round_number})"
        return subject

    def html(self, *, number: str = "", draft: bool = False, code: str = "") -> str:
        if not draft and self.head is None:
            raise DomainError(
                _(
                    "The counting committee of this round has no head: add its head before "
                    "issuing the vote-count record."
                )
            )
        return super().html(number=number, draft=draft, code=code)

    def context(self) -> dict:
        bloc_year = self.bloc_year()
        year = bloc_year.year
        ballot = self.source

        def name_of(unit) -> str:
            return unit.name_in_year(year).full_name if unit is not None else ""

        host = name_of(self.meeting.host_unit) if self.meeting.host_unit_id else ""
        members = [c for c in self.counters if c.role != BallotCounter.Role.HEAD]
        committee = [self.head, *members] if self.head else members
        return {
            "ballot": ballot,
            "bases": bases_cited(province_id=bloc_year.bloc.province_id, on=self.date()),
            "opening": MinutesBuilder(self.meeting).opening(host),
            "purpose": self.purpose(),
            "committee": [
                {
                    "person": person(c.name, c.title, name_of(c.unit)),
                    "role": "Trưởng ban" if c.role == BallotCounter.Role.HEAD else "Thành viên",
                }
                for c in committee
            ],
            "round": vote_round(self.result, year=year, threshold=bloc_year.vote_threshold_percent),
            "outcome": self.outcome(),
            "signature_rows": self.signature_rows(members),
        }

    def purpose(self) -> str:
        """Say what the committee counted."""
        ballot = self.source
        round_text = f" vòng {ballot.round_number}" if ballot.round_number > 1 else ""
        return (
            f"Ban kiểm phiếu đã tiến hành kiểm phiếu bỏ phiếu kín{round_text} bình xét, suy tôn "
            f"các đơn vị đề nghị khen thưởng năm {self.bloc_year().year}. Kết quả như sau:"
        )

    def outcome(self) -> list[str]:
        """Return the result of the rounds so far: the units proposed for each award, with the
        votes of the round that decided them, and the ties left to decide."""
        year = self.bloc_year().year
        threshold = self.bloc_year().vote_threshold_percent
        ballot = self.source
        standing = meeting_result(self.meeting, ballots=self.rounds)
        proposed = [
            (
                award.award_type.name,
                [
                    f"{p.unit.name_in_year(year).full_name} ({p.votes}/{p.ballot.valid} phiếu, "
                    f"đạt {number_text(p.percent)}%)"
                    for p in award.proposals
                ],
            )
            for award in standing.awards
            if award.proposals
        ]
        tied = [
            (
                award.award_type.name,
                [unit.name_in_year(year).full_name for unit in award.tied_units],
            )
            for award in standing.awards
            if award.tied_units
        ]
        lines: list[str] = []
        after = f" sau {ballot.round_number} vòng bỏ phiếu" if ballot.round_number > 1 else ""
        if proposed:
            lines.append(
                f"Căn cứ kết quả kiểm phiếu{after}, các đơn vị đạt trên {threshold}% tổng số "
                "phiếu hợp lệ và trong chỉ tiêu được đề nghị khen thưởng như sau:"
            )
            lines += [f"- {award}: {'; '.join(names)}." for award, names in proposed]
        elif not tied:
            lines.append(
                f"Không có đơn vị nào đạt trên {threshold}% tổng số phiếu hợp lệ trong chỉ tiêu."
            )
        lines += [
            f"- {award}: các đơn vị {', '.join(names)} có số phiếu bằng nhau tại vị trí cuối "
            f"của chỉ tiêu; đề nghị Hội nghị bỏ phiếu vòng {ballot.round_number + 1} giữa các "
            "đơn vị này."
            for award, names in tied
        ]
        return lines

    def signature_rows(self, members: list[BallotCounter]) -> list[list]:
        """The head signs on the right of the first row, a member beside; the other members
        two to a row below."""
        head = SignatureBlock(role=HEAD, name=self.head.name if self.head else "")
        blocks = [SignatureBlock(role=MEMBER, name=member.name) for member in members]
        return in_rows([blocks[0] if blocks else None, head, *blocks[1:]])
