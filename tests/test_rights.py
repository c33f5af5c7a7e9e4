"""Who may open and write which page: the rights matrix, then how the writes refuse bad input."""

from __future__ import annotations

import unicodedata

import pytest
from django.urls import reverse

from awards.models import AwardType
from blocs.models import BlocYear
from tests.checks import (
    STALE,
    assert_database_refuses,
    assert_is_vietnamese_sentence,
    assert_refused,
    vietnamese,
)
from tests.factories import BlocYearFactory, MembershipFactory
from tests.personas import matrix
from units.models import Unit, User

pytestmark = pytest.mark.django_db


UNIT_FIELDS = ("short_name", "full_name", "abbreviation", "address", "leader_name", "leader_title")
SETTINGS_FIELDS = (
    "max_deputies",
    "quorum_numerator",
    "quorum_denominator",
    "vote_threshold_percent",
    "flag_quota",
    "merit_quota",
    "score_scale",
    "rotation_lookback_years",
    "note",
)


def unit_data(unit: Unit, **changes) -> dict:
    """Return the unit form as the page fills it, with the changes typed in."""
    data = {name: getattr(unit, name) for name in UNIT_FIELDS}
    return {**data, "version": unit.version, "renamed_on": "", "rename_basis": "", **changes}


def settings_data(bloc_year: BlocYear, **changes) -> dict:
    """Return the settings form as the page fills it, with the changes typed in."""
    data = {name: getattr(bloc_year, name) for name in SETTINGS_FIELDS}
    return {**data, "version": bloc_year.version, **changes}


def focal_point_of_m(w):
    """Return the account of M's focal point, opened once."""
    account = User.objects.filter(username="dau_moi_stp").first()
    return account or User.objects.create_user(
        "dau_moi_stp", unit=w.unit_m, full_name="Lê Thị Đầu Mối"
    )


def account_data(account: User, **changes) -> dict:
    """Return the account form as the page fills it, with the changes typed in."""
    data = {name: getattr(account, name) for name in ("full_name", "job_title", "email", "phone")}
    workplace = account.unit_id or "board"
    return {**data, "workplace": workplace, "version": account.version, **changes}


NEW_ACCOUNT = {
    "username": "nguyenvanmoi",
    "full_name": "Nguyễn Văn Mới",
    "job_title": "Chuyên viên",
    "email": "moi@stp.daklak.gov.vn",
    "phone": "0262 3850 123",
}
NEW_PROVINCE = {
    "province-name": "Điện Biên",
    "province-kind": "tinh",
    "province-code": "",
    "province-board_name": "Ban Thi đua - Khen thưởng tỉnh Điện Biên",
    "account-username": "bantdkt.dienbien",
    "account-full_name": "Lò Văn Minh",
    "account-job_title": "Trưởng phòng",
    "account-email": "minh@dienbien.gov.vn",
    "account-phone": "",
}


# Each page and how to reach it in the world of conftest.py.
PAGES = {
    "dashboard": lambda w: reverse("dashboard"),
    "province list": lambda w: reverse("units:province_list"),
    "province A": lambda w: w.province_a.get_absolute_url(),
    "unit H": lambda w: w.unit_h.get_absolute_url(),
    "unit M": lambda w: w.unit_m.get_absolute_url(),
    "unit O": lambda w: w.unit_o.get_absolute_url(),
    "unit of B": lambda w: w.unit_b.get_absolute_url(),
    "edit unit H": lambda w: reverse("units:unit_edit", args=[w.unit_h.pk]),
    "bloc 1": lambda w: w.bloc_1.get_absolute_url(),
    "bloc 2": lambda w: w.bloc_2.get_absolute_url(),
    "bloc of B": lambda w: w.bloc_b.get_absolute_url(),
    "bloc 1 in 2025": lambda w: w.bloc_year_1.get_absolute_url(),
    "settings of bloc 1 in 2025": lambda w: reverse(
        "blocs:blocyear_settings", args=[w.bloc_1.pk, 2025]
    ),
    "accounts of A": lambda w: reverse("units:account_list", args=[w.province_a.code]),
    "new account in A": lambda w: reverse("units:account_create", args=[w.province_a.code]),
    "account of M's focal point": lambda w: reverse(
        "units:account_edit", args=[focal_point_of_m(w).pk]
    ),
    "new province": lambda w: reverse("units:province_create"),
    "own details": lambda w: reverse("profile"),
    "own notifications": lambda w: reverse("units:notifications"),
    "calendar of A": lambda w: reverse("blocs:calendar", args=[w.province_a.code, 2025]),
    "admin": lambda w: reverse("admin:index"),
}


