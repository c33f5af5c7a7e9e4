"""Provinces, units, their names over time and users: the rules the database and clean() hold."""

from __future__ import annotations

import datetime
import unicodedata

import pytest
from django.urls import reverse

from core.errors import DomainError
from tests.checks import (
    assert_database_refuses,
    assert_refused,
    assert_refused_on,
    vietnamese,
)
from tests.factories import (
    PASSWORD,
    BoardUserFactory,
    NationalUserFactory,
    ProvinceFactory,
    UnitFactory,
    UnitNameFactory,
    UnitUserFactory,
)
from units.models import Province, Unit, UnitName, User
from units.services import units as services

pytestmark = pytest.mark.django_db

RENAMED_ON = datetime.date(2025, 7, 1)


class TestProvince:
    @pytest.mark.parametrize("field", ["name", "code"])
    def test_it_refuses_a_second_province_with_the_same_name_or_code(self, field):
        first = ProvinceFactory()
        second = ProvinceFactory.build(**{field: getattr(first, field)})

        assert_refused_on(second, field, "unique")
        assert_database_refuses(second)

    def test_full_name_and_parent_body_read_as_documents_write_them(self):
        province = ProvinceFactory.build(name="Đắk Lắk")
        city = ProvinceFactory.build(name="Hà Nội", kind=Province.Kind.CITY)

        assert province.full_name == "tỉnh Đắk Lắk"
        assert province.parent_body == "UBND TỈNH ĐẮK LẮK"
        assert city.full_name == "thành phố Hà Nội"


class TestUnit:
    def test_it_refuses_two_units_with_the_same_full_name_in_a_province(self):
        first = UnitFactory()
        second = UnitFactory.build(province=first.province, full_name=first.full_name)

        assert_refused(second, "This province already has a unit with this name.")
        assert_database_refuses(second)

    def test_it_accepts_the_same_full_name_in_another_province(self):
        first = UnitFactory(full_name="Sở Tư pháp")
        second = UnitFactory.build(province=ProvinceFactory(), full_name="Sở Tư pháp")

        second.full_clean()
        second.save()
        assert second.province != first.province

    @pytest.mark.parametrize("given", ["receiving unit only", "date only"])
    def test_it_refuses_a_merger_without_both_the_receiving_unit_and_the_date(self, given):
        into = UnitFactory()
        unit = UnitFactory(province=into.province)
        if given == "receiving unit only":
            unit.merged_into = into
        else:
            unit.merged_on = RENAMED_ON

        assert_refused(unit, "A merger needs both the receiving unit and the date.")
        assert_database_refuses(unit)

    def test_it_refuses_a_unit_merged_into_itself(self):
        unit = UnitFactory()
        unit.merged_into, unit.merged_on = unit, RENAMED_ON

        assert_refused(unit, "A unit cannot be merged into itself.")
        assert_database_refuses(unit)

    def test_cleaning_stores_decomposed_text_composed_and_trimmed(self):
        typed = unicodedata.normalize("NFD", "  Công an tỉnh Đắk Lắk ")
        unit = UnitFactory.build(province=ProvinceFactory(), full_name=typed)

        unit.full_clean()

        assert unit.full_name == "Công an tỉnh Đắk Lắk"
        assert unicodedata.is_normalized("NFC", unit.full_name)

    def test_saving_a_unit_adds_a_record_to_its_history(self):
        unit = UnitFactory()
        before = unit.history.count()

        unit.leader_name = "Nguyễn Văn An"
        unit.save()

        assert unit.history.count() == before + 1
        assert unit.history.first().leader_name == "Nguyễn Văn An"

    def test_a_save_through_a_request_records_who_made_it(self, client_for):
        unit = UnitFactory()
        board = BoardUserFactory(province=unit.province)
        data = {name: getattr(unit, name) for name in services.UNIT_EDITABLE_FIELDS}

        response = client_for(board).post(
            reverse("units:unit_edit", args=[unit.pk]),
            {**data, "leader_name": "Trần Thị Bình", "version": unit.version},
        )

        assert response.status_code == 302
        assert unit.history.first().history_user == board


