"""The facts that bear on a nomination: gathered by `unit_facts`, shown where units are nominated.

Công an tỉnh (H) received the provincial flag for 2024 and 2021, a flag downgraded to the
certificate of merit for 2023 and a flag for 2019; its 2022 nomination was rejected. In 2025 it
registered for the flag, scored 80 against Viện kiểm sát's (D) 90 and got every vote for the
flag at the year-end conference.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import gettext

from awards.models import AwardType, Ballot, BallotVote, Decision, Nomination
from awards.selectors.facts import nomination_facts, unit_facts
from awards.services.ballots import ballot_save
from awards.services.scores import criterion_create, scores_save
from blocs.models import BlocYear
from meetings.models import Attendance, Meeting
from meetings.services import meetings as meeting_services
from tests.factories import (
    AwardRulesFactory,
    AwardTypeFactory,
    BlocYearFactory,
    BoardUserFactory,
    MembershipFactory,
    ProvinceFactory,
    RegistrationFactory,
    UnitUserFactory,
)

pytestmark = pytest.mark.django_db

NOT_REGISTERED = "The unit did not register for this award at the start of the year."


def awarded(unit, bloc, year, award_type, *, status="approved", decided=None, number=None):
    """Record a nomination of an earlier year with its outcome in a decision of the next."""
    bloc_year = BlocYear.objects.filter(bloc=bloc, year=year).first() or BlocYearFactory(
        bloc=bloc, year=year, state="closed"
    )
    membership = MembershipFactory(bloc_year=bloc_year, unit=unit)
    decision = Decision.objects.create(
        province=bloc.province,
        number=number or f"{year}/QĐ-UBND",
        date=datetime.date(year + 1, 3, 1),
        signer="Chủ tịch UBND tỉnh",
    )
    return Nomination.objects.create(
        bloc_year=bloc_year,
        membership=membership,
        unit=unit,
        award_type=award_type,
        reason="Thành tích xuất sắc",
        status=status,
        decided_award_type=decided,
        decision=decision,
    )


@pytest.fixture
def history(bloc_1, unit_h, proposable):
    flag, merit = proposable
    awarded(unit_h, bloc_1, 2024, flag, number="123/QĐ-UBND")
    awarded(unit_h, bloc_1, 2023, flag, status="downgraded", decided=merit)
    awarded(unit_h, bloc_1, 2022, flag, status="rejected")
    awarded(unit_h, bloc_1, 2021, flag)
    awarded(unit_h, bloc_1, 2019, flag)


@pytest.fixture
def scored(bloc_year_1, unit_h, unit_d):
    section = criterion_create(bloc_year=bloc_year_1, title="I", max_points=0)
    item = criterion_create(bloc_year=bloc_year_1, parent=section, title="A", max_points=100)
    for unit, points in ((unit_h, 80), (unit_d, 90)):
        scores_save(
            membership=unit.memberships.get(bloc_year=bloc_year_1),
            which="bloc_score",
            values={item.pk: Decimal(points)},
        )


@pytest.fixture
def voted(bloc_year_1, proposable, unit_h, unit_d, unit_m):
    flag, merit = proposable
    meeting = meeting_services.meeting_create(
        bloc_year=bloc_year_1,
        kind=Meeting.Kind.YEAR_END,
        title="Hội nghị tổng kết năm 2025",
        date=datetime.date(2026, 1, 20),
        host_unit=unit_h,
    )
    for unit in (unit_h, unit_d, unit_m):
        Attendance.objects.create(meeting=meeting, unit=unit, present=True)
    return ballot_save(
        meeting=meeting,
        round_number=1,
        issued=3,
        returned=3,
        valid=3,
        invalid=0,
        votes={(unit_h.pk, flag.pk): 3, (unit_d.pk, merit.pk): 2, (unit_m.pk, merit.pk): 1},
    )


@pytest.fixture
def everything(history, scored, voted, registration_h, registration_m):
    return None


class TestTheFacts:
    def test_past_awards_count_what_was_awarded_before_the_year(
        self, everything, bloc_year_1, bloc_1, unit_h, proposable
    ):
        flag, merit = proposable
        awarded(unit_h, bloc_1, 2026, flag)  # a later year does not bear on 2025
        facts = unit_facts(bloc_year_1, [unit_h])[unit_h.pk]
        assert [(a.year, a.award_type.kind) for a in facts.past_awards] == [
            (2024, "flag"),
            (2023, "merit"),
            (2021, "flag"),
            (2019, "flag"),
        ]
        latest = facts.past_awards[0]
        assert (latest.decision.number, latest.decision.date) == (
            "123/QĐ-UBND",
            datetime.date(2025, 3, 1),
        )
        assert facts.past_awards[1].downgraded
        # 2023's flag became a certificate of merit; 2019 is more than five years back.
        assert (facts.flags_last_2_years, facts.flags_last_5_years) == (1, 2)

    def test_registrations_score_and_votes_of_the_year(
        self, everything, bloc_year_1, unit_h, unit_d, unit_m, proposable
    ):
        flag, merit = proposable
        facts = unit_facts(bloc_year_1, [unit_h, unit_d.pk, unit_m])
        h, d, m = facts[unit_h.pk], facts[unit_d.pk], facts[unit_m.pk]
        assert [r.award_type.pk for r in h.registrations] == [flag.pk]
        assert [r.document_number for r in m.registrations] == ["5/ĐK"]
        assert (d.rank, h.rank, m.rank, h.ranked_count) == (1, 2, 3, 3)
        assert (h.bloc_total, m.bloc_total) == (Decimal("80"), Decimal("0"))
        assert [(v.award_type.pk, v.votes, v.percent, v.round_number) for v in h.votes] == [
            (flag.pk, 3, 100, 1)
        ]
        assert round(d.votes[0].percent, 2) == 66.67
        assert (h.proposal.award_type.pk, d.proposal.award_type.pk) == (flag.pk, merit.pk)
        assert m.proposal is None  # 1 vote of 3 does not pass

    def test_a_unit_nominated_for_what_it_did_not_register_is_warned(
        self, everything, bloc_year_1, unit_h, unit_m, proposable
    ):
        flag, merit = proposable
        facts = unit_facts(bloc_year_1, [unit_h, unit_m])
        assert facts[unit_h.pk].about(flag).warnings == []
        assert facts[unit_h.pk].about(flag).registered is True
        warnings = facts[unit_h.pk].about(merit).warnings
        assert gettext(NOT_REGISTERED) in warnings
        assert (
            gettext("The conference's vote proposes it for %(award)s.") % {"award": flag.label}
            in warnings
        )
        assert facts[unit_m.pk].about(merit).warnings == []

    def test_a_year_without_scores_or_ballots_has_no_rank_and_no_votes(self, bloc_year_1, unit_h):
        facts = unit_facts(bloc_year_1, [unit_h])[unit_h.pk]
        assert (facts.rank, facts.bloc_total, facts.votes, facts.proposal) == (None, None, [], None)
        assert (facts.past_awards, facts.registrations) == ([], [])
        assert unit_facts(bloc_year_1, []) == {}

    def test_nomination_facts_are_about_each_nominations_award(
        self, everything, bloc_year_1, unit_h, proposable, province_a
    ):
        flag, merit = proposable
        nomination = Nomination.objects.create(
            bloc_year=bloc_year_1,
            membership=unit_h.memberships.get(bloc_year=bloc_year_1),
            unit=unit_h,
            award_type=merit,
            reason="Lý do",
        )
        facts = nomination_facts(
            Nomination.objects.filter(pk=nomination.pk).select_related("bloc_year", "award_type")
        )[nomination.pk]
        assert facts.award_type == merit
        assert gettext(NOT_REGISTERED) in facts.warnings


def build_bloc(*, members: int, past_years: int, province=None) -> SimpleNamespace:
    """Build a 2025 bloc-year whose every member has past awards, registrations, scores, votes.

    Each member won the flag in each of the past years, registered for the flag, was scored on
    two criteria, got votes in a two-round ballot and is nominated (submitted) for the merit.
    """
    province = province or ProvinceFactory()
    flag = AwardTypeFactory(province=province, kind=AwardType.Kind.FLAG, position=1)
    merit = AwardTypeFactory(province=province, kind=AwardType.Kind.MERIT, position=2)
    bloc_year = BlocYearFactory(bloc__province=province, year=2025, merit_quota=members)
    memberships = [MembershipFactory(bloc_year=bloc_year, head=(i == 0)) for i in range(members)]
    for year in range(2025 - past_years, 2025):
        for membership in memberships:
            awarded(membership.unit, bloc_year.bloc, year, flag)
    section = criterion_create(bloc_year=bloc_year, title="I", max_points=0)
    items = [
        criterion_create(bloc_year=bloc_year, parent=section, title=t, max_points=50) for t in "AB"
    ]
    meeting = meeting_services.meeting_create(
        bloc_year=bloc_year,
        kind=Meeting.Kind.YEAR_END,
        title="Hội nghị tổng kết",
        date=datetime.date(2026, 1, 20),
        host_unit=memberships[0].unit,
    )
    rounds = [
        Ballot.objects.create(
            meeting=meeting,
            round_number=n,
            issued=members,
            returned=members,
            valid=members,
            invalid=0,
        )
        for n in (1, 2)
    ]
    for i, membership in enumerate(memberships):
        RegistrationFactory(membership=membership, award_type=flag)
        scores_save(
            membership=membership,
            which="bloc_score",
            values={item.pk: Decimal(i % 50) for item in items},
        )
        for ballot in rounds:
            BallotVote.objects.create(
                ballot=ballot, unit=membership.unit, award_type=merit, votes=members
            )
        Nomination.objects.create(
            bloc_year=bloc_year,
            membership=membership,
            unit=membership.unit,
            award_type=merit,
            ballot=rounds[0],
            status="submitted",
        )
    return SimpleNamespace(
        province=province,
        bloc_year=bloc_year,
        units=[m.unit for m in memberships],
        board=BoardUserFactory(province=province),
        secretariat=UnitUserFactory(unit=memberships[0].unit),
        member_staff=UnitUserFactory(unit=memberships[1].unit),
    )


SMALL = {"members": 3, "past_years": 2}
LARGE = {"members": 30, "past_years": 5}


def test_the_facts_cost_the_same_queries_for_ten_times_the_units_and_data():
    small = build_bloc(**SMALL)
    with CaptureQueriesContext(connection) as few:
        unit_facts(small.bloc_year, small.units)
    large = build_bloc(**LARGE)
    with CaptureQueriesContext(connection) as many:
        facts = unit_facts(large.bloc_year, large.units)
    assert len(few) <= 7
    assert len(many) == len(few)
    assert all(f.flags_last_5_years == 5 and f.rank for f in facts.values())


def list_url(bloc_year) -> str:
    return reverse("awards:nomination_list", args=[bloc_year.bloc_id, bloc_year.year])


def province_url(year: int = 2025) -> str:
    return reverse("awards:province_nominations", args=[year])


class TestThePages:
    @pytest.fixture
    def nominated(self, everything, bloc_year_1, unit_h, unit_d, proposable):
        """H nominated for the merit (it registered for the flag), D for the merit it won."""
        _flag, merit = proposable
        for unit in (unit_h, unit_d):
            Nomination.objects.create(
                bloc_year=bloc_year_1,
                membership=unit.memberships.get(bloc_year=bloc_year_1),
                unit=unit,
                award_type=merit,
                reason="Lý do",
            )

    def test_the_nominations_page_shows_the_facts_beside_each_nominee(
        self, nominated, client_for, member_staff, bloc_year_1, unit_h, unit_d
    ):
        response = client_for(member_staff).get(list_url(bloc_year_1))
        assert response.status_code == 200
        page = response.content.decode()
        assert f'data-unit="{unit_h.pk}"' in page
        assert f'data-unit="{unit_d.pk}"' in page
        assert "123/QĐ-UBND" in page
        assert page.count(gettext(NOT_REGISTERED)) == 2  # neither registered for the merit
        by_unit = {n.unit_id: n.facts for n in response.context["nominations"]}
        assert by_unit[unit_h.pk].flags_last_2_years == 1

    def test_choosing_a_unit_on_the_form_loads_its_facts_alone(
        self, everything, client_for, secretariat, bloc_year_1, unit_h, proposable
    ):
        _flag, merit = proposable
        response = client_for(secretariat).get(
            list_url(bloc_year_1),
            {"unit": unit_h.pk, "award_type": merit.pk},
            headers={"HX-Request": "true"},
        )
        assert response.status_code == 200
        fragment = response.content.decode()
        assert fragment.lstrip().startswith('<div id="nomination-facts"')
        assert "<table" not in fragment
        assert f'data-unit="{unit_h.pk}"' in fragment
        assert gettext(NOT_REGISTERED) in fragment

    def test_the_form_asks_for_the_facts_when_the_unit_changes(
        self, client_for, secretariat, bloc_year_1, province_a, proposable
    ):
        AwardRulesFactory(province=province_a, nomination_without_ballot=True)
        page = client_for(secretariat).get(list_url(bloc_year_1)).content.decode()
        assert f'hx-get="{list_url(bloc_year_1)}"' in page
        assert 'hx-target="#nomination-facts"' in page

    def test_a_unit_outside_the_bloc_year_gets_no_facts(
        self, everything, client_for, secretariat, bloc_year_1, unit_o
    ):
        response = client_for(secretariat).get(
            list_url(bloc_year_1), {"unit": unit_o.pk}, headers={"HX-Request": "true"}
        )
        assert response.status_code == 200
        assert "data-unit" not in response.content.decode()

    def test_an_outsider_gets_no_facts(self, everything, client_for, other_bloc_staff, bloc_year_1):
        response = client_for(other_bloc_staff).get(
            list_url(bloc_year_1), {"unit": 1}, headers={"HX-Request": "true"}
        )
        assert response.status_code == 404

    def test_a_refused_nomination_keeps_the_chosen_units_facts(
        self, everything, client_for, secretariat, bloc_year_1, province_a, unit_h, proposable
    ):
        """The rules do not allow a nomination without a ballot: H's facts stay beside the form."""
        _flag, merit = proposable
        data = {"unit": unit_h.pk, "award_type": merit.pk, "reason": "Lý do riêng"}
        response = client_for(secretariat).post(list_url(bloc_year_1), data)
        assert response.status_code == 200
        assert response.context["form_facts"].unit_id == unit_h.pk
        assert "Lý do riêng" in response.content.decode()
        assert not Nomination.objects.filter(bloc_year=bloc_year_1).exists()

    def test_the_board_sees_the_facts_of_each_nomination_of_its_province(
        self, nominated, client_for, board, unit_h
    ):
        response = client_for(board).get(province_url())
        assert response.status_code == 200
        page = response.content.decode()
        assert f'data-unit="{unit_h.pk}"' in page
        assert "123/QĐ-UBND" in page
        facts = {n.unit_id: n.facts for n in response.context["nominations"]}
        assert gettext(NOT_REGISTERED) in facts[unit_h.pk].warnings


