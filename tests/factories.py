"""Factories that build valid objects of the domain with as little said as possible."""

from __future__ import annotations

import datetime

import factory
from factory.django import DjangoModelFactory

from awards.models import AwardRules, AwardType, LegalBasis, Registration
from blocs.models import Bloc, BlocYear, LeadershipDecision, Membership, RotationSlot
from units.models import Province, Unit, UnitName, User

PASSWORD = "mat-khau-thu-nghiem-2026"


class ProvinceFactory(DjangoModelFactory):
    class Meta:
        model = Province

    name = factory.Sequence(lambda n: f"Tỉnh số {n}")
    code = factory.Sequence(lambda n: f"tinh-{n}")
    board_name = factory.LazyAttribute(lambda o: f"Ban Thi đua - Khen thưởng {o.name}")


class UnitFactory(DjangoModelFactory):
    class Meta:
        model = Unit

    province = factory.SubFactory(ProvinceFactory)
    short_name = factory.Sequence(lambda n: f"Sở số {n}")
    full_name = factory.LazyAttribute(lambda o: f"{o.short_name} tỉnh {o.province.name}")
    abbreviation = factory.Sequence(lambda n: f"S{n}")


class UnitNameFactory(DjangoModelFactory):
    """A former name that ended on 1 July 2025, the day of the great renaming."""

    class Meta:
        model = UnitName

    unit = factory.SubFactory(UnitFactory)
    short_name = factory.LazyAttribute(lambda o: f"{o.unit.short_name} (tên cũ)")
    full_name = factory.LazyAttribute(lambda o: f"{o.unit.full_name} (tên cũ)")
    valid_from = None
    valid_until = datetime.date(2025, 7, 1)


class UserFactory(DjangoModelFactory):
    """A user attached to nothing; the factories below give them a place."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"nguoidung{n}")
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn {n}")

    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        self.set_password(extracted or PASSWORD)
        if create:
            self.save(update_fields=["password"])


class BoardUserFactory(UserFactory):
    """Staff of a province's emulation board."""

    province = factory.SubFactory(ProvinceFactory)


class UnitUserFactory(UserFactory):
    """The emulation focal point of a unit."""

    unit = factory.SubFactory(UnitFactory)


class NationalUserFactory(UserFactory):
    """A national admin who reads every province."""

    is_national = True


class BlocFactory(DjangoModelFactory):
    class Meta:
        model = Bloc

    province = factory.SubFactory(ProvinceFactory)
    name = factory.Sequence(lambda n: f"Khối thi đua số {n}")
    symbol = factory.Sequence(lambda n: f"KTĐ{n}")


class RotationSlotFactory(DjangoModelFactory):
    class Meta:
        model = RotationSlot

    bloc = factory.SubFactory(BlocFactory)
    unit = factory.SubFactory(UnitFactory, province=factory.SelfAttribute("..bloc.province"))
    position = factory.Sequence(lambda n: n + 1)


class BlocYearFactory(DjangoModelFactory):
    class Meta:
        model = BlocYear

    bloc = factory.SubFactory(BlocFactory)
    year = 2025


class LeadershipDecisionFactory(DjangoModelFactory):
    class Meta:
        model = LeadershipDecision

    province = factory.SubFactory(ProvinceFactory)
    number = factory.Sequence(lambda n: f"{n}/QĐ-UBND")
    date = datetime.date(2025, 1, 15)
    signer = "Chủ tịch UBND tỉnh"


class MembershipFactory(DjangoModelFactory):
    """A plain member; the traits make it head or first deputy, elected at the conference."""

    class Meta:
        model = Membership

    bloc_year = factory.SubFactory(BlocYearFactory)
    unit = factory.SubFactory(
        UnitFactory, province=factory.SelfAttribute("..bloc_year.bloc.province")
    )

    class Params:
        head = factory.Trait(role=Membership.Role.HEAD, basis=Membership.Basis.ELECTED)
        deputy = factory.Trait(
            role=Membership.Role.DEPUTY, deputy_rank=1, basis=Membership.Basis.ELECTED
        )


class AwardTypeFactory(DjangoModelFactory):
    """A province's certificate of merit; a bloc may propose it."""

    class Meta:
        model = AwardType

    province = factory.SubFactory(ProvinceFactory)
    name = factory.Sequence(lambda n: f"Bằng khen loại {n}")
    short_name = factory.Sequence(lambda n: f"BK {n}")
    kind = AwardType.Kind.MERIT
    proposable_by_bloc = True
    position = factory.Sequence(lambda n: n + 1)


class RegistrationFactory(DjangoModelFactory):
    """A member unit's registration for one of its province's award types."""

    class Meta:
        model = Registration

    membership = factory.SubFactory(MembershipFactory)
    award_type = factory.SubFactory(
        AwardTypeFactory, province=factory.SelfAttribute("..membership.bloc_year.bloc.province")
    )
    registered_on = factory.LazyAttribute(
        lambda o: datetime.date(o.membership.bloc_year.year, 1, 15)
    )


class LegalBasisFactory(DjangoModelFactory):
    """A national decree in force from 2024, cited in documents."""

    class Meta:
        model = LegalBasis

    province = None
    kind = LegalBasis.Kind.DECREE
    number = factory.Sequence(lambda n: f"{n + 1}/2024/NĐ-CP")
    citation = factory.LazyAttribute(lambda o: f"Nghị định số {o.number} của Chính phủ")
    effective_from = datetime.date(2024, 1, 1)


class AwardRulesFactory(DjangoModelFactory):
    """A province's rules from 2020 with the defaults: 2/3, more than 50%, 1 flag, 3 merits."""

    class Meta:
        model = AwardRules

    province = factory.SubFactory(ProvinceFactory)
    from_year = 2020