# Reads (GET). The province page is its board's (and the national admin's). 302 on the admin:
# none of these people is IT staff, so it asks them to log in.
#                                 board  secr  depu  memb  oblc  oprv  opbd  natl
READS = {
    "dashboard":                  (200,  200,  200,  200,  200,  200,  200,  200),
    "province list":              (200,  200,  200,  200,  200,  200,  200,  200),
    "province A":                 (200,  404,  404,  404,  404,  404,  404,  200),
    "unit H":                     (200,  200,  200,  200,  404,  404,  404,  200),
    "unit M":                     (200,  200,  200,  200,  404,  404,  404,  200),
    "unit O":                     (200,  404,  404,  404,  200,  404,  404,  200),
    "unit of B":                  (404,  404,  404,  404,  404,  200,  200,  200),
    "edit unit H":                (200,  403,  403,  403,  404,  404,  404,  403),
    "bloc 1":                     (200,  200,  200,  200,  404,  404,  404,  200),
    "bloc 2":                     (200,  404,  404,  404,  200,  404,  404,  200),
    "bloc of B":                  (404,  404,  404,  404,  404,  200,  200,  200),
    "bloc 1 in 2025":             (200,  200,  200,  200,  404,  404,  404,  200),
    "settings of bloc 1 in 2025": (200,  200,  200,  403,  404,  404,  404,  403),
    "accounts of A":              (200,  403,  403,  403,  403,  404,  404,  200),
    "new account in A":           (200,  403,  403,  403,  403,  404,  404,  200),
    "account of M's focal point": (200,  403,  403,  403,  403,  404,  404,  200),
    "new province":               (403,  403,  403,  403,  403,  403,  403,  200),
    "own details":                (200,  200,  200,  200,  200,  200,  200,  200),
    "own notifications":          (200,  200,  200,  200,  200,  200,  200,  200),
    "calendar of A":              (200,  200,  200,  200,  200,  404,  404,  200),
    "admin":                      (302,  302,  302,  302,  302,  302,  302,  302),
}  # fmt: skip

# Writes (POST of a valid form): 302 is saved, then back to the object.
#                                 board  secr  depu  memb  oblc  oprv  opbd  natl
WRITES = {
    "edit unit H":                (302,  403,  403,  403,  404,  404,  404,  403),
    "settings of bloc 1 in 2025": (302,  302,  302,  403,  404,  404,  404,  403),
    "new account in A":           (302,  403,  403,  403,  403,  404,  404,  302),
    "account of M's focal point": (302,  403,  403,  403,  403,  404,  404,  302),
    "new province":               (403,  403,  403,  403,  403,  403,  403,  302),
}  # fmt: skip