# The most queries each page may make, whatever the size of the data. The facts cost 7 of them
# (past awards, registrations, criteria, members, scores, rounds, votes); the rest is the
# page's own: session and user, the bloc-year and the rights, the nominations and their names,
# the ballots, the rules and the form's choices for writers, and the dossier box below the list.
PINNED = {
    ("nominations", "board"): 24,
    ("nominations", "secretariat"): 27,
    ("nominations", "member_staff"): 26,
    ("province", "board"): 14,
}


def page_url(page_name: str, world: SimpleNamespace) -> str:
    return list_url(world.bloc_year) if page_name == "nominations" else province_url()


@pytest.mark.parametrize(
    ("page_name", "persona"), list(PINNED), ids=[f"{p} as {w}" for p, w in PINNED]
)
def test_the_pages_with_facts_make_the_same_queries_for_ten_times_the_data(
    client_for, django_assert_max_num_queries, page_name, persona
):
    small = build_bloc(**SMALL)
    client = client_for(getattr(small, persona))
    assert client.get(page_url(page_name, small)).status_code == 200
    with django_assert_max_num_queries(PINNED[page_name, persona]) as few:
        client.get(page_url(page_name, small))

    large = build_bloc(**LARGE)
    for _ in range(2):  # more blocs of the same province for the board's page
        build_bloc(**LARGE, province=large.province)
    client = client_for(getattr(large, persona))
    assert client.get(page_url(page_name, large)).status_code == 200
    with CaptureQueriesContext(connection) as many:
        client.get(page_url(page_name, large))
    assert len(many) == len(few.captured_queries)
