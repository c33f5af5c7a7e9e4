"""The demo data: what `load_demo` loads, and that a second run changes nothing."""

from __future__ import annotations

import datetime
import re
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.urls import reverse

from awards.models import AwardType
from blocs.models import (
    Bloc,
    BlocYear,
    LeadershipDecision,
    Membership,
    Plan,
    Pledge,
    PledgeItem,
    PledgeSignature,
    RotationSlot,
)
from meetings.documents.pledge import PledgeBuilder
from meetings.models import Attendance, Document, Meeting
from tests.pdfs import pdf_text
from units.models import Province, Unit, UnitName, User

pytestmark = pytest.mark.django_db

MODELS = (
    Province,
    Unit,
    UnitName,
    Bloc,
    RotationSlot,
    BlocYear,
    LeadershipDecision,
    Membership,
    Plan,
    Pledge,
    PledgeItem,
    PledgeSignature,
    Meeting,
    Attendance,
    AwardType,
)


def load_demo(*args: str) -> str:
    out = StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    """Count the rows and the history rows of everything the demo writes."""
    result = {}
    for model in (*MODELS, User):
        result[model.__name__] = model.objects.count()
        result[f"{model.__name__} history"] = model.history.count()
    return result


def bloc_year(name: str, year: int) -> BlocYear:
    return BlocYear.objects.get(bloc__name=name, year=year)


def head_name(bloc_year: BlocYear) -> str:
    return bloc_year.head.unit.name_in_year(bloc_year.year).short_name


@pytest.fixture
def demo(db) -> str:
    """Load the demo twice and return what the second run printed."""
    load_demo()
    return load_demo()


def test_a_second_run_changes_nothing(db):
    load_demo()
    before = counts()

    output = load_demo()

    assert counts() == before
    assert "không thay đổi gì" in output


def test_it_loads_both_provinces_with_their_boards(demo):
    assert dict(Province.objects.values_list("code", "board_name")) == {
        "dak-lak": "Ban Thi đua - Khen thưởng tỉnh Đắk Lắk",
        "ca-mau": "Ban Thi đua - Khen thưởng tỉnh Cà Mau",
    }


def test_khoi_3_has_the_members_of_each_report(demo):
    assert [bloc_year("Khối thi đua số 3", y).memberships.count() for y in (2020, 2021, 2022)] == [
        8,
        8,
        12,
    ]
    assert Bloc.objects.get(name="Khối thi đua số 3").rotation_slots.count() == 12


def test_khoi_3_heads_follow_the_reports(demo):
    assert head_name(bloc_year("Khối thi đua số 3", 2020)) == "Bộ Chỉ huy Quân sự tỉnh"
    assert head_name(bloc_year("Khối thi đua số 3", 2021)) == "Công an tỉnh"
    assert head_name(bloc_year("Khối thi đua số 3", 2022)) == "Thanh tra tỉnh"


def test_khoi_3_2021_leaders_were_elected_at_the_2020_year_end_conference(demo):
    year = bloc_year("Khối thi đua số 3", 2021)

    assert [m.unit.short_name for m in year.deputies] == ["Sở Tư pháp"]
    assert {m.basis for m in year.leaders()} == {Membership.Basis.ELECTED}
    assert {m.elected_on for m in year.leaders()} == {datetime.date(2021, 1, 26)}


def test_years_whose_deputies_are_not_reported_say_so(demo):
    for name, year in (("Khối thi đua số 3", 2020), ("Khối thi đua số 3", 2022)):
        assert bloc_year(name, year).deputies_unknown
        assert bloc_year(name, year).deputies == []
    assert bloc_year("Khối thi đua I", 2020).deputies_unknown
    assert not bloc_year("Khối thi đua số 3", 2021).deputies_unknown


def test_khoi_i_has_seven_members_each_year(demo):
    assert bloc_year("Khối thi đua I", 2020).memberships.count() == 7
    assert bloc_year("Khối thi đua I", 2021).memberships.count() == 7
    assert Membership.objects.count() == 8 + 8 + 12 + 7 + 7