# What each write sends, and how to tell that it was saved.
WRITE_FORMS = {
    "edit unit H": (
        lambda w: unit_data(w.unit_h, leader_name="Nguyễn Văn Mới"),
        lambda w: Unit.objects.get(pk=w.unit_h.pk).leader_name == "Nguyễn Văn Mới",
    ),
    "settings of bloc 1 in 2025": (
        lambda w: settings_data(w.bloc_year_1, merit_quota=2),
        lambda w: BlocYear.objects.get(pk=w.bloc_year_1.pk).merit_quota == 2,
    ),
    "new account in A": (
        lambda w: {**NEW_ACCOUNT, "workplace": w.unit_m.pk},
        lambda w: User.objects.filter(username="nguyenvanmoi", unit=w.unit_m).exists(),
    ),
    "account of M's focal point": (
        lambda w: account_data(
            focal_point_of_m(w), phone="0905 000 111", email="daumoi@stp.daklak.gov.vn"
        ),
        lambda w: focal_point_of_m(w).phone == "0905 000 111",
    ),
    "new province": (
        lambda w: NEW_PROVINCE,
        lambda w: User.objects.filter(province__code="dien-bien").exists(),
    ),
}


@pytest.mark.parametrize(("page_name", "persona", "status"), matrix(READS))
def test_who_may_read_which_page(request, world, client_for, page_name, persona, status):
    client = client_for(request.getfixturevalue(persona))

    response = client.get(PAGES[page_name](world))

    assert response.status_code == status
    if status == 302:
        assert response.url.startswith(reverse("admin:login"))


@pytest.mark.parametrize(("page_name", "persona", "status"), matrix(WRITES))
def test_who_may_write_which_page(request, world, client_for, page_name, persona, status):
    client = client_for(request.getfixturevalue(persona))
    form, was_saved = WRITE_FORMS[page_name]

    response = client.post(PAGES[page_name](world), form(world))

    assert response.status_code == status
    assert was_saved(world) == (status == 302)


@pytest.mark.parametrize("page_name", [*PAGES])
def test_every_page_sends_an_anonymous_visitor_to_log_in(world, client, page_name):
    response = client.get(PAGES[page_name](world))

    assert response.status_code == 302
    login = reverse("admin:login") if page_name == "admin" else reverse("login")
    assert response.url.startswith(login)


@pytest.mark.parametrize("page_name", [*WRITES])
def test_an_anonymous_write_is_sent_to_log_in_and_changes_nothing(world, client, page_name):
    form, was_saved = WRITE_FORMS[page_name]

    response = client.post(PAGES[page_name](world), form(world))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert not was_saved(world)


class TestItStaff:
    """IT staff run the installation with superuser accounts: the Django admin is theirs, and
    the pages give them the rights of no board or unit (found: the demo's national admin was a
    superuser, so that it could open 141 write forms across provinces)."""

    @pytest.fixture
    def it_staff(self, world, django_user_model):
        return django_user_model.objects.create_superuser("quan_tri", password="x")

    def test_they_open_the_admin(self, client_for, it_staff):
        assert client_for(it_staff).get(reverse("admin:index")).status_code == 200

    def test_the_start_page_leads_them_to_the_admin(self, client_for, it_staff):
        page = client_for(it_staff).get(reverse("dashboard")).content.decode()

        assert 'data-testid="it-account"' in page
        assert reverse("admin:index") in page

    @pytest.mark.parametrize("page_name", [name for name in PAGES if name != "admin"])
    def test_the_pages_show_them_no_province(self, world, client_for, it_staff, page_name):
        response = client_for(it_staff).get(PAGES[page_name](world))

        if page_name == "new province":
            assert response.status_code == 403
        elif page_name in ("dashboard", "province list", "own details", "own notifications"):
            assert response.status_code == 200
            assert "object_list" not in response.context or not response.context["object_list"]
        else:
            assert response.status_code == 404

    @pytest.mark.parametrize("page_name", [*WRITES])
    def test_the_pages_save_nothing_of_theirs(self, world, client_for, it_staff, page_name):
        form, was_saved = WRITE_FORMS[page_name]

        response = client_for(it_staff).post(PAGES[page_name](world), form(world))

        assert response.status_code == (403 if page_name == "new province" else 404)
        assert not was_saved(world)

    def test_their_rights_over_models_are_the_admin_s_and_over_records_the_rules(
        self, world, it_staff
    ):
        assert it_staff.has_perm("units.change_unit")
        assert not it_staff.has_perm("units.change_unit", world.unit_h)
        assert not it_staff.has_perm("awards.add_national_legal_basis")


