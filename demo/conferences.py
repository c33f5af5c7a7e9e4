"""The conferences the seed reports tell, recorded in the demo through the meetings services."""

from __future__ import annotations

import datetime
from collections import Counter

from blocs.models import BlocYear, Handover, Pledge
from blocs.services.handover import handover_record
from meetings.documents.builder import DocumentBuilder
from meetings.documents.handover import HandoverBuilder
from meetings.documents.kinds import MINUTES
from meetings.documents.pledge import PledgeBuilder
from meetings.models import Document, Meeting
from meetings.services import meetings as services
from meetings.services.documents import document_issue
from units.models import Unit


def _unit(province: str, short_name: str) -> Unit:
    # Short names as in 2020 or, once renamed, now: the demo's units are few and distinct.
    return Unit.objects.get(province__code=province, short_name=short_name)


def _year(province: str, bloc: str, year: int) -> BlocYear:
    return BlocYear.objects.get(bloc__province__code=province, bloc__name=bloc, year=year)


def _attendance(bloc_year: BlocYear, representatives: dict[Unit, tuple[str, str]]) -> list[dict]:
    """Everyone present (as the reports say), with the representatives they name."""
    rows = []
    for membership in bloc_year.memberships.select_related("unit"):
        name, title = representatives.get(membership.unit, ("", ""))
        rows.append(
            {
                "unit": membership.unit,
                "present": True,
                "representative_name": name,
                "representative_title": title,
            }
        )
    return rows


def _record(created: Counter, bloc_year: BlocYear, attendance: dict, **fields) -> None:
    if Meeting.objects.filter(bloc_year=bloc_year, kind=fields["kind"], date=fields["date"]):
        return
    meeting = services.meeting_create(bloc_year=bloc_year, **fields)
    services.meeting_attendance_save(
        meeting=meeting, version=meeting.version, rows=_attendance(bloc_year, attendance)
    )
    created["meeting"] += 1


def load(created: Counter, *, documents: bool = True) -> None:
    """Record the three seed conferences unless they are there already.

    With `documents=False` nothing is issued yet: a layer above records what else happened at
    the conferences (the ballot), then calls `issue_documents`.
    """
    _dak_lak_2020_year_end(created)
    _ca_mau_2020_year_end(created)
    _dak_lak_2022_mid_year(created)
    if documents:
        issue_documents(created)


def issue_documents(created: Counter) -> None:
    """Issue the demo's documents and record the handover, unless done already."""
    issue_demo_documents(created)
    # After the minutes of the conference at which the handover took place.
    issue_demo_handover(created)


def _dak_lak_2020_year_end(created: Counter) -> None:
    bloc_year = _year("dak-lak", "Khối thi đua số 3", 2020)
    bchqs = _unit("dak-lak", "Bộ Chỉ huy Quân sự tỉnh")
    tand = _unit("dak-lak", "Tòa án nhân dân tỉnh")
    _record(
        created,
        bloc_year,
        {
            bchqs: ("Thượng tá Trần Minh Trọng", "Chính ủy"),
            tand: ("Trịnh Văn Toàn", "Phó Chánh án"),
        },
        kind=Meeting.Kind.YEAR_END,
        title="Hội nghị tổng kết công tác thi đua, khen thưởng năm 2020 và triển khai nhiệm vụ "
        "công tác năm 2021",
        date=datetime.date(2021, 1, 26),
        start_time=datetime.time(14, 30),
        venue_kind=Meeting.VenueKind.PREMISES,
        host_unit=bchqs,
        # The eight members signed the 2021 pledge at this conference.
        signed_pledge=Pledge.objects.filter(
            bloc_year=_year("dak-lak", "Khối thi đua số 3", 2021)
        ).first(),
        chairs=[{"name": "Thượng tá Trần Minh Trọng", "title": "Chính ủy", "unit": bchqs}],
        guests=[
            {
                "name": "Y Sư Niê",
                "title": "Phó Trưởng Ban Thi đua - Khen thưởng tỉnh",
                "organisation": "Ban Thi đua - Khen thưởng tỉnh Đắk Lắk",
            }
        ],
        agenda=[
            {"title": "Thông qua Báo cáo tổng kết công tác thi đua, khen thưởng năm 2020"},
            {"title": "Bình xét, bỏ phiếu suy tôn các đơn vị đề nghị khen thưởng"},
            {"title": "Bầu Khối trưởng, Khối phó năm 2021"},
            {"title": "Ký kết giao ước thi đua năm 2021"},
        ],
        report_title="Báo cáo tổng kết công tác thi đua, khen thưởng năm 2020 và phương "
        "hướng, nhiệm vụ năm 2021",
        report_summary="Các cơ quan, đơn vị trong khối đã hoàn thành tốt nhiệm vụ, đạt và vượt "
        "mức chỉ tiêu so với năm 2019 và kế hoạch năm 2020; phong trào thi đua yêu nước được "
        "duy trì thường xuyên, liên tục, rộng khắp.",
        opinions=[
            {
                "speaker_name": "Y Sư Niê",
                "speaker_title": "Phó Trưởng Ban Thi đua - Khen thưởng tỉnh",
                "content": "Ghi nhận và đánh giá cao thành tích của các đơn vị trong khối; đề "
                "nghị các đơn vị tiếp tục phát huy thành quả, khắc phục khó khăn, hạn chế để "
                "hoàn thành xuất sắc nhiệm vụ năm 2021.",
            },
        ],
        conclusions="Hội nghị thống nhất đề nghị UBND tỉnh tặng Cờ thi đua cho Bộ Chỉ huy Quân "
        "sự tỉnh; tặng Bằng khen cho Bộ Chỉ huy Bộ đội Biên phòng tỉnh, Viện kiểm sát nhân dân "
        "tỉnh và Công an tỉnh. Hội nghị bầu Công an tỉnh làm Khối trưởng, Sở Tư pháp tỉnh làm "
        "Khối phó Khối thi đua số 3 năm 2021. Các đơn vị ký kết giao ước thi đua năm 2021.",
    )


