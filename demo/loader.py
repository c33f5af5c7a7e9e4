"""Load the demo data through the services, lower floors first; what exists is left alone."""

from __future__ import annotations

from collections import Counter

from django.conf import settings
from django.db import transaction

from awards.services.award_types import award_types_ensure_defaults
from blocs.models import Bloc, BlocYear, CalendarDate, Membership, Plan, Pledge
from blocs.services.blocs import bloc_create, bloc_year_create
from blocs.services.calendar import calendar_rows, calendar_save
from blocs.services.leadership import leadership_decision_record, leadership_set
from blocs.services.members import member_add
from blocs.services.plan import plan_save
from blocs.services.pledge import pledge_items_save, pledge_save, pledge_sign
from core.services import clean_or_refuse
from demo import conferences, outcomes, regulations, seeds
from units.models import Notification, Province, Unit, User
from units.services.units import unit_rename


class DemoLoader:
    """Create whatever provinces, units, blocs, users, plans and pledges of the demo are missing."""

    def __init__(self) -> None:
        self.created: Counter[str] = Counter()
        self.provinces: dict[str, Province] = {}
        self.units: dict[tuple[str, str], Unit] = {}

    def load(self) -> Counter[str]:
        """Load the seed blocs and return how many of each kind were created."""
        for spec in seeds.PROVINCES:
            province = self.province(spec)
            for unit_spec in spec.units:
                self.units[spec.code, unit_spec.key] = self.unit(province, unit_spec)
        for spec in seeds.BLOCS:
            self.bloc(spec)
        for spec in seeds.USERS:
            self.user(spec)
        for spec in seeds.PLANS:
            self.plan(spec)
        for spec in seeds.PLEDGES:
            self.pledge(spec)
        return self.created

    def year_of(self, province: str, bloc: str, year: int) -> BlocYear:
        return BlocYear.objects.get(bloc__province__code=province, bloc__name=bloc, year=year)

    def plan(self, spec: seeds.DemoPlan) -> None:
        bloc_year = self.year_of(spec.province, spec.bloc, spec.year)
        if Plan.objects.filter(bloc_year=bloc_year).exists():
            return
        plan_save(
            bloc_year=bloc_year,
            version=0,
            number=spec.number,
            issued_on=spec.issued_on,
            subject=spec.subject,
            basis=spec.basis,
            content=spec.content,
        )
        self.created["plan"] += 1

    def pledge(self, spec: seeds.DemoPledge) -> None:
        bloc_year = self.year_of(spec.province, spec.bloc, spec.year)
        if Pledge.objects.filter(bloc_year=bloc_year).exists():
            return
        pledge = pledge_save(
            bloc_year=bloc_year,
            version=0,
            title=spec.title,
            preamble=spec.preamble,
            signed_on=spec.signed_on,
            place=spec.place,
        )
        pledge = pledge_items_save(
            pledge=pledge,
            version=pledge.version,
            items=[{"content": content, "target": target} for content, target in spec.items],
        )
        keys = {unit.pk: key for (code, key), unit in self.units.items() if code == spec.province}
        for membership in bloc_year.memberships.select_related("unit"):
            name, title = spec.named_signatories.get(keys.get(membership.unit_id), ("", ""))
            pledge_sign(
                pledge=pledge,
                membership=membership,
                signatory_name=name,
                signatory_title=title,
                signed_on=spec.signed_on,
            )
        self.created["pledge"] += 1

    def province(self, spec: seeds.DemoProvince) -> Province:
        province = Province.objects.filter(code=spec.code).first()
        if province is None:
            # Provinces and units have no create service (the admin creates them), so validate here.
            province = Province(code=spec.code, name=spec.name, board_name=spec.board_name)
            clean_or_refuse(province)
            province.save()
            self.created["province"] += 1
        self.provinces[spec.code] = province
        return province

    def unit(self, province: Province, spec: seeds.DemoUnit) -> Unit:
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

    def bloc(self, spec: seeds.DemoBloc) -> Bloc:
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

    def bloc_year(self, bloc: Bloc, province_code: str, spec: seeds.DemoYear) -> BlocYear:
        bloc_year = BlocYear.objects.filter(bloc=bloc, year=spec.year).first()
        if bloc_year is None:
            bloc_year = bloc_year_create(bloc=bloc, year=spec.year, **spec.settings)
            self.created["bloc_year"] += 1
        present = set(bloc_year.memberships.values_list("unit_id", flat=True))
        for key in spec.members:
            unit = self.units[province_code, key]
            if unit.pk not in present:
                member_add(bloc_year=bloc_year, unit=unit)
                self.created["membership"] += 1
        # Leaders someone has already set (here or in the app) are theirs: never overwrite them.
        if not bloc_year.memberships.filter(role=Membership.Role.HEAD).exists():
            self.leadership(bloc_year, province_code, spec)
        return bloc_year

    def leadership(self, bloc_year: BlocYear, province_code: str, spec: seeds.DemoYear) -> None:
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

    def user(self, spec: seeds.DemoUser) -> None:
        if User.objects.filter(username=spec.username).exists():
            return
        user = User(
            username=spec.username,
            full_name=spec.full_name,
            job_title=spec.job_title,
            # A reserved domain: the demo's mails go nowhere real.
            email=f"{spec.username}@khoithidua.example",
            province=self.provinces[spec.province] if spec.province else None,
            unit=self.units[spec.unit] if spec.unit else None,
            is_national=spec.national,
            is_staff=spec.it_admin,
            is_superuser=spec.it_admin,
        )
        user.set_password(settings.DEMO_PASSWORD)
        clean_or_refuse(user)
        user.save()
        self.created["user"] += 1


def _blocs_and_people(created: Counter[str]) -> None:
    created.update(DemoLoader().load())


def _conferences(created: Counter[str]) -> None:
    conferences.load(created, documents=False)


def _award_types(created: Counter[str]) -> None:
    for province in Province.objects.all():
        created["award_type"] += len(award_types_ensure_defaults(province=province))


def _regulations(created: Counter[str]) -> None:
    regulations.load(created)


def _ballots(created: Counter[str]) -> None:
    outcomes.record_ballots(created)


def _documents(created: Counter[str]) -> None:
    conferences.issue_documents(created)


def _proposals(created: Counter[str]) -> None:
    outcomes.record_proposals(created)


def _calendars(created: Counter[str]) -> None:
    """Give each demo province the calendar provinces commonly set, for each of its years."""
    years = BlocYear.objects.values_list("bloc__province_id", "year").distinct()
    for province_id, year in years.order_by("bloc__province_id", "year"):
        province = Province.objects.get(pk=province_id)
        if CalendarDate.objects.filter(province=province, year=year).exists():
            continue
        rows, _source = calendar_rows(province=province, year=year)
        calendar_save(province=province, year=year, rows=rows)
        created["calendar"] += 1


# The conferences' minutes carry their ballots, and the bloc submits after the conference.
STEPS = (
    _blocs_and_people,
    _calendars,
    _conferences,
    _award_types,
    _regulations,
    _ballots,
    _documents,
    _proposals,
)


@transaction.atomic
def demo_load() -> Counter[str]:
    """Load every step of the demo in one transaction; return how many of each kind were
    created (nothing on a second run)."""
    created: Counter[str] = Counter()
    told = Notification.objects.count()
    for step in STEPS:
        step(created)
    # The dossiers sent and decided told the board and the secretariats, as they would.
    created["notification"] += Notification.objects.count() - told
    return +created