@pytest.mark.parametrize("persona", ["national", "it_staff"])
@pytest.mark.parametrize(
    ("name", "method"),
    [("awards:awardtype_list", "get"), ("awards:awardtype_add_standard", "post")],
)
def test_the_award_types_refuse_who_manages_no_province(
    request, world, client_for, django_user_model, persona, name, method
):
    # Found: a 500 on both pages for the demo's national admin, then a superuser.
    if persona == "it_staff":
        user = django_user_model.objects.create_superuser("quan_tri", password="x")
    else:
        user = request.getfixturevalue(persona)
    response = getattr(client_for(user), method)(reverse(name))

    assert response.status_code == 403
    assert not AwardType.objects.filter(province=None).exists()


class TestNationalStaff:
    def test_they_are_not_superusers(self, national):
        national.is_superuser = True

        assert_refused(
            national,
            "National staff are not superusers: IT staff run the installation with accounts of "
            "their own.",
        )
        assert_database_refuses(national)


class TestProvinceList:
    def test_a_board_sees_only_its_province(self, province_b, board, client_for):
        response = client_for(board).get(reverse("units:province_list"))

        assert list(response.context["object_list"]) == [board.province]

    def test_unit_staff_see_no_province(self, province_a, secretariat, client_for):
        response = client_for(secretariat).get(reverse("units:province_list"))

        assert list(response.context["object_list"]) == []

    def test_a_national_admin_sees_every_province(
        self, province_a, province_b, national, client_for
    ):
        response = client_for(national).get(reverse("units:province_list"))

        assert set(response.context["object_list"]) == {province_a, province_b}


class TestClosedYear:
    @pytest.fixture
    def closed(self, bloc_year_1):
        bloc_year_1.state = BlocYear.State.CLOSED
        bloc_year_1.save()
        return bloc_year_1

    @pytest.mark.parametrize("persona", ["secretariat", "deputy_staff"])
    def test_the_secretariat_may_no_longer_change_the_settings(
        self, request, closed, client_for, persona
    ):
        client = client_for(request.getfixturevalue(persona))
        url = reverse("blocs:blocyear_settings", args=[closed.bloc_id, closed.year])

        assert client.get(url).status_code == 403
        assert client.post(url, settings_data(closed, merit_quota=2)).status_code == 403
        closed.refresh_from_db()
        assert closed.merit_quota == 3

    @pytest.mark.parametrize("persona", ["secretariat", "deputy_staff", "member_staff"])
    def test_members_still_read_it(self, request, closed, client_for, persona):
        client = client_for(request.getfixturevalue(persona))

        assert client.get(closed.get_absolute_url()).status_code == 200

    def test_the_board_still_changes_the_settings(self, closed, board, client_for):
        url = reverse("blocs:blocyear_settings", args=[closed.bloc_id, closed.year])

        response = client_for(board).post(url, settings_data(closed, merit_quota=2))

        assert response.status_code == 302
        closed.refresh_from_db()
        assert closed.merit_quota == 2


class TestEditLinks:
    def test_the_secretariat_sees_the_settings_link_and_a_member_does_not(
        self, bloc_year_1, secretariat, member_staff, client_for
    ):
        settings_url = reverse("blocs:blocyear_settings", args=[bloc_year_1.bloc_id, 2025])

        for_secretariat = client_for(secretariat).get(bloc_year_1.get_absolute_url())
        for_member = client_for(member_staff).get(bloc_year_1.get_absolute_url())

        assert settings_url in for_secretariat.content.decode()
        assert settings_url not in for_member.content.decode()

    def test_only_the_board_sees_the_unit_edit_link(
        self, unit_h, board, secretariat, national, client_for
    ):
        edit_url = reverse("units:unit_edit", args=[unit_h.pk])

        pages = {
            user: client_for(user).get(unit_h.get_absolute_url()).content.decode()
            for user in (board, secretariat, national)
        }

        assert edit_url in pages[board]
        assert edit_url not in pages[secretariat]
        assert edit_url not in pages[national]


