"""The bloc's submission (tờ trình) of its nominees to the province.

Nghị định 30/2020/NĐ-CP, mẫu 1.5 (tờ trình): addressed to the provincial People's Committee and
its emulation board, it cites the bases in force on its date and the conference's vote, says
what the year's movement achieved, lists the nominees (their names of that year, the award, the
votes they received) and asks for the awards it names; the head unit's leader signs for the
bloc ("TM. KHỐI THI ĐUA SỐ 3 / KHỐI TRƯỞNG", the bloc's own name). Until the submission is
sent it lists the bloc-year's draft and returned nominations, the ones sending it will submit;
once sent, those it carried.
"""

from __future__ import annotations

import datetime
import functools

from awards.documents.parts import bases_cited, bloc_words
from awards.documents.vote_count import VoteCountBuilder
from awards.models import Ballot, BallotVote, Criterion, Nomination, Submission
from blocs.models import BlocYear
from core.formats import and_list, count_text, ngay_thang, number_text
from meetings.documents.builder import DocumentBuilder
from meetings.documents.kinds import MINUTES
from meetings.documents.signatures import SignatureBlock, in_rows
from meetings.documents.text import paragraphs
from meetings.models import Document, Meeting


def submission_nominations(submission: Submission) -> list[Nomination]:
    """Return the nominations a submission carries: those it sent, or, before it is sent, the
    bloc-year's draft and returned ones; flags first, then by unit."""
    nominations = Nomination.objects.filter(bloc_year_id=submission.bloc_year_id)
    if submission.is_submitted:
        nominations = nominations.filter(submission=submission)
    else:
        nominations = nominations.filter(
            status__in=[Nomination.Status.DRAFT, Nomination.Status.RETURNED]
        )
    nominations = nominations.select_related("unit", "award_type", "ballot__meeting")
    return sorted(
        nominations.prefetch_related("unit__names"),
        key=lambda n: (*n.award_type.rank, n.unit.short_name),
    )