class TestUnitName:
    def test_it_refuses_two_former_names_that_end_on_the_same_day(self):
        first = UnitNameFactory()
        second = UnitNameFactory.build(unit=first.unit, valid_until=first.valid_until)

        assert_refused(second, "Another former name of this unit ends on that day.")
        assert_database_refuses(second)

    @pytest.mark.parametrize("valid_from", [RENAMED_ON, RENAMED_ON + datetime.timedelta(days=1)])
    def test_it_refuses_a_name_that_does_not_start_before_it_ends(self, valid_from):
        name = UnitNameFactory.build(
            unit=UnitFactory(), valid_from=valid_from, valid_until=RENAMED_ON
        )

        assert_refused(name, "A name must start before it ends.")
        assert_database_refuses(name)


class TestNameHistory:
    @pytest.fixture
    def renamed(self):
        """Cục THADS, renamed "Thi hành án dân sự tỉnh" from 1 July 2025."""
        unit = UnitFactory(
            short_name="Cục THADS", full_name="Cục Thi hành án dân sự tỉnh", abbreviation="THADS"
        )
        return services.unit_update(
            unit=unit,
            version=unit.version,
            renamed_on=RENAMED_ON,
            rename_basis="Quyết định số 1/QĐ-BTP",
            short_name="THADS tỉnh",
            full_name="Thi hành án dân sự tỉnh",
        )

    def test_a_rename_with_a_date_keeps_the_former_name_until_that_date(self, renamed):
        former = renamed.names.get()

        assert renamed.full_name == "Thi hành án dân sự tỉnh"
        assert former.full_name == "Cục Thi hành án dân sự tỉnh"
        assert former.short_name == "Cục THADS"
        assert former.valid_from is None
        assert former.valid_until == RENAMED_ON
        assert former.basis == "Quyết định số 1/QĐ-BTP"

    def test_name_on_gives_the_former_name_before_the_rename_and_the_new_one_from_it(self, renamed):
        day_before = RENAMED_ON - datetime.timedelta(days=1)

        assert renamed.name_on(day_before).full_name == "Cục Thi hành án dân sự tỉnh"
        assert renamed.name_on(RENAMED_ON).full_name == "Thi hành án dân sự tỉnh"
        assert renamed.name_on(datetime.date(2030, 1, 1)) == renamed

    def test_name_in_year_gives_the_name_in_use_at_the_end_of_that_year(self, renamed):
        assert renamed.name_in_year(2024).full_name == "Cục Thi hành án dân sự tỉnh"
        assert renamed.name_in_year(2025).full_name == "Thi hành án dân sự tỉnh"

    def test_a_second_rename_starts_its_former_name_where_the_first_ended(self, renamed):
        later = datetime.date(2027, 1, 1)

        renamed = services.unit_update(
            unit=renamed,
            version=renamed.version,
            renamed_on=later,
            full_name="Thi hành án dân sự khu vực",
        )

        middle = renamed.names.get(valid_until=later)
        assert middle.full_name == "Thi hành án dân sự tỉnh"
        assert middle.valid_from == RENAMED_ON
        assert renamed.name_in_year(2024).full_name == "Cục Thi hành án dân sự tỉnh"
        assert renamed.name_in_year(2026).full_name == "Thi hành án dân sự tỉnh"
        assert renamed.name_in_year(2027).full_name == "Thi hành án dân sự khu vực"

    def test_a_rename_dated_before_the_last_recorded_change_is_refused(self, renamed):
        renamed.refresh_from_db()

        with pytest.raises(DomainError) as excinfo:
            services.unit_update(
                unit=renamed,
                version=renamed.version,
                renamed_on=datetime.date(2025, 1, 1),
                full_name="Tên khác",
            )

        assert "01/07/2025" in excinfo.value.message
        assert renamed.names.count() == 1

    def test_a_rename_date_without_a_new_name_is_refused(self):
        unit = UnitFactory()

        with pytest.raises(DomainError) as excinfo:
            services.unit_update(
                unit=unit, version=unit.version, renamed_on=RENAMED_ON, address="Số 1 Lê Duẩn"
            )

        assert excinfo.value.message == vietnamese(
            "A rename date was given but the name did not change."
        )
        assert not unit.names.exists()

    def test_a_correction_without_a_rename_date_keeps_no_former_name(self):
        unit = UnitFactory(full_name="Sở Tư phap")

        services.unit_update(unit=unit, version=unit.version, full_name="Sở Tư pháp")

        unit.refresh_from_db()
        assert unit.full_name == "Sở Tư pháp"
        assert unit.version == 2
        assert not unit.names.exists()

    def test_an_update_on_a_stale_version_is_refused_and_changes_nothing(self):
        unit = UnitFactory(leader_name="Lê Văn Cũ")
        services.unit_update(unit=unit, version=1, leader_name="Lê Văn Mới")

        with pytest.raises(DomainError) as excinfo:
            services.unit_update(unit=unit, version=1, leader_name="Lê Văn Khác")

        assert excinfo.value.message == vietnamese(
            "Someone else saved this record after you opened it. Your changes were not "
            "saved: reload the page to see theirs, then enter yours again."
        )
        unit.refresh_from_db()
        assert unit.leader_name == "Lê Văn Mới"
        assert unit.version == 2


