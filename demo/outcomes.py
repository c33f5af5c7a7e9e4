"""The outcomes the seed reports tell, replayed in the demo through the awards services.

Đắk Lắk's Khối thi đua số 3 proposed, for 2020, the flag for Bộ Chỉ huy Quân sự tỉnh and the
certificate of merit for Bộ Chỉ huy Bộ đội Biên phòng tỉnh, Viện kiểm sát and Công an tỉnh;
Cà Mau's Khối thi đua I the flag for Bộ Chỉ huy Bộ đội Biên phòng tỉnh and the certificate of
merit for Cục Thi hành án dân sự tỉnh and Công an tỉnh. The reports give no vote counts, no
counting committee, no tờ trình and no decision: the counts, the committee's members (named
by the unit they stood for), the tờ trình's date and signer (named by office) and the
decision's number and date are illustrative, and the ballot's and decision's notes say so.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass

from awards.documents.report import report_html
from awards.documents.submission import SubmissionBuilder
from awards.documents.vote_count import VoteCountBuilder
from awards.models import AwardType, Ballot, BallotCounter, Nomination, ReportFile
from awards.selectors.ballots import proposable_award_types
from awards.services.ballots import ballot_save
from awards.services.counters import counter_add
from awards.services.nominations import decision_record, nominations_from_ballot
from awards.services.reports import report_file_add, report_save
from awards.services.submissions import submission_create, submission_submit
from blocs.models import BlocYear
from demo import seeds
from meetings.documents.builder import DocumentBuilder
from meetings.documents.pdf import html_to_pdf
from meetings.models import Document, Meeting
from meetings.services.documents import document_issue
from units.models import Unit

BALLOT_NOTE = (
    "Báo cáo hội nghị không nêu số phiếu; số phiếu ở đây là minh họa. Báo cáo cũng không nêu "
    "tên thành viên Ban kiểm phiếu: họ được ghi là đại diện của đơn vị mình."
)
DECISION_NOTE = "Báo cáo không nêu số quyết định; số và ngày ở đây là minh họa."
REPORT_NOTE = (
    "Nội dung minh họa của dữ liệu mẫu: báo cáo hội nghị không nêu thành tích riêng của đơn "
    "vị; đơn vị ghi ở đây theo mẫu báo cáo thành tích."
)
HEAD, MEMBER = BallotCounter.Role.HEAD, BallotCounter.Role.MEMBER


@dataclass(frozen=True)
class DemoOutcome:
    """A bloc-year's ballot at its year-end conference and what became of its proposals.

    Units are the keys of demo.seeds; votes are per unit for the flag and for the certificate of
    merit, out of one valid ballot per unit present (less the invalid ones).
    """

    province: str
    bloc: str
    year: int
    conference: datetime.date
    flag_votes: dict[str, int]
    merit_votes: dict[str, int]
    # (role, unit key) of each member of the counting committee, the head first.
    counters: tuple[tuple[str, str], ...]
    invalid: int
    submitted_on: datetime.date
    signer_name: str
    signer_title: str
    summary: str
    decision_number: str
    decided_on: datetime.date
    decision_signer: str


OUTCOMES = (
    DemoOutcome(
        province="dak-lak",
        bloc="Khối thi đua số 3",
        year=2020,
        conference=datetime.date(2021, 1, 26),
        # Eight units present: eight ballots issued and returned, all valid.
        flag_votes={"bchqs": 7, "ca": 1},
        merit_votes={"bdbp": 7, "vksnd": 6, "ca": 5, "tand": 2, "thads": 2, "thanh-tra": 1},
        counters=((HEAD, "stp"), (MEMBER, "tand"), (MEMBER, "thanh-tra")),
        invalid=0,
        submitted_on=datetime.date(2021, 2, 2),
        signer_name="Lãnh đạo Bộ Chỉ huy Quân sự tỉnh",
        signer_title="Đại diện đơn vị Khối trưởng",
        summary="Năm 2020, các cơ quan, đơn vị trong Khối đã hoàn thành tốt nhiệm vụ, đạt và "
        "vượt mức chỉ tiêu so với năm 2019 và kế hoạch năm 2020; phong trào thi đua yêu nước "
        "được duy trì thường xuyên, liên tục, rộng khắp. Căn cứ các nội dung, tiêu chí thi đua "
        "năm 2020, Hội nghị tổng kết ngày 26 tháng 01 năm 2021 đã bỏ phiếu suy tôn các đơn vị "
        "dẫn đầu.",
        decision_number="01/QĐ-UBND (minh họa)",
        decided_on=datetime.date(2021, 3, 1),
        decision_signer="Chủ tịch UBND tỉnh Đắk Lắk",
    ),
    DemoOutcome(
        province="ca-mau",
        bloc="Khối thi đua I",
        year=2020,
        conference=datetime.date(2021, 3, 12),
        # Seven units present: seven ballots issued and returned, all valid.
        flag_votes={"bdbp": 6, "bchqs": 1},
        merit_votes={"thads": 6, "ca": 5, "tand": 2, "vksnd": 1},
        counters=((HEAD, "thanh-tra"), (MEMBER, "tand"), (MEMBER, "vksnd")),
        invalid=0,
        submitted_on=datetime.date(2021, 3, 16),
        signer_name="Lãnh đạo Bộ Chỉ huy Quân sự tỉnh",
        signer_title="Đại diện đơn vị Khối trưởng",
        summary="Năm 2020, Lãnh đạo các cơ quan thành viên Khối quan tâm, chỉ đạo kịp thời, "
        "phối hợp chặt chẽ, đoàn kết thực hiện thắng lợi các chỉ tiêu kế hoạch đề ra. Hội "
        "nghị tổng kết ngày 12 tháng 3 năm 2021 đã bình xét thi đua và thống nhất đề nghị khen "
        "thưởng các cơ quan có nhiều thành tích xuất sắc, dẫn đầu Khối.",
        decision_number="02/QĐ-UBND (minh họa)",
        decided_on=datetime.date(2021, 4, 15),
        decision_signer="Chủ tịch UBND tỉnh Cà Mau",
    ),
)


def unit_of(province: str, key: str) -> Unit:
    """Return the demo unit of that key (demo.seeds), whatever name it carries today."""
    spec = next(p for p in seeds.PROVINCES if p.code == province)
    unit = next(u for u in spec.units if u.key == key)
    names = {unit.full_name, unit.current_full_name}
    return Unit.objects.get(province__code=province, full_name__in=names)


def bloc_year_of(outcome: DemoOutcome) -> BlocYear:
    return BlocYear.objects.select_related("bloc__province").get(
        bloc__province__code=outcome.province, bloc__name=outcome.bloc, year=outcome.year
    )


def conference_of(outcome: DemoOutcome) -> Meeting:
    """Return the year-end conference at which the bloc voted."""
    return Meeting.objects.select_related("bloc_year__bloc__province").get(
        bloc_year=bloc_year_of(outcome), kind=Meeting.Kind.YEAR_END, date=outcome.conference
    )


def record_ballots(created: Counter) -> None:
    """Record what the seed conferences voted, who counted it and the nominations the ballots
    give, leaving alone every step already taken. The conferences' minutes are issued after."""
    for outcome in OUTCOMES:
        ballot = _ballot(created, outcome)
        _counters(outcome, ballot)
        _nominations(created, outcome, ballot)