def _ca_mau_2020_year_end(created: Counter) -> None:
    bloc_year = _year("ca-mau", "Khối thi đua I", 2020)
    bchqs = _unit("ca-mau", "Bộ Chỉ huy Quân sự tỉnh")
    _record(
        created,
        bloc_year,
        {},
        kind=Meeting.Kind.YEAR_END,
        title="Hội nghị tổng kết công tác thi đua - khen thưởng năm 2020",
        # "Chiều ngày 12/3/2021": the day is known, the hour is not.
        date=datetime.date(2021, 3, 12),
        day_part=Meeting.DayPart.AFTERNOON,
        venue_kind=Meeting.VenueKind.ONLINE,
        host_unit=bchqs,
        basis="Quyết định số 888/QĐ-UBND ngày 21 tháng 5 năm 2020 của UBND tỉnh Cà Mau về việc "
        "phân công phụ trách Trưởng, Phó Cụm, các Khối thi đua năm 2020; Kế hoạch số 02/KH-KTĐ I "
        "ngày 29 tháng 6 năm 2020 của Khối thi đua I về thực hiện phong trào thi đua năm 2020.",
        guests=[
            {
                "name": "Lê Hữu Thơ",
                "title": "Phó Trưởng Ban Thi đua - Khen thưởng tỉnh",
                "organisation": "Ban Thi đua - Khen thưởng tỉnh Cà Mau",
            }
        ],
        agenda=[
            {"title": "Tổng kết, đánh giá công tác thi đua - khen thưởng năm 2020"},
            {"title": "Phương hướng, nhiệm vụ năm 2021"},
            {"title": "Bình xét thi đua, đề nghị khen thưởng"},
            {"title": "Luân phiên Khối trưởng, Khối phó năm 2021"},
        ],
        report_title="Báo cáo tổng kết công tác thi đua - khen thưởng năm 2020 và phương "
        "hướng, nhiệm vụ năm 2021",
        report_summary="Lãnh đạo các cơ quan thành viên quan tâm, chỉ đạo kịp thời, phối hợp "
        "chặt chẽ, đoàn kết thực hiện thắng lợi các chỉ tiêu kế hoạch đề ra.",
        conclusions="Hội nghị thống nhất đề nghị UBND tỉnh tặng Cờ thi đua cho Bộ Chỉ huy Bộ "
        "đội Biên phòng tỉnh; tặng Bằng khen cho Cục Thi hành án dân sự tỉnh và Công an tỉnh. "
        "Thực hiện Quy chế luân phiên, Bộ Chỉ huy Quân sự tỉnh chuyển giao Khối trưởng cho Cục "
        "Thi hành án dân sự tỉnh; Thanh tra tỉnh và Tòa án nhân dân tỉnh làm Khối phó Khối thi "
        "đua I năm 2021.",
        note="Họp buổi chiều tại phòng họp trực tuyến của Bộ Chỉ huy Quân sự tỉnh (Trưởng "
        "khối); giờ bắt đầu không ghi trong tin.",
    )


