"""Load the demo provinces, units, blocs and logins; a second run finds them and changes nothing."""

from __future__ import annotations

from collections import Counter

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from blocs import demo
from blocs.models import Bloc, BlocYear, Membership
from blocs.services import (
    bloc_create,
    bloc_year_create,
    leadership_decision_record,
    leadership_set,
    membership_add,
)
from units.models import Province, Unit, User
from units.services import DomainError, clean_or_refuse, unit_rename

# What the summary counts, in the order it prints them.
LABELS = {
    "province": "tỉnh",
    "unit": "đơn vị",
    "rename": "lần đổi tên",
    "bloc": "khối",
    "bloc_year": "năm thi đua",
    "membership": "lượt thành viên",
    "leadership": "lần phân công lãnh đạo khối",
    "user": "tài khoản",
}


class Command(BaseCommand):
    help = (
        "Nạp dữ liệu mẫu (Khối thi đua số 3 tỉnh Đắk Lắk, Khối thi đua I tỉnh Cà Mau, "
        "tài khoản mẫu); chạy lại không thay đổi gì."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--logins",
            action="store_true",
            help="Chỉ in các tài khoản mẫu và mật khẩu, không nạp dữ liệu.",
        )

    def handle(self, *args, logins: bool = False, **options) -> None:
        if logins:
            self.print_logins()
            return
        try:
            created = DemoLoader().load()
        except DomainError as error:
            raise CommandError(error.message) from error
        if not created:
            self.stdout.write("Dữ liệu mẫu đã có sẵn; không thay đổi gì.")
            return
        counts = ", ".join(
            f"{created[key]} {label}" for key, label in LABELS.items() if created[key]
        )
        self.stdout.write(self.style.SUCCESS(f"Đã nạp dữ liệu mẫu: {counts}."))
        self.stdout.write("Xem các tài khoản mẫu: manage.py load_demo --logins")

    def print_logins(self) -> None:
        """Print the demo usernames, their roles and the shared password."""
        rows = demo.demo_logins()
        width = max(len(username) for username, _ in rows)
        self.stdout.write(f"Tài khoản mẫu (mật khẩu chung: {settings.DEMO_PASSWORD})")
        for username, role in rows:
            self.stdout.write(f"  {username.ljust(width)}  {role}")


class DemoLoader:
    """Create whatever part of the demo data is missing, through the services."""

    def __init__(self) -> None:
        self.created: Counter[str] = Counter()
        self.provinces: dict[str, Province] = {}
        self.units: dict[tuple[str, str], Unit] = {}

    @transaction.atomic
    def load(self) -> Counter[str]:
        """Load everything in one transaction and return how many of each kind were created."""
        for spec in demo.PROVINCES:
            province = self.province(spec)
            for unit_spec in spec.units:
                self.units[spec.code, unit_spec.key] = self.unit(province, unit_spec)
        for spec in demo.BLOCS:
            self.bloc(spec)
        for spec in demo.USERS:
            self.user(spec)
        return self.created

    def province(self, spec: demo.DemoProvince) -> Province:
        province = Province.objects.filter(code=spec.code).first()
        if province is None:
            # Provinces and units have no create service (the admin creates them), so validate here.
            province = Province(code=spec.code, name=spec.name, board_name=spec.board_name)
            clean_or_refuse(province)
            province.save()
            self.created["province"] += 1
        self.provinces[spec.code] = province
        return province

    def unit(self, province: Province, spec: demo.DemoUnit) -> Unit:
        # A unit loaded before is found under its 2020 name or, once renamed, its current one.
        names = {spec.full_name, spec.current_full_name}
        unit = Unit.objects.filter(province=province, full_name__in=names).first()
        if unit is None:
            unit = Unit(
                province=province,
                short_name=spec.short_name,
                full_name=spec.full_name,
                abbreviation=spec.abbreviation,
                address=spec.address,
            )
            clean_or_refuse(unit)
            unit.save()
            self.created["unit"] += 1
        if spec.renamed and unit.full_name != spec.renamed.full_name:
            unit = unit_rename(
                unit=unit,
                effective=spec.renamed.effective,
                short_name=spec.renamed.short_name,
                full_name=spec.renamed.full_name,
                abbreviation=spec.renamed.abbreviation,
                basis=spec.renamed.basis,
            )
            self.created["rename"] += 1
        return unit

    def bloc(self, spec: demo.DemoBloc) -> Bloc:
        province = self.provinces[spec.province]
        bloc = Bloc.objects.filter(province=province, name=spec.name).first()
        if bloc is None:
            bloc = bloc_create(
                province=province,
                name=spec.name,
                symbol=spec.symbol,
                kind=Bloc.Kind.BLOC,
                rotation=[self.units[spec.province, key] for key in spec.rotation],
            )
            self.created["bloc"] += 1
        for year_spec in spec.years:
            self.bloc_year(bloc, spec.province, year_spec)
        return bloc

    def bloc_year(self, bloc: Bloc, province_code: str, spec: demo.DemoYear) -> BlocYear:
        bloc_year = BlocYear.objects.filter(bloc=bloc, year=spec.year).first()
        if bloc_year is None:
            bloc_year = bloc_year_create(bloc=bloc, year=spec.year, **spec.settings)
            self.created["bloc_year"] += 1
        present = set(bloc_year.memberships.values_list("unit_id", flat=True))
        for key in spec.members:
            unit = self.units[province_code, key]
            if unit.pk not in present:
                membership_add(bloc_year=bloc_year, unit=unit)
                self.created["membership"] += 1
        # Leaders someone has already set (here or in the app) are theirs: never overwrite them.
        if not bloc_year.memberships.filter(role=Membership.Role.HEAD).exists():
            self.leadership(bloc_year, province_code, spec)
        return bloc_year

    def leadership(self, bloc_year: BlocYear, province_code: str, spec: demo.DemoYear) -> None:
        decision = None
        if spec.decision is not None:
            decision = leadership_decision_record(
                province=self.provinces[province_code],
                number=spec.decision.number,
                date=spec.decision.date,
                signer=spec.decision.signer,
                subject=spec.decision.subject,
            )
        leadership_set(
            bloc_year=bloc_year,
            head=self.units[province_code, spec.head],
            deputies=[self.units[province_code, key] for key in spec.deputies],
            basis=spec.basis,
            decision=decision,
            elected_on=spec.elected_on,
        )
        self.created["leadership"] += 1

    def user(self, spec: demo.DemoUser) -> None:
        if User.objects.filter(username=spec.username).exists():
            return
        user = User(
            username=spec.username,
            full_name=spec.full_name,
            job_title=spec.job_title,
            province=self.provinces[spec.province] if spec.province else None,
            unit=self.units[spec.unit] if spec.unit else None,
            is_national=spec.is_admin,
            is_staff=spec.is_admin,
            is_superuser=spec.is_admin,
        )
        user.set_password(settings.DEMO_PASSWORD)
        clean_or_refuse(user)
        user.save()
        self.created["user"] += 1