def record_proposals(created: Counter) -> None:
    """Issue the vote-count records, submit the nominations with the tờ trình and record the
    province's decision, leaving alone every step already taken.

    The vote-count records are issued after the conferences' minutes and the Cà Mau handover
    record, which keep the numbers they had before the ballots were in the demo (01/BB, 02/BB).
    """
    for outcome in OUTCOMES:
        ballot = Ballot.objects.get(meeting=conference_of(outcome), round_number=1)
        _issue(created, VoteCountBuilder(ballot))
        _submission(created, outcome)
        _decision(created, outcome)


def _issue(created: Counter, builder: DocumentBuilder) -> None:
    if not Document.objects.of_record(builder.source).exists():
        document_issue(builder=builder, user=None)
        created["document"] += 1


def _ballot(created: Counter, outcome: DemoOutcome) -> Ballot:
    meeting = conference_of(outcome)
    ballot = Ballot.objects.filter(meeting=meeting, round_number=1).first()
    if ballot is not None:
        return ballot
    award_types = proposable_award_types(meeting.bloc_year)
    flag = next(a for a in award_types if a.kind == AwardType.Kind.FLAG)
    merit = next(a for a in award_types if a.kind == AwardType.Kind.MERIT)
    # Every member's row is filled, as the ballot form records it: blanks count as no vote.
    votes = {}
    for membership in meeting.bloc_year.memberships.select_related("unit"):
        votes[membership.unit_id, flag.pk] = 0
        votes[membership.unit_id, merit.pk] = 0
    for award_type, counts in ((flag, outcome.flag_votes), (merit, outcome.merit_votes)):
        for key, count in counts.items():
            votes[unit_of(outcome.province, key).pk, award_type.pk] = count
    # One ballot for each unit present, all of them returned.
    present = meeting.attendances.filter(present=True).count()
    ballot = ballot_save(
        meeting=meeting,
        round_number=1,
        issued=present,
        returned=present,
        valid=present - outcome.invalid,
        invalid=outcome.invalid,
        votes=votes,
        note=BALLOT_NOTE,
    )
    created["ballot"] += 1
    return ballot


