"""Award types and registrations: the rules the database, clean() and the services hold."""

from __future__ import annotations

import datetime
import unicodedata

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from awards.models import AwardType, Registration
from awards.services.award_types import (
    award_type_create,
    award_type_deactivate,
    award_type_reactivate,
    award_type_update,
    award_types_ensure_defaults,
    standard_award_types_missing,
)
from awards.services.registrations import registration_create, registration_delete
from core.errors import DomainError
from tests.checks import assert_database_refuses, assert_refused_on
from tests.factories import AwardTypeFactory, ProvinceFactory, RegistrationFactory
from units.models import Province

pytestmark = pytest.mark.django_db


def english_refusal(obj) -> dict[str, list[str]]:
    """Return the messages of `full_clean()` by field, in English."""
    with translation.override("en"):
        with pytest.raises(ValidationError) as excinfo:
            obj.full_clean()
        # The messages are lazy: read them while English is on.
        return {
            field: [str(m) for m in messages]
            for field, messages in excinfo.value.message_dict.items()
        }


class TestAwardType:
    def test_a_province_cannot_have_two_award_types_of_the_same_name(self, flag):
        twin = AwardTypeFactory.build(province=flag.province, name=flag.name, kind="flag")

        assert english_refusal(twin)["__all__"] == [
            "This province already has an award type of this name."
        ]
        assert_database_refuses(twin)

    def test_another_province_may_use_the_same_name(self, flag, flag_b):
        assert flag.name == flag_b.name
        flag_b.full_clean()

    def test_it_refuses_an_unknown_kind(self, flag):
        flag.kind = "medal"

        assert_refused_on(flag, "kind", "invalid_choice")
        assert_database_refuses(flag)

    def test_its_text_is_stored_composed(self, province_a):
        award_type = award_type_create(
            province=province_a,
            name=unicodedata.normalize("NFD", "  Tập thể lao động xuất sắc "),
            kind=AwardType.Kind.TITLE,
        )

        assert award_type.name == "Tập thể lao động xuất sắc"

    def test_a_new_type_goes_after_the_others(self, flag, merit):
        award_type = award_type_create(
            province=flag.province, name="Giấy khen", kind=AwardType.Kind.OTHER
        )

        assert award_type.position == 3

    def test_the_service_refuses_a_name_the_province_has(self, flag):
        with pytest.raises(DomainError):
            award_type_create(province=flag.province, name=flag.name, kind="flag")

        assert AwardType.objects.filter(name=flag.name, province=flag.province).count() == 1

    def test_an_update_on_a_stale_copy_is_refused_and_changes_nothing(self, flag):
        award_type_update(award_type=flag, version=1, short_name="Cờ tỉnh")

        with pytest.raises(DomainError):
            award_type_update(award_type=flag, version=1, short_name="Cờ UBND")

        flag.refresh_from_db()
        assert (flag.short_name, flag.version) == ("Cờ tỉnh", 2)

    def test_retiring_and_putting_back_in_use_bump_the_version(self, flag):
        award_type_deactivate(award_type=flag)
        flag.refresh_from_db()
        assert (flag.is_active, flag.version) == (False, 2)

        award_type_reactivate(award_type=flag)
        flag.refresh_from_db()
        assert (flag.is_active, flag.version) == (True, 3)

    def test_retiring_a_retired_type_is_refused(self, flag):
        award_type_deactivate(award_type=flag)

        with pytest.raises(DomainError):
            award_type_deactivate(award_type=flag)


class TestStandardAwardTypes:
    def test_they_are_added_with_the_provinces_names_in_order(self, province_a):
        created = award_types_ensure_defaults(province=province_a)

        names = [t.name for t in AwardType.objects.filter(province=province_a)]
        assert names == [t.name for t in created]
        assert names == [
            "Cờ thi đua của Chính phủ",
            "Cờ thi đua của UBND tỉnh",
            "Bằng khen của Thủ tướng Chính phủ",
            "Bằng khen của Chủ tịch UBND tỉnh",
            "Tập thể lao động xuất sắc",
            "Tập thể lao động tiên tiến",
        ]
        assert [t.position for t in created] == [1, 2, 3, 4, 5, 6]
        proposable = AwardType.objects.filter(province=province_a, proposable_by_bloc=True)
        assert {t.name for t in proposable} == {
            "Cờ thi đua của UBND tỉnh",
            "Bằng khen của Chủ tịch UBND tỉnh",
        }

    def test_calling_it_again_adds_nothing(self, province_a):
        award_types_ensure_defaults(province=province_a)
        before = list(AwardType.objects.filter(province=province_a).values())

        created = award_types_ensure_defaults(province=province_a)

        assert created == []
        assert list(AwardType.objects.filter(province=province_a).values()) == before

    def test_it_adds_only_the_missing_ones_and_leaves_the_boards_changes(self, flag):
        award_type_update(award_type=flag, version=1, position=9, short_name="Cờ")
        award_type_deactivate(award_type=flag)

        created = award_types_ensure_defaults(province=flag.province)

        assert "Cờ thi đua của UBND tỉnh" not in [t.name for t in created]
        assert len(created) == 5
        assert min(t.position for t in created) == 10
        flag.refresh_from_db()
        assert (flag.position, flag.short_name, flag.is_active) == (9, "Cờ", False)

    def test_a_centrally_run_city_gets_the_city_names(self):
        city = ProvinceFactory(name="Cần Thơ", code="can-tho", kind=Province.Kind.CITY)

        award_types_ensure_defaults(province=city)

        names = set(AwardType.objects.filter(province=city).values_list("name", flat=True))
        assert "Cờ thi đua của UBND thành phố" in names
        assert "Bằng khen của Chủ tịch UBND thành phố" in names

    def test_each_province_gets_its_own(self, province_a, province_b):
        award_types_ensure_defaults(province=province_a)
        award_types_ensure_defaults(province=province_b)

        assert AwardType.objects.filter(province=province_b).count() == 6
        assert standard_award_types_missing(province=province_a) == []


