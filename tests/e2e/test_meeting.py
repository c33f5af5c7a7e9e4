"""A bloc's secretariat records its year-end conference and who attended, and sees the quorum.

Elements are found by their name, id or data-testid: the labels of the meeting pages are
English msgids whose Vietnamese comes with the catalogue.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from meetings.models import Meeting
from tests.factories import (
    PASSWORD,
    BlocYearFactory,
    MembershipFactory,
    ProvinceFactory,
    UnitFactory,
    UnitUserFactory,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def bloc(transactional_db):
    """Khối thi đua số 3 of 2025 with four members, Bộ CHQS its head, and its secretary."""
    province = ProvinceFactory(name="Đắk Lắk", code="dak-lak")
    bloc_year = BlocYearFactory(bloc__province=province, bloc__name="Khối thi đua số 3", year=2025)
    names = ["Bộ Chỉ huy Quân sự tỉnh", "Công an tỉnh", "Sở Tư pháp", "Tòa án nhân dân tỉnh"]
    units = [
        UnitFactory(province=province, short_name=name, full_name=f"{name} Đắk Lắk")
        for name in names
    ]
    MembershipFactory(bloc_year=bloc_year, unit=units[0], head=True)
    for unit in units[1:]:
        MembershipFactory(bloc_year=bloc_year, unit=unit)
    secretary = UnitUserFactory(username="bchqs.daklak", unit=units[0])
    return bloc_year, units, secretary


def test_the_secretariat_records_a_conference_with_its_attendance_and_sees_the_quorum(
    bloc, live_server, page
):
    bloc_year, (bchqs, ca, stp, tand), secretary = bloc
    meetings_url = reverse("meetings:meeting_list", args=[bloc_year.bloc_id, bloc_year.year])

    page.goto(f"{live_server.url}{meetings_url}")
    assert "/accounts/login/" in page.url
    page.get_by_label("Tên đăng nhập").fill(secretary.username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_test_id("meeting-new").click()

    page.locator("[name=kind]").select_option("year_end")
    page.locator("[name=title]").fill(
        "Hội nghị tổng kết công tác thi đua, khen thưởng năm 2025 và ký kết giao ước năm 2026"
    )
    page.locator("[name=date]").fill("2026-01-20")
    page.locator("[name=start_time]").fill("14:30")
    page.locator("[name=end_time]").fill("17:00")
    page.locator("[name=venue_kind]").select_option("premises")
    page.locator("[name=host_unit]").select_option(str(bchqs.pk))
    page.locator("[name='chairs-0-name']").fill("Thượng tá Trần Minh Trọng")
    page.locator("[name='chairs-0-title']").fill("Chính ủy")
    page.locator("[name='chairs-0-unit']").select_option(str(bchqs.pk))
    page.locator("[name='guests-0-name']").fill("Y Sư Niê")
    page.locator("[name='guests-0-title']").fill("Phó Trưởng Ban Thi đua - Khen thưởng tỉnh")
    page.locator("[name=report_title]").fill("Báo cáo tổng kết công tác thi đua năm 2025")
    page.get_by_test_id("meeting-save").click()

    # Wait for the meeting page itself: other pages carry the meeting's title too.
    page.wait_for_url(re.compile(r"/meetings/\d+/$"))
    page.get_by_test_id("meeting-title").wait_for()
    meeting = Meeting.objects.get(bloc_year=bloc_year)
    assert page.url.endswith(meeting.get_absolute_url())
    assert "Trần Minh Trọng" in page.get_by_test_id("meeting-chairs").inner_text()
    assert page.get_by_test_id("quorum").get_attribute("data-reached") == "false"

    page.get_by_test_id("meeting-attendance").click()
    representatives = {
        bchqs: ("Trần Minh Trọng", "Chính ủy"),
        ca: ("Nguyễn Văn Hùng", "Phó Giám đốc"),
        tand: ("Trịnh Văn Toàn", "Phó Chánh án"),
    }
    for unit, (name, title) in representatives.items():
        row = page.get_by_test_id(f"attendance-row-{unit.pk}")
        row.locator("[name$=representative_name]").fill(name)
        row.locator("[name$=representative_title]").fill(title)
    absent = page.get_by_test_id(f"attendance-row-{stp.pk}")
    absent.locator("[name$=status]").select_option("absent")
    # htmx counts the quorum again as soon as the status changes.
    page.wait_for_selector("[data-testid=quorum-present]:text-is('3')")
    absent.locator("[name$=absence_reason]").fill("Đi công tác")
    page.get_by_test_id("attendance-save").click()

    page.wait_for_url(f"**{meeting.get_absolute_url()}")
    page.get_by_test_id("meeting-title").wait_for()
    quorum = page.get_by_test_id("quorum")
    assert quorum.get_by_test_id("quorum-present").inner_text() == "3"
    assert quorum.get_by_test_id("quorum-members").inner_text() == "4"
    assert quorum.get_by_test_id("quorum-needed").inner_text() == "3"
    assert quorum.get_attribute("data-reached") == "true"
    assert "Trịnh Văn Toàn" in page.get_by_test_id(f"attendance-{tand.pk}").inner_text()
    assert "Đi công tác" in page.get_by_test_id(f"attendance-{stp.pk}").inner_text()
    assert meeting.attendances.filter(present=True).count() == 3
