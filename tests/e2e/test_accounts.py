"""A province starts through the pages: the national admin opens it with its first board
account, the link to set the password arrives by mail, and the board opens its next account."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from tests.factories import PASSWORD, NationalUserFactory
from tests.mail import run_worker

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NEW_PASSWORD = "Dienbien-2027-an-toan"


def log_in(page, url: str, username: str, password: str) -> None:
    page.goto(f"{url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_role("button", name=re.compile(".")).first.wait_for()


def test_a_province_starts_with_its_first_board_account(live_server, page, transactional_db):
    NationalUserFactory(username="quocgia")
    log_in(page, live_server.url, "quocgia", PASSWORD)

    page.get_by_role("link", name="Các tỉnh", exact=True).click()
    page.get_by_role("link", name="Thêm tỉnh").click()
    page.get_by_role("textbox", name="Tên*", exact=True).fill("Điện Biên")
    page.get_by_label("Ban Thi đua - Khen thưởng").fill("Ban Thi đua - Khen thưởng tỉnh Điện Biên")
    page.get_by_label("Tên đăng nhập").fill("bantdkt.dienbien")
    page.get_by_label("Họ và tên").fill("Lò Văn Minh")
    page.get_by_label("Địa chỉ email").fill("minh@dienbien.gov.vn")
    page.get_by_role("button", name="Thêm tỉnh").click()
    page.get_by_role("heading", name="Tỉnh Điện Biên").wait_for()
    assert "/units/provinces/dien-bien/" in page.url

    run_worker()
    (message,) = mail.outbox
    link = re.search(r"https?://\S+/accounts/set/\S+/", message.body).group(0)
    page.context.clear_cookies()
    page.goto(link)
    page.get_by_text("Tên đăng nhập của bạn là").wait_for()
    page.locator("#id_new_password1").fill(NEW_PASSWORD)
    page.locator("#id_new_password2").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Lưu mật khẩu").click()
    page.get_by_role("heading", name="Đã lưu mật khẩu").wait_for()

    log_in(page, live_server.url, "bantdkt.dienbien", NEW_PASSWORD)
    page.get_by_test_id("user-menu").click()
    page.get_by_role("link", name="Tài khoản của tỉnh").click()
    page.get_by_role("link", name="Tài khoản mới").click()
    page.get_by_label("Tên đăng nhập").fill("thidua.dienbien")
    page.get_by_label("Họ và tên").fill("Quàng Thị Hoa")
    page.get_by_label("Địa chỉ email").fill("hoa@dienbien.gov.vn")
    page.get_by_label("Nơi công tác").select_option(
        label="Ban Thi đua - Khen thưởng tỉnh Điện Biên"
    )
    page.get_by_role("button", name="Mở tài khoản").click()

    row = page.locator("#accounts").get_by_role("row").filter(has_text="Quàng Thị Hoa")
    row.get_by_text("chưa đặt mật khẩu").wait_for()
    assert "Đã mở tài khoản Quàng Thị Hoa" in page.locator("main").inner_text()
