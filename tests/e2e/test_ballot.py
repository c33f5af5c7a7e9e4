"""A bloc's secretariat records the secret ballot of its year-end conference in the browser.

The bloc is Đắk Lắk's Khối thi đua số 3 of 2020 with its eight members, all present on
26/01/2021. Elements are found by their name, href or data-testid; messages are compared with
the catalogue's Vietnamese of their English msgid.
"""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import translation

from awards.models import AwardType, Ballot
from core.formats import number_text
from meetings.models import Attendance, Meeting
from meetings.services import meetings as meeting_services
from tests.factories import (
    PASSWORD,
    AwardTypeFactory,
    BlocYearFactory,
    MembershipFactory,
    ProvinceFactory,
    UnitFactory,
    UnitUserFactory,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

MEMBERS = (
    "Bộ Chỉ huy Quân sự tỉnh",
    "Công an tỉnh",
    "Viện kiểm sát nhân dân tỉnh",
    "Tòa án nhân dân tỉnh",
    "Cục Thi hành án dân sự tỉnh",
    "Thanh tra tỉnh",
    "Sở Tư pháp",
    "Bộ Chỉ huy Bộ đội Biên phòng tỉnh",
)


def vi(text: str) -> str:
    with translation.override("vi"):
        return translation.gettext(text)


def percent(value: float) -> str:
    """Return a percentage as the pages and the documents print it (87,5; 66,67; 100)."""
    return number_text(value)


@pytest.fixture
def khoi_3(transactional_db):
    """Khối thi đua số 3 of 2020, Bộ CHQS its head, its year-end conference with all present."""
    province = ProvinceFactory(name="Đắk Lắk", code="dak-lak")
    bloc_year = BlocYearFactory(bloc__province=province, bloc__name="Khối thi đua số 3", year=2020)
    units = {
        name: UnitFactory(province=province, short_name=name, full_name=f"{name} Đắk Lắk")
        for name in MEMBERS
    }
    for name, unit in units.items():
        MembershipFactory(bloc_year=bloc_year, unit=unit, head=name == MEMBERS[0])
    flag = AwardTypeFactory(
        province=province,
        name="Cờ thi đua của UBND tỉnh",
        short_name="Cờ UBND tỉnh",
        kind=AwardType.Kind.FLAG,
        position=1,
    )
    merit = AwardTypeFactory(
        province=province,
        name="Bằng khen của Chủ tịch UBND tỉnh",
        short_name="BK Chủ tịch UBND tỉnh",
        kind=AwardType.Kind.MERIT,
        position=2,
    )
    meeting = meeting_services.meeting_create(
        bloc_year=bloc_year,
        kind=Meeting.Kind.YEAR_END,
        title="Hội nghị tổng kết công tác thi đua, khen thưởng năm 2020",
        date=datetime.date(2021, 1, 26),
        host_unit=units[MEMBERS[0]],
    )
    for unit in units.values():
        Attendance.objects.create(meeting=meeting, unit=unit, present=True)
    secretary = UnitUserFactory(username="bchqs.daklak", unit=units[MEMBERS[0]])
    return bloc_year, meeting, units, flag, merit, secretary


def test_the_secretariat_records_a_round_and_sees_who_is_proposed(khoi_3, live_server, page):
    bloc_year, meeting, units, flag, merit, secretary = khoi_3
    votes = {
        (units["Bộ Chỉ huy Quân sự tỉnh"], flag): 7,
        (units["Công an tỉnh"], flag): 1,
        (units["Bộ Chỉ huy Bộ đội Biên phòng tỉnh"], merit): 7,
        (units["Viện kiểm sát nhân dân tỉnh"], merit): 6,
        (units["Công an tỉnh"], merit): 5,
        (units["Tòa án nhân dân tỉnh"], merit): 4,
    }

    page.goto(f"{live_server.url}{bloc_year.get_absolute_url()}")
    assert "/accounts/login/" in page.url
    page.get_by_label("Tên đăng nhập").fill(secretary.username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()

    # The year-end review's pages are in one menu of the bloc-year's tabs.
    page.get_by_test_id("tab-review").click()
    page.get_by_test_id("tab-ballots").click()
    page.wait_for_url(re.compile(r"/ballots/$"))
    add_url = reverse("awards:ballot_add", args=[bloc_year.bloc_id, bloc_year.year, meeting.pk])
    page.locator(f"a[href='{add_url}']").click()
    page.wait_for_url(f"**{add_url}")

    # Eight ballots returned, but seven valid and none invalid: the counts do not reconcile.
    for name, value in {"issued": 8, "returned": 8, "valid": 7, "invalid": 0}.items():
        page.locator(f"[name={name}]").fill(str(value))
    for (unit, award_type), count in votes.items():
        page.locator(f"[name=votes_{unit.pk}_{award_type.pk}]").fill(str(count))
    save = page.locator("form:has([name=issued]) button[type=submit]")
    save.click()

    alert = page.locator(".alert-danger").first
    alert.wait_for()
    assert vi("The valid and invalid ballots must add up to the ballots returned.") in (
        alert.inner_text()
    )
    assert [page.locator(f"[name={name}]").input_value() for name in ("returned", "valid")] == [
        "8",
        "7",
    ]
    bdbp = units["Bộ Chỉ huy Bộ đội Biên phòng tỉnh"]
    assert page.locator(f"[name=votes_{bdbp.pk}_{merit.pk}]").input_value() == "7"
    assert not Ballot.objects.exists()

    page.locator("[name=valid]").fill("8")
    save.click()

    page.wait_for_url(re.compile(r"/ballots/\d+/$"))
    ballot = Ballot.objects.get()
    assert (ballot.issued, ballot.returned, ballot.valid, ballot.invalid) == (8, 8, 8, 0)
    main = page.locator("main")
    main.locator("tr.table-success").first.wait_for()
    proposed = [row.inner_text() for row in main.locator("tr.table-success").all()]
    assert [row.split("\t")[0].strip() for row in proposed] == [
        "Bộ Chỉ huy Quân sự tỉnh",
        "Bộ Chỉ huy Bộ đội Biên phòng tỉnh",
        "Viện kiểm sát nhân dân tỉnh",
        "Công an tỉnh",
    ]
    text = main.inner_text()
    for value in (87.5, 75, 62.5, 50):
        assert percent(value) in text
    # Tòa án has exactly half of the valid ballots: not more than 50%, so not proposed.
    tand_rows = main.locator("tr").filter(has_text="Tòa án nhân dân tỉnh").all()
    assert len(tand_rows) == 2  # one row per award type
    assert all("table-success" not in (row.get_attribute("class") or "") for row in tand_rows)