class TestUnitEdit:
    @pytest.fixture
    def url(self, unit_h):
        return reverse("units:unit_edit", args=[unit_h.pk])

    def test_it_saves_the_unit_and_records_who_changed_it(self, unit_h, board, client_for, url):
        response = client_for(board).post(url, unit_data(unit_h, address="Số 1 Lê Duẩn"))

        assert response.status_code == 302
        assert response.url == unit_h.get_absolute_url()
        unit_h.refresh_from_db()
        assert unit_h.address == "Số 1 Lê Duẩn"
        assert unit_h.version == 2
        assert unit_h.history.first().history_user == board

    def test_invalid_input_shows_the_typed_values_and_a_vietnamese_error(
        self, unit_h, board, client_for, url
    ):
        data = unit_data(unit_h, short_name="", leader_name="Trần Văn Gõ")

        response = client_for(board).post(url, data)

        assert response.status_code == 200
        page = response.content.decode()
        assert 'value="Trần Văn Gõ"' in page
        required = vietnamese("This field is required.")
        assert required != "This field is required."
        assert required in page
        assert response.context["form"].errors["short_name"] == [required]
        assert Unit.objects.get(pk=unit_h.pk).leader_name == unit_h.leader_name
        assert Unit.objects.get(pk=unit_h.pk).version == unit_h.version

    def test_a_rename_date_without_a_new_name_is_refused_on_the_form(
        self, unit_h, board, client_for, url
    ):
        data = unit_data(unit_h, renamed_on="2025-07-01", address="Số 2 Lê Duẩn")

        response = client_for(board).post(url, data)

        assert response.status_code == 200
        message = vietnamese("A rename date was given but the name did not change.")
        assert message in response.content.decode()
        assert 'value="Số 2 Lê Duẩn"' in response.content.decode()
        assert not unit_h.names.exists()
        assert Unit.objects.get(pk=unit_h.pk).address == unit_h.address

    def test_a_stale_version_is_refused_with_the_message_that_someone_else_saved(
        self, unit_h, board, client_for, url
    ):
        client = client_for(board)
        client.post(url, unit_data(unit_h, leader_name="Người thứ nhất"))

        response = client.post(url, unit_data(unit_h, leader_name="Người thứ hai"))

        assert response.status_code == 200
        message = vietnamese(STALE)
        assert_is_vietnamese_sentence(message, english=STALE)
        assert message in response.content.decode()
        assert 'value="Người thứ hai"' in response.content.decode()
        unit_h.refresh_from_db()
        assert unit_h.leader_name == "Người thứ nhất"
        assert unit_h.version == 2

    def test_decomposed_text_is_stored_composed(self, unit_h, board, client_for, url):
        typed = unicodedata.normalize("NFD", "Công an tỉnh Đắk Lắk")
        assert typed != "Công an tỉnh Đắk Lắk"

        client_for(board).post(url, unit_data(unit_h, full_name=typed, leader_name=typed))

        unit_h.refresh_from_db()
        assert unit_h.full_name == "Công an tỉnh Đắk Lắk"
        assert unit_h.leader_name == "Công an tỉnh Đắk Lắk"

    def test_a_rename_with_a_date_keeps_the_former_name(self, unit_h, board, client_for, url):
        data = unit_data(
            unit_h,
            full_name="Công an tỉnh Đắk Lắk (mới)",
            renamed_on="2025-07-01",
            rename_basis="Nghị quyết 202/2025/QH15",
        )

        response = client_for(board).post(url, data)

        assert response.status_code == 302
        former = unit_h.names.get()
        assert former.full_name == unit_h.full_name
        assert former.basis == "Nghị quyết 202/2025/QH15"


