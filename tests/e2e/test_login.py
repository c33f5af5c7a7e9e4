from __future__ import annotations

import pytest
from django.conf import settings
from django.core.management import call_command

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", verbosity=0)


def test_board_staff_logs_in_and_sees_the_demo_bloc_with_its_head(demo, live_server, page):
    page.goto(f"{live_server.url}/")
    assert "/accounts/login/" in page.url
    page.get_by_label("Tên đăng nhập").fill("bantdkt.daklak")
    page.get_by_label("Mật khẩu").fill(settings.DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()

    page.get_by_label("Năm").select_option("2021")
    table = page.locator("#bloc-table")
    row = table.get_by_role("row").filter(has_text="Khối thi đua số 3")
    row.get_by_text("Công an tỉnh").wait_for()
    assert "Sở Tư pháp" in row.inner_text()
    assert "year=2021" in page.url

    row.get_by_role("link", name="Khối thi đua số 3").click()
    page.get_by_role("heading", name="Khối thi đua số 3").wait_for()
    page.get_by_role("link", name="2022").click()
    assert "Thanh tra tỉnh Đắk Lắk" in page.locator("main").inner_text()