class TestRegistration:
    def test_a_unit_registers_once_per_award_type_and_year(self, registration_m):
        twin = Registration(
            membership=registration_m.membership,
            award_type=registration_m.award_type,
            registered_on=datetime.date(2025, 2, 1),
        )

        assert english_refusal(twin)["__all__"] == [
            "The unit has already registered for this title this year."
        ]
        assert_database_refuses(twin)

    def test_a_unit_may_register_for_several_award_types(self, registration_m, flag):
        RegistrationFactory(membership=registration_m.membership, award_type=flag)

        assert registration_m.membership.registrations.count() == 2

    def test_it_refuses_an_award_type_of_another_province(self, membership_m, flag_b):
        registration = RegistrationFactory.build(membership=membership_m, award_type=flag_b)

        assert english_refusal(registration)["award_type"] == [
            "The award type belongs to another province."
        ]

    def test_it_refuses_a_retired_award_type(self, membership_m, flag):
        award_type_deactivate(award_type=flag)
        flag.refresh_from_db()
        registration = RegistrationFactory.build(membership=membership_m, award_type=flag)

        assert english_refusal(registration)["award_type"] == [
            "This award type is no longer in use."
        ]

    def test_a_registration_stays_valid_when_its_type_is_retired(self, registration_m):
        award_type_deactivate(award_type=registration_m.award_type)
        registration_m.refresh_from_db()

        registration_m.full_clean()

    @pytest.mark.parametrize("day", [datetime.date(2023, 12, 31), datetime.date(2026, 1, 1)])
    def test_it_refuses_a_date_outside_the_year_and_the_one_before(self, membership_m, flag, day):
        registration = RegistrationFactory.build(
            membership=membership_m, award_type=flag, registered_on=day
        )

        assert english_refusal(registration)["registered_on"] == [
            "A registration for 2025 is dated in 2025 or the year before."
        ]

    def test_a_registration_made_in_december_of_the_year_before_is_valid(self, membership_m, flag):
        RegistrationFactory.build(
            membership=membership_m, award_type=flag, registered_on=datetime.date(2024, 12, 20)
        ).full_clean()

    def test_the_service_records_it_composed(self, bloc_year_1, unit_m, flag):
        registration = registration_create(
            bloc_year=bloc_year_1,
            unit=unit_m,
            award_type=flag,
            registered_on=datetime.date(2025, 1, 20),
            document_number="12/ĐK-STP",
            note=unicodedata.normalize("NFD", "Đăng ký tại hội nghị phát động"),
        )

        assert registration.membership.unit == unit_m
        assert registration.note == "Đăng ký tại hội nghị phát động"

    def test_the_service_refuses_a_unit_that_is_not_a_member(self, bloc_year_1, unit_o, flag):
        with translation.override("en"), pytest.raises(DomainError) as excinfo:
            registration_create(
                bloc_year=bloc_year_1,
                unit=unit_o,
                award_type=flag,
                registered_on=datetime.date(2025, 1, 20),
            )

        assert excinfo.value.message == (
            "Bộ Chỉ huy Quân sự tỉnh is not a member of Khối thi đua số 1 in 2025."
        )
        assert not Registration.objects.exists()

    def test_the_service_refuses_a_duplicate_with_a_message_naming_both(
        self, registration_m, bloc_year_1, unit_m
    ):
        with translation.override("en"), pytest.raises(DomainError) as excinfo:
            registration_create(
                bloc_year=bloc_year_1,
                unit=unit_m,
                award_type=registration_m.award_type,
                registered_on=datetime.date(2025, 2, 1),
            )

        assert excinfo.value.field == "award_type"
        assert excinfo.value.message == (
            "Sở Tư pháp has already registered for “Bằng khen của Chủ tịch UBND tỉnh” in 2025."
        )
        assert Registration.objects.count() == 1

    def test_withdrawing_keeps_it_in_the_history(self, registration_m):
        registration_delete(registration=registration_m)

        assert not Registration.objects.exists()
        assert [r.history_type for r in Registration.history.all()] == ["-", "+"]
