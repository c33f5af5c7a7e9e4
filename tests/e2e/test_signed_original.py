"""The secretariat brings back the digitally signed minutes through the pages and sees them
signed; the public check page confirms the signed copy without a login."""

from __future__ import annotations

import datetime
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.urls import reverse

from meetings.documents.registry import kind_of
from meetings.models import Meeting
from meetings.services.documents import document_issue
from meetings.services.meetings import meeting_create
from tests.factories import PASSWORD
from tests.signing import make_signer, signed

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_signed_minutes_come_back_and_the_year_shows_them_signed(
    world, secretariat, live_server, page, tmp_path
):
    meeting = meeting_create(
        bloc_year=world.bloc_year_1,
        kind=Meeting.Kind.YEAR_END,
        title="Hội nghị tổng kết công tác thi đua, khen thưởng năm 2025",
        date=datetime.date(2026, 1, 20),
        host_unit=world.unit_h,
        chairs=[{"name": "Trần Minh Trọng", "title": "Chính ủy", "unit": world.unit_h}],
    )
    document = document_issue(builder=kind_of(meeting).builder_for(meeting), user=secretariat)
    with document.file.open("rb") as handle:
        issued = handle.read()
    # pyHanko runs its own event loop, which Playwright's (running here) would refuse.
    with ThreadPoolExecutor(max_workers=1) as pool:
        data = pool.submit(signed, issued, make_signer()).result()
    signed_copy = tmp_path / "bien-ban-ky-so.pdf"
    signed_copy.write_bytes(data)
    args = [world.bloc_year_1.bloc_id, 2025]

    page.goto(f"{live_server.url}{reverse('meetings:document_list', args=args)}")
    page.get_by_label("Tên đăng nhập").fill(secretariat.username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_test_id(f"original-{document.pk}").click()
    page.get_by_label("Tệp PDF đã ký số").check()
    page.get_by_label("Tệp (PDF, tối đa 20 MB)").set_input_files(str(signed_copy))
    page.get_by_role("button", name="Lưu bản gốc đã ký").click()

    page.get_by_test_id("signed-badge").wait_for()
    assert "Trần Minh Trọng" in page.locator("#originals").inner_text()
    page.get_by_role("link", name="Văn bản", exact=True).first.click()
    assert "đã ký" in page.get_by_test_id(f"original-{document.pk}").inner_text()

    page.context.clear_cookies()
    page.goto(f"{live_server.url}{reverse('verify', args=[document.code])}")
    page.get_by_label("Tệp cần kiểm tra").set_input_files(str(signed_copy))
    page.get_by_role("button", name="Kiểm tra", exact=True).click()
    assert "đúng là bản gốc đã ký" in page.get_by_test_id("verify-outcome").inner_text()