def test_khoi_i_2020_head_was_assigned_by_decision_888(demo):
    head = bloc_year("Khối thi đua I", 2020).head

    assert head.unit.short_name == "Bộ Chỉ huy Quân sự tỉnh"
    assert head.basis == Membership.Basis.DECISION
    assert head.decision.number == "888/QĐ-UBND"
    assert head.decision.date == datetime.date(2020, 5, 21)
    assert head.decision.province.code == "ca-mau"


def test_khoi_i_2021_leaders_follow_the_rotation_in_rank_order(demo):
    year = bloc_year("Khối thi đua I", 2021)

    assert head_name(year) == "Cục Thi hành án dân sự tỉnh"
    assert [(m.deputy_rank, m.unit.short_name) for m in year.deputies] == [
        (1, "Thanh tra tỉnh"),
        (2, "Tòa án nhân dân tỉnh"),
    ]
    assert {m.basis for m in year.leaders()} == {Membership.Basis.ROTATION}


def test_cuc_thads_keeps_its_old_name_for_the_years_before_2025(demo):
    unit = Unit.objects.get(province__code="dak-lak", abbreviation="THADS")

    assert unit.full_name == "Thi hành án dân sự tỉnh Đắk Lắk"
    assert unit.name_in_year(2021).full_name == "Cục Thi hành án dân sự tỉnh Đắk Lắk"
    assert unit.name_in_year(2021).abbreviation == "Cục THADS"
    assert unit.name_in_year(2025).full_name == "Thi hành án dân sự tỉnh Đắk Lắk"
    assert UnitName.objects.filter(valid_until=datetime.date(2025, 3, 1)).count() == 2


def test_the_demo_users_belong_where_their_roles_say(demo):
    users = {user.username: user for user in User.objects.select_related("province", "unit")}

    assert users["quocgia"].is_national and not users["quocgia"].is_superuser
    assert not users["quocgia"].is_staff
    # The IT staff's account: the Django admin, and no province in the pages.
    assert users["quantri"].is_superuser and users["quantri"].is_staff
    assert not users["quantri"].is_national
    assert users["bantdkt.daklak"].province.code == "dak-lak"
    assert users["bantdkt.camau"].province.code == "ca-mau"
    assert users["thanhtra.daklak"].unit.full_name == "Thanh tra tỉnh Đắk Lắk"
    assert users["cthads.camau"].unit.full_name == "Thi hành án dân sự tỉnh Cà Mau"
    assert users["vks.daklak"].unit.full_name == "Viện kiểm sát nhân dân tỉnh Đắk Lắk"
    assert all(user.check_password(settings.DEMO_PASSWORD) for user in users.values())


def test_existing_users_are_left_alone(db):
    User.objects.create_user("vks.daklak", password="another-password", job_title="Đã sửa")

    load_demo()

    user = User.objects.get(username="vks.daklak")
    assert user.job_title == "Đã sửa"
    assert user.check_password("another-password")


def test_logins_prints_the_table_without_loading(db):
    output = load_demo("--logins")

    assert settings.DEMO_PASSWORD in output
    assert "thanhtra.daklak" in output
    assert not Province.objects.exists()


def test_it_builds_on_a_province_and_units_already_there(world):
    load_demo()

    assert Province.objects.filter(code="dak-lak").count() == 1
    assert Unit.objects.filter(full_name="Công an tỉnh Đắk Lắk").get() == world.unit_h
    assert bloc_year("Khối thi đua số 3", 2021).head.unit == world.unit_h


def test_khoi_i_2020_carries_its_plan_02_kh_ktd_i(demo):
    plan = Plan.objects.get(bloc_year=bloc_year("Khối thi đua I", 2020))

    assert (plan.number, plan.issued_on) == ("02/KH-KTĐ I", datetime.date(2020, 6, 29))
    assert "888/QĐ-UBND" in plan.basis


