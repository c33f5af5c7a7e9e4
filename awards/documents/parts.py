"""What the year-end review's documents share: the legal bases they cite, the words for a bloc
and its leaders, and the vote tables.

The documents are the vote-count record (biên bản kiểm phiếu) of a ballot round, the bloc's
submission (tờ trình) of its nominees to the province, and the year-end minutes, which extend
the meetings' minutes with the scores, the vote, the proposals and next year's leaders; their
kinds are declared in awards.documents.kinds.
"""

from __future__ import annotations

import datetime

from awards.models import LegalBasis
from awards.selectors.ballots import AwardResult, BallotResult
from blocs.models import Bloc
from core.formats import count_text, number_text


def bases_cited(*, province_id: int | None, on: datetime.date | None) -> list[str]:
    """Return the citations of the texts in force on that date, as "Căn cứ …" lines cite them."""
    if on is None:
        return []
    texts = LegalBasis.objects.cited(province_id=province_id, on=on)
    return [text.citation.rstrip(" .;,") for text in texts]


def bloc_words(bloc: Bloc) -> tuple[str, str, str]:
    """Return how documents call the bloc, its head and its deputies: ("Khối thi đua", and the
    province's titles of the head and the deputies), or the cluster's words."""
    word = "Cụm thi đua" if bloc.kind == Bloc.Kind.CLUSTER else "Khối thi đua"
    return word, bloc.head_term, bloc.deputy_term


def _standing(row) -> str:
    """Say where a unit stands for an award after a round, as the table's last column."""
    if getattr(row, "carried", False):
        return "Đã trúng ở vòng trước"
    if not getattr(row, "contending", True):
        return "Không thuộc diện bỏ phiếu lại"
    if row.excluded:
        return "Đã được đề nghị hình thức cao hơn"
    if row.within_quota:
        return "Trong chỉ tiêu"
    if row.tied:
        return "Bằng phiếu, bỏ phiếu lại"
    return "Không"


def vote_table(award: AwardResult, *, year: int) -> dict:
    """Return one award type's rows of a round as the vote table prints them."""
    quota = f" (chỉ tiêu: {count_text(award.quota)} đơn vị)" if award.quota is not None else ""
    return {
        "title": f"{award.award_type.name}{quota}",
        "award_type": award.award_type,
        "rows": [
            {
                "unit": row.unit.name_in_year(year).full_name,
                "votes": row.votes,
                "percent": number_text(row.percent),
                "passes": "Đạt" if row.passes else "Không đạt",
                "standing": _standing(row),
            }
            for row in award.rows
        ],
    }


def vote_round(result: BallotResult, *, year: int, threshold: int) -> dict:
    """Return a round's counts and its vote tables, as the vote-count record and the minutes
    print them."""
    ballot = result.ballot
    return {
        "ballot": ballot,
        "round_number": ballot.round_number,
        "threshold": threshold,
        "counts": [
            ("Số phiếu phát ra", ballot.issued),
            ("Số phiếu thu vào", ballot.returned),
            ("Số phiếu hợp lệ", ballot.valid),
            ("Số phiếu không hợp lệ", ballot.invalid),
        ],
        # A table for each award type that had candidates, and none for the others.
        "tables": [vote_table(award, year=year) for award in result.awards if award.rows],
    }