def _counters(outcome: DemoOutcome, ballot: Ballot) -> None:
    if ballot.counters.exists():
        return
    for role, key in outcome.counters:
        # The reports name no one: each member is named by the unit they stood for.
        short_name = unit_of(outcome.province, key).name_in_year(outcome.year).short_name
        counter_add(ballot=ballot, role=role, name=f"Đại diện {short_name}")


def _nominations(created: Counter, outcome: DemoOutcome, ballot: Ballot) -> None:
    if ballot.meeting.bloc_year.nominations.exists():
        return
    created["nomination"] += len(nominations_from_ballot(ballot=ballot))


def _submission(created: Counter, outcome: DemoOutcome) -> None:
    bloc_year = bloc_year_of(outcome)
    # A bloc-year that has a submission, the demo's or one made in the app, is left as it is.
    if bloc_year.submissions.exists() or not bloc_year.nominations.exists():
        return
    submission = submission_create(
        bloc_year=bloc_year,
        date=outcome.submitted_on,
        signer_name=outcome.signer_name,
        signer_title=outcome.signer_title,
        summary=outcome.summary,
    )
    _reports(created, outcome, bloc_year)
    _issue(created, SubmissionBuilder(submission))
    submission_submit(submission=submission, user=None, sent_on=outcome.submitted_on)
    created["submission"] += 1


def _reports(created: Counter, outcome: DemoOutcome, bloc_year: BlocYear) -> None:
    """Give each nominee its achievement report and the signed file the dossier needs. The
    seed reports say nothing of the units' own achievements: the text says it stands in."""
    for nomination in bloc_year.nominations.pending().select_related("unit", "award_type"):
        unit = nomination.unit
        name = unit.name_in_year(outcome.year).full_name
        report = report_save(
            nomination=nomination,
            user=None,
            version=0,
            parent_body="",
            date=outcome.submitted_on,
            particulars=f"{name}, đơn vị thành viên {bloc_year.bloc.name}. {REPORT_NOTE}",
            functions=REPORT_NOTE,
            achievements=REPORT_NOTE,
            measures=REPORT_NOTE,
            party_work="",
            earlier_honours="",
            head_title=unit.leader_title or "……………",
            head_name=unit.leader_name or "……………………",
        )
        report.nomination = nomination
        signed = html_to_pdf(report_html(report))
        report_file_add(nomination=nomination, kind=ReportFile.Kind.SIGNED, data=signed, user=None)
        created["report"] += 1


def _decision(created: Counter, outcome: DemoOutcome) -> None:
    bloc_year = bloc_year_of(outcome)
    if bloc_year.nominations.filter(decision__isnull=False).exists():
        return
    submitted = list(bloc_year.nominations.filter(status=Nomination.Status.SUBMITTED))
    if not submitted:
        return
    decision_record(
        province=bloc_year.bloc.province,
        number=outcome.decision_number,
        date=outcome.decided_on,
        signer=outcome.decision_signer,
        outcomes=dict.fromkeys(submitted, Nomination.Status.APPROVED),
        note=DECISION_NOTE,
    )
    created["decision"] += 1