class SubmissionBuilder(DocumentBuilder):
    """Describe the tờ trình of a submission."""

    template_name = "documents/submission.html"

    source: Submission

    @functools.cached_property
    def _bloc_year(self) -> BlocYear:
        return BlocYear.objects.select_related("bloc__province").get(pk=self.source.bloc_year_id)

    @functools.cached_property
    def nominations(self) -> list[Nomination]:
        return submission_nominations(self.source)

    def bloc_year(self) -> BlocYear:
        return self._bloc_year

    def date(self) -> datetime.date | None:
        return self.source.date

    def subject(self) -> str:
        """Name the awards the tờ trình asks for, those of its nominees and no other."""
        bloc_year = self.bloc_year()
        awards = list(dict.fromkeys(n.award_type.name for n in self.nominations))
        asked = f"tặng {and_list(awards)}" if awards else "khen thưởng"
        return (
            f"Về việc đề nghị {asked} năm {bloc_year.year} cho các đơn vị thuộc "
            f"{bloc_year.bloc.name}"
        )

    def recipients(self) -> list[str]:
        bloc_word = bloc_words(self.bloc_year().bloc)[0].split()[0]
        return ["Như trên", f"Các đơn vị thành viên {bloc_word}"]

    def addressees(self) -> list[str]:
        province = self.bloc_year().bloc.province
        board = province.board_name or f"Ban Thi đua - Khen thưởng {province.full_name}"
        return [f"Ủy ban nhân dân {province.full_name}", board]

    def context(self) -> dict:
        bloc_year = self.bloc_year()
        bloc = bloc_year.bloc
        year = bloc_year.year
        _bloc_word, head_word, _deputy = bloc_words(bloc)
        province = bloc.province
        nominations = self.nominations
        rows = self.rows(nominations)
        meetings = self.meetings(nominations)
        documents = self.dossier_documents(meetings)
        return {
            "submission": self.source,
            "bloc_name": bloc.name,
            "addressees": self.addressees(),
            "bases": bases_cited(province_id=province.pk, on=self.date()),
            "references": [self.reference(meeting, documents) for meeting in meetings],
            "summary": paragraphs(self.source.summary),
            "request": (
                f"{bloc.name} kính đề nghị Ủy ban nhân dân {province.full_name} xem xét, tặng "
                f"thưởng cho {count_text(len(rows))} tập thể có thành tích xuất sắc trong phong "
                f"trào thi đua năm {year}, cụ thể như sau:"
            ),
            "rows": rows,
            "closing": (
                f"Kính trình Ủy ban nhân dân {province.full_name} (qua "
                f"{self.addressees()[1]}) xem xét, quyết định./."
            ),
            "attachments": self.attachments(meetings, documents),
            "signature_rows": in_rows(
                [
                    None,
                    SignatureBlock(
                        role=f"TM. {bloc.name.upper()}\n{head_word}",
                        title=self.source.signer_title,
                        name=self.source.signer_name,
                    ),
                ]
            ),
        }

    def rows(self, nominations: list[Nomination]) -> list[dict]:
        """Return the table of nominees: unit, award, votes and their share, note."""
        year = self.bloc_year().year
        ballot_ids = {n.ballot_id for n in nominations if n.ballot_id}
        votes = {
            (vote.ballot_id, vote.unit_id, vote.award_type_id): vote.votes
            for vote in BallotVote.objects.filter(ballot_id__in=ballot_ids)
        }
        rows = []
        for nomination in nominations:
            ballot = nomination.ballot
            count = (
                votes.get((ballot.pk, nomination.unit_id, nomination.award_type_id))
                if ballot
                else None
            )
            if count is not None and ballot.valid:
                share = number_text(100 * count / ballot.valid)
                vote_text = f"{count}/{ballot.valid} ({share}%)"
            else:
                vote_text = ""
            note = nomination.reason if ballot is None else ""
            if ballot is not None and ballot.round_number > 1:
                note = f"Bỏ phiếu vòng {ballot.round_number}"
            rows.append(
                {
                    "unit": nomination.unit.name_in_year(year).full_name,
                    "award": nomination.award_type.name,
                    "votes": vote_text,
                    "note": note,
                    "order": (*nomination.award_type.rank, -(count or 0)),
                }
            )
        # Within each award, the units with the most votes first, as the vote-count record.
        return sorted(rows, key=lambda row: row["order"])

    def meetings(self, nominations: list[Nomination]) -> list[Meeting]:
        """Return the meetings whose vote the nominees come from, else the year-end reviews."""
        meetings = {n.ballot.meeting.pk: n.ballot.meeting for n in nominations if n.ballot_id}
        if not meetings:
            meetings = {
                m.pk: m
                for m in Meeting.objects.filter(
                    bloc_year_id=self.source.bloc_year_id, kind=Meeting.Kind.YEAR_END
                )
            }
        return sorted(meetings.values(), key=lambda m: (m.date, m.pk))

    def dossier_documents(self, meetings: list[Meeting]) -> dict[int, dict]:
        """Return, for each meeting, its current minutes and the current vote-count records of
        its rounds."""
        rounds = dict(Ballot.objects.filter(meeting__in=meetings).values_list("pk", "meeting_id"))
        documents = (
            Document.objects.filter(bloc_year_id=self.source.bloc_year_id)
            .current()
            .of_kinds(MINUTES, VoteCountBuilder.kind)
            .order_by("date", "number", "pk")
        )
        found = {meeting.pk: {"minutes": None, "vote_counts": []} for meeting in meetings}
        for document in documents:
            if document.kind == MINUTES.code:
                if document.source_id in found:
                    found[document.source_id]["minutes"] = document
            elif document.source_id in rounds:
                found[rounds[document.source_id]]["vote_counts"].append(document)
        return found

    def reference(self, meeting: Meeting, documents: dict[int, dict]) -> str:
        """Cite the conference's vote and its records."""
        records = []
        if minutes := documents[meeting.pk]["minutes"]:
            records.append(f"Biên bản Hội nghị số {minutes.symbol}")
        records += [
            f"Biên bản kiểm phiếu số {document.symbol}"
            for document in documents[meeting.pk]["vote_counts"]
        ]
        cited = f" ({', '.join(records)})" if records else ""
        title = meeting.title or meeting.get_kind_display()
        return (
            f"Căn cứ kết quả bình xét, bỏ phiếu suy tôn tại {title} của "
            f"{self.bloc_year().bloc.name} {ngay_thang(meeting.date)}{cited};"
        )

    def attachments(self, meetings: list[Meeting], documents: dict[int, dict]) -> list[str]:
        """List the records sent with the submission."""
        lines = []
        for meeting in meetings:
            records = documents[meeting.pk]
            if records["minutes"]:
                lines.append(("Biên bản Hội nghị", records["minutes"]))
            lines += [("Biên bản kiểm phiếu", document) for document in records["vote_counts"]]
        attached = [
            f"{name} số {document.symbol} {ngay_thang(document.date)}" for name, document in lines
        ]
        if Criterion.objects.filter(bloc_year_id=self.source.bloc_year_id).exists():
            attached.append(f"Bảng tổng hợp kết quả chấm điểm thi đua năm {self.bloc_year().year}")
        return attached