def test_khoi_3_2021_pledge_was_signed_by_all_eight_members_at_the_conference(demo):
    pledge = Pledge.objects.get(bloc_year=bloc_year("Khối thi đua số 3", 2021))

    assert pledge.items.count() == 5
    signatures = pledge.signatures.select_related("membership__unit")
    assert len(signatures) == 8
    assert {s.signed_on for s in signatures} == {datetime.date(2021, 1, 26)}
    tand = next(s for s in signatures if s.membership.unit.short_name == "Tòa án nhân dân tỉnh")
    assert (tand.signatory_name, tand.signatory_title) == ("Trịnh Văn Toàn", "Phó Chánh án")


def test_the_three_seed_conferences_are_recorded_with_attendance(demo):
    meetings = Meeting.objects.order_by("date")

    assert [(m.bloc_year.year, m.get_kind_display()) for m in meetings] == [
        (2020, Meeting.Kind.YEAR_END.label),
        (2020, Meeting.Kind.YEAR_END.label),
        (2022, Meeting.Kind.MID_YEAR.label),
    ]
    assert [m.attendances.filter(present=True).count() for m in meetings] == [8, 7, 12]


def test_each_province_has_the_standard_award_types(demo):
    for province in Province.objects.all():
        names = set(province.award_types.values_list("name", flat=True))
        assert any(name.startswith("Cờ thi đua của UBND") for name in names)
        assert any(name.startswith("Bằng khen của Chủ tịch UBND") for name in names)


def test_a_server_with_debug_off_loads_no_demo_unless_told(settings):
    settings.DEBUG, settings.DEMO_ALLOWED = False, False

    with pytest.raises(CommandError) as refusal:
        load_demo()

    assert "DJANGO_DEMO_ALLOWED=true" in str(refusal.value)
    assert not User.objects.exists()


def test_a_server_with_debug_off_never_gets_the_published_password(settings):
    settings.DEBUG, settings.DEMO_ALLOWED = False, True
    settings.DEMO_PASSWORD = settings.PUBLISHED_DEMO_PASSWORD

    with pytest.raises(CommandError) as refusal:
        load_demo()

    assert "DEMO_PASSWORD" in str(refusal.value)
    assert not User.objects.exists()


# A date written with slashes ("9/1/2023", "21/05/2020"): Nghị định 30 writes "ngày … tháng …
# năm …" in a document's text.
SLASHED_DATE = re.compile(r"\b\d{1,2}/\d{1,2}/\d{4}\b")


def test_no_document_of_the_demo_writes_a_date_with_slashes(demo, client_for):
    documents = list(Document.objects.all())
    pledge = Pledge.objects.get(bloc_year__year=2021, bloc_year__bloc__province__code="dak-lak")
    texts = {f"{d.kind} {d.symbol}": pdf_text(d) for d in documents}
    texts["pledge (draft)"] = pdf_text(PledgeBuilder(pledge).render(draft=True))
    board = User.objects.get(username="bantdkt.camau")
    for year in (2020, 2021):
        url = reverse("meetings:leadership_annex", args=[year, "ca-mau"])
        texts[f"annex {year}"] = pdf_text(client_for(board).get(url).content)

    assert {d.kind for d in documents} >= {"minutes", "vote_count", "submission", "handover"}
    assert {name: SLASHED_DATE.findall(text) for name, text in texts.items()} == {
        name: [] for name in texts
    }


def test_each_demo_year_has_its_calendar_and_the_year_told_its_people(demo):
    from blocs.models import BlocYear, CalendarDate
    from units.models import Notification, User

    for province_id, year in BlocYear.objects.values_list("bloc__province_id", "year"):
        assert CalendarDate.objects.filter(province_id=province_id, year=year).count() == 6
    board = User.objects.get(username="bantdkt.daklak")
    assert Notification.objects.filter(user=board, subject__contains="đã gửi hồ sơ").exists()
    # Viện kiểm sát's Bằng khen of 2020 was decided: its focal point is told.
    awarded = User.objects.get(username="vks.daklak")
    assert Notification.objects.filter(user=awarded, subject__contains="Quyết định số").exists()
