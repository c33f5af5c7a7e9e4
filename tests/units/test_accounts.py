"""Provinces and accounts in the pages: the national admin opens a province with its first board
account, the board opens and manages its province's accounts, everyone keeps their own details
and password, and no password travels by mail: a link to set one does."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.checks import vietnamese
from tests.factories import UnitFactory
from tests.mail import run_worker
from units.models import Province, User

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Thiđua-2027-an-toàn"
VIETNAMESE_LETTERS = re.compile("[ăâđêôơưàáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ]", re.IGNORECASE)


def mailed_link(message) -> str:
    """Return the path of the one link a mail carries."""
    return re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)


def set_password_through(link: str) -> Client:
    """Follow a mailed link as its owner, set a password, and return the browser."""
    browser = Client()
    page = browser.get(link, follow=True)
    assert page.status_code == 200
    assert page.context["validlink"]
    response = browser.post(
        page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    return browser


def logs_in(username: str, password: str) -> bool:
    """Whether the login page lets the person in with that password."""
    response = Client().post(reverse("login"), {"username": username, "password": password})
    return response.status_code == 302


def account_form(**changes) -> dict:
    return {
        "username": "nguyenthilan",
        "full_name": "Nguyễn Thị Lan",
        "job_title": "Chuyên viên Văn phòng",
        "email": "lan@stp.daklak.gov.vn",
        "phone": "0262 3852 001",
        **changes,
    }


class TestANewProvince:
    def form(self, **changes) -> dict:
        data = {
            "province-name": "Điện Biên",
            "province-kind": "tinh",
            "province-code": "",
            "province-board_name": "Ban Thi đua - Khen thưởng tỉnh Điện Biên",
            "account-username": "bantdkt.dienbien",
            "account-full_name": "Lò Văn Minh",
            "account-job_title": "Trưởng phòng Thi đua",
            "account-email": "minh@dienbien.gov.vn",
            "account-phone": "",
        }
        return {**data, **changes}

    def test_the_national_admin_opens_it_with_its_code_in_plain_letters(self, national, client_for):
        response = client_for(national).post(reverse("units:province_create"), self.form())

        province = Province.objects.get(name="Điện Biên")
        assert province.code == "dien-bien"
        assert response.url == province.get_absolute_url()
        first = User.objects.get(username="bantdkt.dienbien")
        assert first.province == province
        assert not first.has_usable_password()

    def test_its_first_account_sets_a_password_from_the_mail_and_logs_in(
        self, national, client_for
    ):
        client_for(national).post(reverse("units:province_create"), self.form())
        assert mail.outbox == []  # the request only queued it

        run_worker()

        (message,) = mail.outbox
        assert message.to == ["minh@dienbien.gov.vn"]
        assert message.subject == "Tài khoản Khối thi đua của Lò Văn Minh"
        assert "bantdkt.dienbien" in message.body
        assert NEW_PASSWORD not in message.body
        set_password_through(mailed_link(message))
        assert logs_in("bantdkt.dienbien", NEW_PASSWORD)

    def test_the_link_works_once(self, national, client_for):
        client_for(national).post(reverse("units:province_create"), self.form())
        run_worker()
        link = mailed_link(mail.outbox[0])
        set_password_through(link)

        again = Client().get(link, follow=True)

        assert not again.context["validlink"]
        assert "Yêu cầu đường dẫn mới" in again.content.decode()

    def test_a_code_in_use_is_refused_with_what_was_typed_kept(self, national, client_for):
        Province.objects.create(name="Điện Biên Cũ", code="dien-bien")

        response = client_for(national).post(reverse("units:province_create"), self.form())

        assert response.status_code == 200
        errors = response.context["province_form"].errors["code"]
        assert errors == ["Mã dien-bien đã được dùng: hãy nhập mã khác."]
        assert 'value="Lò Văn Minh"' in response.content.decode()
        assert not User.objects.filter(username="bantdkt.dienbien").exists()

    def test_a_bad_account_opens_no_province(self, national, client_for):
        response = client_for(national).post(
            reverse("units:province_create"), self.form(**{"account-email": "không phải thư"})
        )

        assert response.status_code == 200
        assert vietnamese(response.context["account_form"].errors["email"][0])
        assert not Province.objects.filter(name="Điện Biên").exists()

    def test_the_provinces_page_offers_it_to_the_national_admin_only(
        self, national, board, client_for
    ):
        create = reverse("units:province_create")

        assert create in client_for(national).get(reverse("units:province_list")).content.decode()
        assert create not in client_for(board).get(reverse("units:province_list")).content.decode()


class TestTheBoardOpensAccounts:
    def test_the_units_are_its_provinces_own_by_their_full_names(
        self, board, client_for, province_a, world
    ):
        UnitFactory(
            province=world.province_b, short_name="Công an tỉnh", full_name="Công an tỉnh Cao Bằng"
        )

        page = client_for(board).get(reverse("units:account_create", args=[province_a.code]))

        choices = dict(page.context["form"].fields["workplace"].choices)
        units = dict(choices["Đơn vị"])
        assert "Công an tỉnh Đắk Lắk" in units.values()
        assert not any("Cao Bằng" in name for name in units.values())

    def test_a_units_focal_point_gets_the_link_and_the_units_rights(
        self, board, client_for, province_a, world
    ):
        response = client_for(board).post(
            reverse("units:account_create", args=[province_a.code]),
            account_form(workplace=world.unit_m.pk),
        )

        assert response.status_code == 302
        account = User.objects.get(username="nguyenthilan")
        assert (account.unit, account.province) == (world.unit_m, None)
        run_worker()
        set_password_through(mailed_link(mail.outbox[0]))
        assert logs_in("nguyenthilan", NEW_PASSWORD)

    def test_a_board_account(self, board, client_for, province_a):
        client_for(board).post(
            reverse("units:account_create", args=[province_a.code]),
            account_form(workplace="board"),
        )

        account = User.objects.get(username="nguyenthilan")
        assert (account.province, account.unit) == (province_a, None)

    def test_a_unit_of_another_province_cannot_be_chosen(
        self, board, client_for, province_a, world
    ):
        response = client_for(board).post(
            reverse("units:account_create", args=[province_a.code]),
            account_form(workplace=world.unit_b.pk),
        )

        assert response.status_code == 200
        assert vietnamese(response.context["form"].errors["workplace"][0])
        assert not User.objects.filter(username="nguyenthilan").exists()

    def test_an_address_in_use_is_refused_in_vietnamese_and_the_form_kept(
        self, board, client_for, province_a, world
    ):
        User.objects.create_user("khac", email="Lan@STP.daklak.gov.vn")

        response = client_for(board).post(
            reverse("units:account_create", args=[province_a.code]),
            account_form(workplace=world.unit_m.pk),
        )

        assert response.status_code == 200
        assert response.context["form"].errors["email"] == [
            "Địa chỉ thư điện tử này đã được một tài khoản khác sử dụng."
        ]
        assert 'value="Nguyễn Thị Lan"' in response.content.decode()
        assert mail.outbox == []


class TestTheBoardManagesAccounts:
    @pytest.fixture
    def lan(self, world):
        return User.objects.create_user(
            "nguyenthilan", email="lan@stp.gov.vn", unit=world.unit_m, full_name="Nguyễn Thị Lan"
        )

    def edit(self, lan, **changes) -> dict:
        data = {"full_name": lan.full_name, "job_title": "", "email": lan.email, "phone": ""}
        return {**data, "workplace": lan.unit_id, "version": lan.version, **changes}

    def test_the_list_shows_its_provinces_accounts_with_their_last_login(
        self, board, client_for, province_a, lan, other_province_staff
    ):
        page = client_for(board).get(reverse("units:account_list", args=[province_a.code]))

        html = page.content.decode()
        assert "Nguyễn Thị Lan" in html
        assert "chưa đặt mật khẩu" in html
        assert other_province_staff.username not in html

    def test_the_list_finds_by_unit(self, board, client_for, province_a, lan, secretariat):
        page = client_for(board).get(
            reverse("units:account_list", args=[province_a.code]), {"q": "tư pháp"}
        )

        assert list(page.context["accounts"]) == [lan]

    def test_a_change_is_saved_with_its_history(self, board, client_for, lan):
        url = reverse("units:account_edit", args=[lan.pk])

        client_for(board).post(url, self.edit(lan, phone="0905 111 222"))

        lan.refresh_from_db()
        assert (lan.phone, lan.version) == ("0905 111 222", 2)
        page = client_for(board).get(url).content.decode()
        assert "0905 111 222" in page
        assert "Lịch sử thay đổi" in page

    def test_a_stale_change_is_refused_and_the_typing_kept(self, board, client_for, lan):
        url = reverse("units:account_edit", args=[lan.pk])
        form = self.edit(lan, phone="0905 111 222")
        client_for(board).post(url, self.edit(lan, job_title="Phó Chánh Văn phòng"))

        response = client_for(board).post(url, form)

        assert response.status_code == 200
        assert "Người khác đã lưu" in response.content.decode()
        assert 'value="0905 111 222"' in response.content.decode()
        lan.refresh_from_db()
        assert lan.phone == ""

    def test_deactivated_it_cannot_log_in_and_reactivated_it_can(self, board, client_for, lan):
        lan.set_password(NEW_PASSWORD)
        lan.save()
        url = reverse("units:account_activate", args=[lan.pk])

        client_for(board).post(url, {"version": lan.version, "active": "0"})

        assert not logs_in("nguyenthilan", NEW_PASSWORD)
        lan.refresh_from_db()
        client_for(board).post(url, {"version": lan.version, "active": "1"})
        assert logs_in("nguyenthilan", NEW_PASSWORD)

    def test_nobody_deactivates_their_own_account(self, board, client_for):
        response = client_for(board).post(
            reverse("units:account_activate", args=[board.pk]),
            {"version": board.version, "active": "0"},
            follow=True,
        )

        assert "Bạn không thể tự khóa tài khoản của mình." in response.content.decode()
        board.refresh_from_db()
        assert board.is_active

    def test_the_link_is_sent_again_while_no_password_is_set(self, board, client_for, lan):
        url = reverse("units:account_invite", args=[lan.pk])

        client_for(board).post(url)
        run_worker()
        assert mail.outbox[0].to == ["lan@stp.gov.vn"]

        lan.set_password(NEW_PASSWORD)
        lan.save()
        response = client_for(board).post(url, follow=True)
        assert "Tài khoản này đã đặt mật khẩu" in response.content.decode()

    def test_national_and_it_accounts_are_not_the_boards(self, board, national, client_for):
        response = client_for(board).get(reverse("units:account_edit", args=[national.pk]))

        assert response.status_code == 404

    def test_the_list_queries_do_not_grow_with_the_accounts(
        self, board, client_for, province_a, world, django_assert_max_num_queries
    ):
        client = client_for(board)
        url = reverse("units:account_list", args=[province_a.code])
        client.get(url)
        for n in range(30):
            User.objects.create_user(f"dau_moi_{n}", unit=world.unit_h)

        with django_assert_max_num_queries(8):
            response = client.get(url)

        assert len(response.context["accounts"]) == 31  # and the board's own


class TestOneself:
    def test_anyone_edits_their_own_details(self, member_staff, client_for):
        response = client_for(member_staff).post(
            reverse("profile"),
            {
                "full_name": "Trần Văn Bình",
                "job_title": "Chuyên viên",
                "email": "binh@stp.gov.vn",
                "phone": "0262 000",
                "email_notifications": "",
                "version": member_staff.version,
            },
        )

        assert response.status_code == 302
        member_staff.refresh_from_db()
        assert member_staff.full_name == "Trần Văn Bình"
        assert member_staff.email_notifications is False

    def test_a_new_password_must_pass_the_validators_in_vietnamese(self, member_staff, client_for):
        response = client_for(member_staff).post(
            reverse("password_change"),
            {"old_password": "x", "new_password1": "123", "new_password2": "123"},
        )

        errors = [
            message for field in response.context["form"].errors.values() for message in field
        ]
        assert "Mật khẩu này quá ngắn. Mật khẩu phải có ít nhất 8 ký tự." in errors
        assert all(VIETNAMESE_LETTERS.search(message) for message in errors), errors

    def test_the_password_is_changed(self, member_staff, client_for):
        member_staff.set_password("cũ-Mật-khẩu-9")
        member_staff.save()

        response = client_for(member_staff).post(
            reverse("password_change"),
            {
                "old_password": "cũ-Mật-khẩu-9",
                "new_password1": NEW_PASSWORD,
                "new_password2": NEW_PASSWORD,
            },
        )

        assert response.url == reverse("password_change_done")
        assert logs_in(member_staff.username, NEW_PASSWORD)

    def test_a_forgotten_password_is_reset_by_mail(self, member_staff):
        member_staff.email = "binh@stp.gov.vn"
        member_staff.save()

        response = Client().post(reverse("password_reset"), {"email": "BINH@stp.gov.vn"})
        run_worker()

        assert response.url == reverse("password_reset_done")
        (message,) = mail.outbox
        assert message.subject == "Đặt mật khẩu mới cho tài khoản Khối thi đua"
        set_password_through(mailed_link(message))
        assert logs_in(member_staff.username, NEW_PASSWORD)

    def test_an_unknown_address_says_the_same_and_sends_nothing(self, world):
        response = Client().post(reverse("password_reset"), {"email": "ai@dau.vn"})
        run_worker()

        assert response.url == reverse("password_reset_done")
        assert mail.outbox == []

    def test_the_login_page_leads_to_the_reset(self, world):
        page = Client().get(reverse("login")).content.decode()

        assert reverse("password_reset") in page
        assert "Quên mật khẩu?" in page