class TestUnitMerge:
    def test_a_merger_records_the_receiving_unit_and_the_date(self):
        into = UnitFactory()
        unit = UnitFactory(province=into.province)

        services.unit_merge(unit=unit, into=into, effective=RENAMED_ON)

        unit.refresh_from_db()
        assert (unit.merged_into, unit.merged_on) == (into, RENAMED_ON)
        assert not unit.is_active
        assert list(into.merged_units.all()) == [unit]

    def test_a_unit_already_merged_cannot_be_merged_again(self):
        into = UnitFactory()
        unit = UnitFactory(province=into.province)
        services.unit_merge(unit=unit, into=into, effective=RENAMED_ON)

        with pytest.raises(DomainError) as excinfo:
            services.unit_merge(
                unit=unit, into=UnitFactory(province=into.province), effective=RENAMED_ON
            )

        assert str(into) in excinfo.value.message
        assert Unit.objects.get(pk=unit.pk).merged_into == into


class TestUser:
    def test_it_refuses_a_user_of_both_a_board_and_a_unit(self):
        unit = UnitFactory()
        user = UnitUserFactory(unit=unit)
        user.province = unit.province

        assert_refused(user, "A user belongs to a province's board or to a unit.")
        assert_database_refuses(user)

    @pytest.mark.parametrize("home", ["province", "unit"])
    def test_it_refuses_a_national_admin_with_a_home(self, home):
        user = NationalUserFactory()
        if home == "province":
            user.province = ProvinceFactory()
        else:
            user.unit = UnitFactory()

        assert_refused(user, "A national admin belongs to neither a province's board nor a unit.")
        assert_database_refuses(user)

    def test_home_province_comes_from_the_board_or_from_the_unit(self):
        board = BoardUserFactory()
        staff = UnitUserFactory()

        assert board.home_province_id == board.province_id
        assert staff.home_province_id == staff.unit.province_id
        assert NationalUserFactory().home_province_id is None

    def test_the_factory_password_logs_in(self):
        user = UnitUserFactory()

        assert User.objects.get(pk=user.pk).check_password(PASSWORD)


def test_former_names_list_the_latest_first():
    unit = UnitFactory()
    UnitNameFactory(unit=unit, valid_until=datetime.date(2020, 1, 1))
    UnitNameFactory(unit=unit, valid_until=datetime.date(2025, 7, 1))

    ends = [name.valid_until.year for name in UnitName.objects.filter(unit=unit)]
    assert ends == [2025, 2020]
