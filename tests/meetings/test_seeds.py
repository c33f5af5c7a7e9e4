"""Everything the seed reports tell of their conferences can be recorded, from code, and shown.

The three conferences of /work/shared/seeds/, recorded on the demo's units with the services
the demo data will use.
"""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command

from blocs.models import BlocYear
from meetings import services
from meetings.models import Meeting
from tests.factories import BoardUserFactory
from units.models import Unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)


def unit(province: str, short_name: str) -> Unit:
    return Unit.objects.get(province__code=province, short_name=short_name)


def year(bloc: str, number: int) -> BlocYear:
    return BlocYear.objects.get(bloc__name=bloc, year=number)


def everyone_present(bloc_year: BlocYear, representatives: dict | None = None) -> list[dict]:
    representatives = representatives or {}
    return [
        {"unit": m.unit, "present": True, **representatives.get(m.unit, {})}
        for m in bloc_year.memberships.select_related("unit")
    ]


def test_dak_lak_bloc_3_year_end_conference_of_2020(demo, client_for):
    bloc_year = year("Khối thi đua số 3", 2020)
    bchqs = unit("dak-lak", "Bộ Chỉ huy Quân sự tỉnh")
    tand = unit("dak-lak", "Tòa án nhân dân tỉnh")
    meeting = services.meeting_create(
        bloc_year=bloc_year,
        kind=Meeting.Kind.YEAR_END,
        title="Hội nghị tổng kết công tác thi đua năm 2020 và triển khai nhiệm vụ công tác "
        "năm 2021",
        date=datetime.date(2021, 1, 26),
        start_time=datetime.time(14, 30),
        venue_kind=Meeting.VenueKind.PREMISES,
        host_unit=bchqs,
        chairs=[{"name": "Thượng tá Trần Minh Trọng", "title": "Chính ủy", "unit": bchqs}],
        guests=[
            {
                "name": "Y Sư Niê",
                "title": "Phó Trưởng Ban Thi đua - Khen thưởng tỉnh",
                "organisation": "Ban Thi đua - Khen thưởng tỉnh Đắk Lắk",
            }
        ],
        agenda=[
            {"title": "Tổng kết công tác thi đua, khen thưởng năm 2020"},
            {"title": "Ký kết giao ước thi đua năm 2021"},
        ],
        report_title="Báo cáo tổng kết công tác thi đua, khen thưởng năm 2020 và phương "
        "hướng, nhiệm vụ năm 2021",
        report_summary="Các đơn vị trong khối đã hoàn thành tốt nhiệm vụ, đạt và vượt mức "
        "chỉ tiêu so với năm 2019 và kế hoạch năm 2020.",
        opinions=[
            {
                "speaker_name": "Y Sư Niê",
                "speaker_title": "Phó Trưởng Ban Thi đua - Khen thưởng tỉnh",
                "content": "Ghi nhận, đánh giá cao thành tích của các đơn vị; đề nghị tiếp "
                "tục phát huy, khắc phục khó khăn, hạn chế.",
            },
        ],
        conclusions="Phương hướng năm 2021: quán triệt mục đích, ý nghĩa của công tác thi "
        "đua, khen thưởng; đổi mới nội dung, hình thức tổ chức phong trào thi đua.",
    )
    meeting = services.meeting_attendance_save(
        meeting=meeting,
        version=meeting.version,
        rows=everyone_present(
            bloc_year,
            {
                tand: {
                    "representative_name": "Trịnh Văn Toàn",
                    "representative_title": "Phó Chánh án",
                }
            },
        ),
    )

    board = BoardUserFactory(province=bloc_year.bloc.province)
    page = client_for(board).get(meeting.get_absolute_url())
    text = page.content.decode()
    assert "Bộ Chỉ huy Quân sự tỉnh Đắk Lắk" in text
    assert "Thượng tá Trần Minh Trọng" in text
    assert "Trịnh Văn Toàn" in text
    quorum = page.context["quorum"]
    assert (quorum.present, quorum.members, quorum.reached) == (8, 8, True)


def test_ca_mau_bloc_i_online_year_end_conference_of_2020(demo):
    bloc_year = year("Khối thi đua I", 2020)
    bchqs = unit("ca-mau", "Bộ Chỉ huy Quân sự tỉnh")
    meeting = services.meeting_create(
        bloc_year=bloc_year,
        kind=Meeting.Kind.YEAR_END,
        title="Hội nghị tổng kết công tác thi đua - khen thưởng năm 2020",
        # "Chiều ngày 12/3/2021": the day is known, the hour is not.
        date=datetime.date(2021, 3, 12),
        venue_kind=Meeting.VenueKind.ONLINE,
        host_unit=bchqs,
        basis="Quyết định số 888/QĐ-UBND ngày 21/5/2020 của UBND tỉnh Cà Mau; Kế hoạch số "
        "02/KH-KTĐ I ngày 29/6/2020 của Khối thi đua I.",
        guests=[{"name": "Lê Hữu Thơ", "title": "Phó Trưởng Ban Thi đua - Khen thưởng tỉnh"}],
        note="Buổi chiều; giờ bắt đầu không rõ.",
    )
    services.meeting_attendance_save(
        meeting=meeting, version=meeting.version, rows=everyone_present(bloc_year)
    )

    assert meeting.quorum().members == 7
    assert "Bộ Chỉ huy Quân sự tỉnh Cà Mau" in meeting.venue_text()


def test_dak_lak_bloc_3_mid_year_review_of_2022(demo):
    bloc_year = year("Khối thi đua số 3", 2022)
    thanh_tra = unit("dak-lak", "Thanh tra tỉnh")
    lu_doan = unit("dak-lak", "Lữ đoàn 198")
    meeting = services.meeting_create(
        bloc_year=bloc_year,
        kind=Meeting.Kind.MID_YEAR,
        title="Hội nghị sơ kết công tác thi đua - khen thưởng, phong trào thi đua yêu nước 6 "
        "tháng đầu năm và nhiệm vụ 6 tháng cuối năm 2022",
        # The report of 19/7/2022 says "recently" and not where: no time, no venue.
        date=datetime.date(2022, 7, 15),
        venue_kind="",
        chairs=[{"name": "Phạm Văn Sáu", "title": "Phó Chánh Thanh tra tỉnh", "unit": thanh_tra}],
        report_title="Dự thảo Báo cáo sơ kết 6 tháng đầu năm 2022 của Khối",
        opinions=[
            {
                "unit": lu_doan,
                "speaker_name": "Đại tá Nguyễn Minh Mạnh",
                "speaker_title": "Chính ủy",
                "content": "Góp ý vào Dự thảo Báo cáo của Khối.",
            }
        ],
        note="Ngày họp không rõ; tin đăng ngày 19/7/2022 (Tạp chí Thanh tra).",
    )
    services.meeting_attendance_save(
        meeting=meeting, version=meeting.version, rows=everyone_present(bloc_year)
    )

    assert meeting.quorum().members == 12
    assert meeting.venue_text() == ""
    assert meeting.opinions.get().unit == lu_doan
