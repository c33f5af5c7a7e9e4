"""The outgoing head's secretariat records the year-end conference (two co-chairs, a guest with
a full title, only the morning known), the handover signed at that conference, then prepares
the tờ trình and issues the minutes, the handover record and the tờ trình, through the pages.

Elements are found by their name or data-testid; texts are compared in Vietnamese.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from meetings.models import Document, Meeting
from tests.factories import (
    PASSWORD,
    BlocYearFactory,
    MembershipFactory,
    ProvinceFactory,
    UnitFactory,
    UnitUserFactory,
)
from tests.pdfs import flat, pdf_text

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def year(transactional_db):
    """Khối thi đua số 3 of 2025 (Bộ CHQS heads it) and of 2026 (Công an heads it)."""
    province = ProvinceFactory(name="Đắk Lắk", code="dak-lak")
    bloc_year = BlocYearFactory(bloc__province=province, bloc__name="Khối thi đua số 3", year=2025)
    next_year = BlocYearFactory(bloc=bloc_year.bloc, year=2026)
    names = ["Bộ Chỉ huy Quân sự tỉnh", "Công an tỉnh", "Sở Tư pháp"]
    units = [
        UnitFactory(province=province, short_name=name, full_name=f"{name} Đắk Lắk")
        for name in names
    ]
    MembershipFactory(bloc_year=bloc_year, unit=units[0], head=True)
    MembershipFactory(bloc_year=next_year, unit=units[1], head=True)
    for unit in units[1:]:
        MembershipFactory(bloc_year=bloc_year, unit=unit)
    for unit in (units[0], units[2]):
        MembershipFactory(bloc_year=next_year, unit=unit)
    secretary = UnitUserFactory(username="bchqs.daklak", unit=units[0])
    return bloc_year, units, secretary


def test_the_outgoing_head_records_the_conference_and_the_handover_and_issues_the_records(
    year, live_server, page
):
    bloc_year, (bchqs, ca, _stp), secretary = year
    base = live_server.url
    args = [bloc_year.bloc_id, bloc_year.year]

    page.goto(f"{base}{reverse('meetings:meeting_list', args=args)}")
    page.get_by_label("Tên đăng nhập").fill(secretary.username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()

    # The conference: only the morning is known; the second co-chair's row added on the page.
    page.get_by_test_id("meeting-new").click()
    page.locator("[name=kind]").select_option("year_end")
    page.locator("[name=title]").fill("Hội nghị tổng kết công tác thi đua, khen thưởng năm 2025")
    page.locator("[name=date]").fill("2026-01-14")
    page.locator("[name=day_part]").select_option("morning")
    page.locator("[name=venue_kind]").select_option("premises")
    page.locator("[name=host_unit]").select_option(str(bchqs.pk))
    page.locator("[name=secretary_name]").fill("Lê Thị Hoa")
    page.locator("[name=secretary_title]").fill("Trợ lý Tuyên huấn")
    page.locator("[name=secretary_unit]").select_option(str(bchqs.pk))
    page.locator("[name='chairs-0-name']").fill("Thượng tá Trần Minh Trọng")
    page.locator("[name='chairs-0-title']").fill("Chính ủy")
    page.locator("[name='chairs-0-unit']").select_option(str(bchqs.pk))
    page.get_by_test_id("add-row-chairs").click()
    page.locator("[name='chairs-1-name']").fill("Đại tá Nguyễn Văn Hùng")
    page.locator("[name='chairs-1-title']").fill("Phó Giám đốc")
    page.locator("[name='chairs-1-unit']").select_option(str(ca.pk))
    page.locator("[name='guests-0-name']").fill("Y Sư Niê")
    page.locator("[name='guests-0-title']").fill("Phó Trưởng ban Thi đua - Khen thưởng tỉnh")
    page.locator("[name='guests-0-organisation']").fill("Sở Nội vụ tỉnh Đắk Lắk")
    page.get_by_test_id("meeting-save").click()
    page.wait_for_url(re.compile(r"/meetings/\d+/$"))
    assert Meeting.objects.get(bloc_year=bloc_year).chairs.count() == 2
    chairs = page.get_by_test_id("meeting-chairs").inner_text()
    assert "Đại tá Nguyễn Văn Hùng, Phó Giám đốc Công an tỉnh Đắk Lắk" in chairs
    guests = page.get_by_test_id("meeting-guests").inner_text()
    assert "Y Sư Niê, Phó Trưởng ban Thi đua - Khen thưởng tỉnh, Sở Nội vụ tỉnh Đắk Lắk" in guests

    # The handover, signed at that conference: the year's work stays open.
    page.goto(f"{base}{reverse('blocs:handover_record', args=args)}")
    page.locator("[name=from_unit]").select_option(str(bchqs.pk))
    page.locator("[name=from_representative]").fill("Thượng tá Trần Minh Trọng")
    page.locator("[name=to_unit]").select_option(str(ca.pk))
    page.locator("[name=to_representative]").fill("Đại tá Nguyễn Văn Hùng")
    page.locator("[name=handed_over_on]").fill("2026-01-14")
    page.locator("form button[type=submit].btn-primary").click()
    page.wait_for_url(re.compile(r"/handover/$"))
    assert "vẫn ban hành văn bản của năm" in page.get_by_test_id("year-work").inner_text()

    # The tờ trình, prepared after the handover by the outgoing head.
    page.goto(f"{base}{reverse('awards:submission', args=args)}")
    page.locator("[name=date]").fill("2026-01-20")
    page.locator("[name=signer_name]").fill("Thượng tá Trần Minh Trọng")
    page.locator("[name=signer_title]").fill("Chính ủy")
    page.locator("#submit-id-save").click()
    page.wait_for_load_state()

    # Each record issued through the confirmation page, which shows the number it will take.
    documents = f"{base}{reverse('meetings:document_list', args=args)}"
    for kind, expected in (("minutes", "01/BB"), ("handover", "02/BB"), ("submission", "01/TTr")):
        page.goto(documents)
        page.locator(f"[data-testid^='issue-{kind}-']").click()
        assert page.get_by_test_id("expected-number").inner_text().startswith(expected)
        page.get_by_test_id("document-issue-confirm").click()
        page.wait_for_url(re.compile(r"/documents/$"))

    issued = {d.kind: d for d in Document.objects.all()}
    assert set(issued) == {"minutes", "handover", "submission"}
    minutes = flat(pdf_text(issued["minutes"]))
    assert "Vào buổi sáng ngày 14 tháng 01 năm 2026" in minutes
    assert "Y Sư Niê, Phó Trưởng ban Thi đua - Khen thưởng tỉnh, Sở Nội vụ tỉnh Đắk Lắk" in minutes
    assert "CHỦ TRÌ CHỦ TRÌ" in minutes
    assert "Bàn giao nhiệm vụ Khối trưởng" in flat(pdf_text(issued["handover"]))
    assert "TM. KHỐI THI ĐUA SỐ 3" in flat(pdf_text(issued["submission"]))