class TestBlocYearSettings:
    @pytest.fixture
    def url(self, bloc_year_1):
        return reverse("blocs:blocyear_settings", args=[bloc_year_1.bloc_id, 2025])

    def test_the_secretariat_saves_and_the_history_names_them(
        self, bloc_year_1, secretariat, client_for, url
    ):
        response = client_for(secretariat).post(url, settings_data(bloc_year_1, flag_quota=2))

        assert response.status_code == 302
        assert response.url == bloc_year_1.get_absolute_url()
        bloc_year_1.refresh_from_db()
        assert bloc_year_1.flag_quota == 2
        assert bloc_year_1.history.first().history_user == secretariat

    @pytest.mark.parametrize(
        ("changes", "field", "msgid", "params"),
        [
            (
                {"vote_threshold_percent": 150},
                "vote_threshold_percent",
                "Ensure this value is less than or equal to %(limit_value)s.",
                {"limit_value": 100},
            ),
            (
                {"score_scale": 500},
                "score_scale",
                "Select a valid choice. %(value)s is not one of the available choices.",
                {"value": 500},
            ),
            (
                {"quorum_numerator": 4, "quorum_denominator": 3},
                "__all__",
                "The quorum must be a fraction between 0 and 1.",
                None,
            ),
        ],
        ids=["threshold over 100", "unknown scale", "quorum over 1"],
    )
    def test_invalid_input_shows_the_typed_values_and_a_vietnamese_error(
        self, bloc_year_1, board, client_for, url, changes, field, msgid, params
    ):
        data = settings_data(bloc_year_1, note="Ghi chú vừa gõ", merit_quota=9, **changes)

        response = client_for(board).post(url, data)

        assert response.status_code == 200
        page = response.content.decode()
        message = vietnamese(msgid, params)
        assert_is_vietnamese_sentence(message, english=msgid % params if params else msgid)
        assert response.context["form"].errors[field] == [message]
        assert message in page
        assert "Ghi chú vừa gõ" in page
        assert 'value="9"' in page
        bloc_year = BlocYear.objects.get(pk=bloc_year_1.pk)
        assert (bloc_year.version, bloc_year.note, bloc_year.merit_quota) == (1, "", 3)

    def test_a_stale_version_is_refused_with_the_message_that_someone_else_saved(
        self, bloc_year_1, secretariat, deputy_staff, client_for, url
    ):
        loaded_by_deputy = settings_data(bloc_year_1, merit_quota=1)
        client_for(secretariat).post(url, settings_data(bloc_year_1, merit_quota=2))

        response = client_for(deputy_staff).post(url, loaded_by_deputy)

        assert response.status_code == 200
        assert vietnamese(STALE) in response.content.decode()
        assert 'name="merit_quota" value="1"' in response.content.decode()
        bloc_year_1.refresh_from_db()
        assert (bloc_year_1.merit_quota, bloc_year_1.version) == (2, 2)

    def test_decomposed_text_is_stored_composed(self, bloc_year_1, board, client_for, url):
        typed = unicodedata.normalize("NFD", "Khối phó thứ hai do Sở Tư pháp đảm nhiệm.")

        client_for(board).post(url, settings_data(bloc_year_1, note=typed))

        bloc_year_1.refresh_from_db()
        assert bloc_year_1.note == "Khối phó thứ hai do Sở Tư pháp đảm nhiệm."


def test_a_peers_unit_page_hides_bloc_years_the_viewer_cannot_see(world, member_staff, client_for):
    elsewhere = BlocYearFactory(bloc=world.bloc_2, year=2024)
    MembershipFactory(bloc_year=elsewhere, unit=world.unit_h)

    response = client_for(member_staff).get(reverse("units:unit_detail", args=[world.unit_h.pk]))

    assert response.status_code == 200
    assert [m.bloc_year for m in response.context["memberships"]] == [world.bloc_year_1]
    assert "Khối thi đua số 2" not in response.content.decode()