def _dak_lak_2022_mid_year(created: Counter) -> None:
    bloc_year = _year("dak-lak", "Khối thi đua số 3", 2022)
    thanh_tra = _unit("dak-lak", "Thanh tra tỉnh")
    lu_doan = _unit("dak-lak", "Lữ đoàn 198")
    _record(
        created,
        bloc_year,
        {
            thanh_tra: ("Phạm Văn Sáu", "Phó Chánh Thanh tra tỉnh"),
            lu_doan: ("Đại tá Nguyễn Minh Mạnh", "Chính ủy"),
        },
        kind=Meeting.Kind.MID_YEAR,
        title="Hội nghị sơ kết công tác thi đua - khen thưởng, phong trào thi đua yêu nước 6 "
        "tháng đầu năm và nhiệm vụ 6 tháng cuối năm 2022",
        # The report of 19/7/2022 says "recently" and not where: no time, no venue.
        date=datetime.date(2022, 7, 15),
        venue_kind="",
        chairs=[{"name": "Phạm Văn Sáu", "title": "Phó Chánh Thanh tra tỉnh", "unit": thanh_tra}],
        agenda=[
            {"title": "Sơ kết công tác thi đua - khen thưởng 6 tháng đầu năm 2022"},
            {"title": "Nhiệm vụ trọng tâm 6 tháng cuối năm 2022"},
        ],
        report_title="Dự thảo Báo cáo sơ kết 6 tháng đầu năm 2022 của Khối",
        opinions=[
            {
                "unit": lu_doan,
                "speaker_name": "Đại tá Nguyễn Minh Mạnh",
                "speaker_title": "Chính ủy",
                "content": "Góp ý vào Dự thảo Báo cáo của Khối.",
            }
        ],
        conclusions="Tiếp tục nâng cao trách nhiệm của cấp ủy, thủ trưởng các cơ quan, đơn vị "
        "trong lãnh đạo, chỉ đạo công tác thi đua - khen thưởng; rà soát các nhiệm vụ, chỉ "
        "tiêu 6 tháng cuối năm 2022; tăng cường giáo dục chính trị tư tưởng.",
        note="Ngày họp không ghi trong tin (Tạp chí Thanh tra đăng ngày 19/7/2022); ngày ghi ở "
        "đây là ngày dự kiến để nhập liệu mẫu.",
    )


def issue_demo_handover(created: Counter) -> None:
    """Record the Cà Mau handover of 12/3/2021 (Khối thi đua I, 2020 to 2021) and issue its
    record, unless they are there already. Recording it closes Cà Mau's 2020, which is over."""
    bloc_year = _year("ca-mau", "Khối thi đua I", 2020)
    handover = Handover.objects.filter(bloc_year=bloc_year).first()
    if handover is None:
        handover = handover_record(
            bloc_year=bloc_year,
            user=None,
            from_unit=_unit("ca-mau", "Bộ Chỉ huy Quân sự tỉnh"),
            # The report names no one: the representatives are named by their office only.
            from_representative="Lãnh đạo Bộ Chỉ huy Quân sự tỉnh",
            to_unit=_unit("ca-mau", "Thi hành án dân sự tỉnh"),
            to_representative="Lãnh đạo Cục Thi hành án dân sự tỉnh",
            handed_over_on=datetime.date(2021, 3, 12),
            place="Phòng họp trực tuyến của Bộ Chỉ huy Quân sự tỉnh Cà Mau",
            note="Bàn giao tại Hội nghị tổng kết năm 2020 của Khối. Tin về Hội nghị (đăng ngày "
            "17/3/2021) chỉ nêu việc Bộ Chỉ huy Quân sự tỉnh chuyển giao Khối trưởng cho Cục Thi "
            "hành án dân sự tỉnh; tên người đại diện và danh mục hồ sơ không có trong tin, ghi ở "
            "đây để minh họa.",
            items=[
                {"description": "Hồ sơ, tài liệu công tác thi đua, khen thưởng năm 2020 của Khối"},
                {"description": "Sổ theo dõi, biên bản các hội nghị của Khối"},
            ],
        )
        created["handover"] += 1
    if not Document.objects.of_record(handover).exists():
        document_issue(builder=HandoverBuilder(handover), user=None)
        created["document"] += 1


# The seed conferences whose minutes the demo issues: bloc-year and day.
SEED_CONFERENCES = (
    ("dak-lak", "Khối thi đua số 3", 2020, datetime.date(2021, 1, 26)),
    ("ca-mau", "Khối thi đua I", 2020, datetime.date(2021, 3, 12)),
    ("dak-lak", "Khối thi đua số 3", 2022, datetime.date(2022, 7, 15)),
)


def issue_demo_documents(created: Counter) -> None:
    """Issue the minutes of the seed conferences and the Đắk Lắk 2021 pledge, unless issued."""
    # The builder registered for minutes: an app above may extend it with what it records.
    builders: list[DocumentBuilder] = [
        MINUTES.builder_for(meeting)
        for province, bloc, year, day in SEED_CONFERENCES
        for meeting in Meeting.objects.filter(bloc_year=_year(province, bloc, year), date=day)
    ]
    builders.append(
        PledgeBuilder(Pledge.objects.get(bloc_year=_year("dak-lak", "Khối thi đua số 3", 2021)))
    )
    for builder in builders:
        if not Document.objects.of_record(builder.source).exists():
            document_issue(builder=builder, user=None)
            created["document"] += 1
