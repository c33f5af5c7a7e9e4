"""The year-end review the documents tests share: the legal bases in force over the years, bloc
1's 2025 year-end review with its first ballot round, its counting committee, the nominations
drawn from it and a submission of them.

Test modules take the fixtures by assigning them (`ballot = review.ballot`).
"""

from __future__ import annotations

import datetime

import pytest

from awards.documents.vote_count import VoteCountBuilder
from awards.services.ballots import ballot_save
from awards.services.counters import counter_add
from awards.services.nominations import nominations_from_ballot
from awards.services.submissions import submission_create
from meetings.models import Attendance, Document, Meeting
from meetings.services import meetings as meeting_services
from meetings.services.documents import document_issue
from tests.factories import LegalBasisFactory

NO_HEAD = (
    "The counting committee of this round has no head: add its head before issuing the "
    "vote-count record."
)


def stored(document: Document) -> bytes:
    with document.file.open("rb") as file:
        return file.read()


# The legal bases: the 2003 law and its 2017 decree until the end of 2023, the 2022 law from
# 2024, decree 98/2023 until 30/6/2025, decree 152/2025 from 1/7/2025, the province's quy chế,
# another province's text and a text that is not cited.
LAW_2003 = "Luật Thi đua, Khen thưởng ngày 26 tháng 11 năm 2003"
DECREE_2017 = "Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017 của Chính phủ"
LAW_2022 = "Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022"
DECREE_2023 = "Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ"
DECREE_2025 = "Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ"
QUY_CHE = "Quyết định số 12/2019/QĐ-UBND ngày 10 tháng 3 năm 2019 của UBND tỉnh Đắk Lắk"
OTHER_PROVINCE = "Quyết định số 598/QĐ-UBND ngày 25 tháng 5 năm 2018 của UBND tỉnh Cao Bằng"
NOT_CITED = "Thông tư số 01/2024/TT-BNV ngày 15 tháng 02 năm 2024 của Bộ Nội vụ"


@pytest.fixture
def bases(province_a, province_b) -> None:
    rows = [
        (None, "law", "15/2003/QH11", LAW_2003, (2004, 1, 1), (2023, 12, 31), True),
        (None, "decree", "91/2017/NĐ-CP", DECREE_2017, (2017, 10, 1), (2023, 12, 31), True),
        (None, "law", "06/2022/QH15", LAW_2022, (2024, 1, 1), None, True),
        (None, "decree", "98/2023/NĐ-CP", DECREE_2023, (2024, 1, 1), (2025, 6, 30), True),
        (None, "decree", "152/2025/NĐ-CP", DECREE_2025, (2025, 7, 1), None, True),
        (None, "circular", "01/2024/TT-BNV", NOT_CITED, (2024, 1, 1), None, False),
        (province_a, "province", "12/2019/QĐ-UBND", QUY_CHE, (2019, 3, 10), None, True),
        (province_b, "province", "598/QĐ-UBND", OTHER_PROVINCE, (2018, 5, 25), None, True),
    ]
    for province, kind, number, citation, start, end, cited in rows:
        LegalBasisFactory(
            province=province,
            kind=kind,
            number=number,
            citation=citation,
            effective_from=datetime.date(*start),
            effective_to=datetime.date(*end) if end else None,
            cite_in_documents=cited,
        )


def year_end_meeting(bloc_year, host, units, day: datetime.date) -> Meeting:
    """A year-end review of the bloc-year at the host's premises, every unit present."""
    meeting = meeting_services.meeting_create(
        bloc_year=bloc_year,
        kind=Meeting.Kind.YEAR_END,
        title=f"Hội nghị tổng kết công tác thi đua, khen thưởng năm {bloc_year.year}",
        date=day,
        start_time=datetime.time(8, 0),
        end_time=datetime.time(11, 30),
        host_unit=host,
        chairs=[{"name": "Đại tá Nguyễn Văn Hùng", "title": "Giám đốc", "unit": host}],
        secretary_name="Lê Thị Hoa",
        conclusions="Hội nghị thống nhất kết quả bình xét.",
    )
    for unit in units:
        Attendance.objects.create(meeting=meeting, unit=unit, present=True)
    return meeting


def record(meeting, votes, *, round_number=1, issued=3, valid=3, invalid=0):
    return ballot_save(
        meeting=meeting,
        round_number=round_number,
        issued=issued,
        returned=valid + invalid,
        valid=valid,
        invalid=invalid,
        votes={(unit.pk, award.pk): count for (unit, award), count in votes.items()},
    )


@pytest.fixture
def meeting(bloc_year_1, unit_h, unit_d, unit_m) -> Meeting:
    """Bloc 1's year-end review of 2025, on 20/12/2025 at H's premises."""
    return year_end_meeting(
        bloc_year_1, unit_h, [unit_h, unit_d, unit_m], datetime.date(2025, 12, 20)
    )


@pytest.fixture
def ballot(meeting, proposable, unit_h, unit_d, unit_m):
    """Round 1: H gets the flag with 3/3; D (3/3) and M (2/3) the certificate of merit."""
    flag, merit = proposable
    return record(
        meeting,
        {(unit_h, flag): 3, (unit_d, flag): 1, (unit_d, merit): 3, (unit_m, merit): 2},
    )


@pytest.fixture
def committee(ballot, unit_d, unit_m):
    """A head from D and two members, from M and from no unit."""
    counter_add(ballot=ballot, role="member", name="Trần Thị Lan", title="Chuyên viên", unit=unit_m)
    counter_add(
        ballot=ballot, role="head", name="Phạm Văn Bình", title="Phó Viện trưởng", unit=unit_d
    )
    counter_add(ballot=ballot, role="member", name="Hoàng Văn Cường")
    return ballot.counters.order_by("position")


@pytest.fixture
def nominated(ballot, committee, board):
    """The vote-count record issued and the ballot's outcome nominated."""
    document_issue(builder=VoteCountBuilder(ballot), user=board)
    return nominations_from_ballot(ballot=ballot)


@pytest.fixture
def submission(bloc_year_1, unit_h):
    unit_h.leader_name, unit_h.leader_title = "Thiếu tướng Lê Vinh Quy", "Giám đốc Công an tỉnh"
    unit_h.save()
    return submission_create(
        bloc_year=bloc_year_1,
        date=datetime.date(2026, 1, 5),
        signer_name="Thiếu tướng Lê Vinh Quy",
        signer_title="Giám đốc Công an tỉnh",
        summary="Năm 2025, các đơn vị thành viên đã hoàn thành xuất sắc nhiệm vụ được giao.\n"
        "Phong trào thi đua được triển khai sâu rộng.",
    )
