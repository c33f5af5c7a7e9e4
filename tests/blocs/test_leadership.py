"""Setting a bloc-year's head and deputies: confirming the rotation proposal, recording the
election, recording a provincial decision; who may; the leadership history; the province page."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from blocs.models import BlocYear, LeadershipDecision, Membership, RotationSlot
from blocs.services.leadership import leadership_set, leadership_version
from core.errors import DomainError
from tests.factories import (
    BlocFactory,
    BlocYearFactory,
    BoardUserFactory,
    LeadershipDecisionFactory,
    MembershipFactory,
    NationalUserFactory,
    ProvinceFactory,
    UnitFactory,
    UnitNameFactory,
)
from tests.personas import PERSONAS, matrix

pytestmark = pytest.mark.django_db


@pytest.fixture
def year_2026(bloc_1, unit_h, unit_d, unit_m):
    """Bloc 1 in 2026, opened with H, D and M and no leaders yet; its order is H, D, M.

    2025's head H and deputy D are the secretariat that elects 2026's leaders; the rule
    proposes D (2025's first deputy) as head and M as deputy.
    """
    for position, unit in enumerate([unit_h, unit_d, unit_m], start=1):
        RotationSlot.objects.create(bloc=bloc_1, unit=unit, position=position)
    bloc_year = BlocYearFactory(bloc=bloc_1, year=2026, max_deputies=2)
    for unit in (unit_h, unit_d, unit_m):
        MembershipFactory(bloc_year=bloc_year, unit=unit)
    return bloc_year


def url(name: str, bloc_year: BlocYear) -> str:
    return reverse(f"blocs:{name}", args=[bloc_year.bloc_id, bloc_year.year])


def version_of(bloc_year: BlocYear) -> str:
    return leadership_version(bloc_year.memberships.all())


def leaders(bloc_year: BlocYear) -> tuple:
    """Return (head abbreviation, [deputy abbreviations], head basis) as stored."""
    bloc_year = BlocYear.objects.get(pk=bloc_year.pk)
    head = bloc_year.head
    return (
        head.unit.abbreviation if head else None,
        [d.unit.abbreviation for d in bloc_year.deputies],
        head.basis if head else None,
    )


def confirm_data(bloc_year, head, deputies, *, chosen=None, **extra) -> dict:
    """The confirmation as the page sends it: the proposal seen, and the deputies chosen (the
    proposed ones unless `chosen` says otherwise)."""
    chosen = deputies if chosen is None else chosen
    return {
        "confirm-head": head.pk,
        "confirm-deputies": ",".join(str(u.pk) for u in deputies),
        **{f"confirm-deputy_{rank}": u.pk for rank, u in enumerate(chosen, start=1)},
        "confirm-agreed_on": "",
        "confirm-version": version_of(bloc_year),
        **extra,
    }


def election_data(bloc_year, head, deputies=(), **extra) -> dict:
    data = {
        "elect-head": head.pk,
        "elect-elected_on": "2025-12-20",
        "elect-version": version_of(bloc_year),
    }
    for rank, unit in enumerate(deputies, start=1):
        data[f"elect-deputy_{rank}"] = unit.pk
    return {**data, **extra}


def decision_data(bloc_year, head, deputies=(), **extra) -> dict:
    data = {
        "decide-number": "15/QĐ-UBND",
        "decide-date": "2026-01-10",
        "decide-signer": "Chủ tịch UBND tỉnh",
        "decide-subject": "Phân công Trưởng, Phó các Khối thi đua năm 2026",
        "decide-head": head.pk,
        "decide-version": version_of(bloc_year),
    }
    for rank, unit in enumerate(deputies, start=1):
        data[f"decide-deputy_{rank}"] = unit.pk
    return {**data, **extra}


# Each action: what it sends for D head, M deputy, and who may.
ACTIONS = {
    "leadership_confirm": confirm_data,
    "leadership_elect": election_data,
    "leadership_decide": decision_data,
}
BASIS = {
    "leadership_confirm": Membership.Basis.ROTATION,
    "leadership_elect": Membership.Basis.ELECTED,
    "leadership_decide": Membership.Basis.DECISION,
}
#                        board  secr  depu  memb  oblc  oprv  opbd  natl
WHO = {
    "leadership_confirm": (302, 302, 302, 403, 404, 404, 404, 403),
    "leadership_elect":   (302, 302, 302, 403, 404, 404, 404, 403),
    "leadership_decide":  (302, 403, 403, 403, 404, 404, 404, 403),
}  # fmt: skip


@pytest.mark.parametrize(("action", "persona", "status"), matrix(WHO))
def test_who_may_set_the_leadership_which_way(
    request, year_2026, unit_d, unit_m, client_for, action, persona, status
):
    client = client_for(request.getfixturevalue(persona))

    response = client.post(url(action, year_2026), ACTIONS[action](year_2026, unit_d, [unit_m]))

    assert response.status_code == status
    if status == 302:
        assert response.url == url("blocyear_leadership", year_2026)
        assert leaders(year_2026) == ("VKSND", ["Sở TP"], BASIS[action])
    else:
        assert leaders(year_2026) == (None, [], None)


@pytest.mark.parametrize("action", list(ACTIONS))
def test_each_action_refuses_get(year_2026, board, client_for, action):
    assert client_for(board).get(url(action, year_2026)).status_code == 405


@pytest.mark.parametrize("action", ["leadership_confirm", "leadership_elect"])
def test_the_previous_secretariat_cannot_change_a_closed_year_but_the_board_can(
    year_2026, unit_d, unit_m, secretariat, board, client_for, action
):
    BlocYear.objects.filter(pk=year_2026.pk).update(state=BlocYear.State.CLOSED)
    data = ACTIONS[action](year_2026, unit_d, [unit_m])

    assert client_for(secretariat).post(url(action, year_2026), data).status_code == 403
    assert leaders(year_2026) == (None, [], None)
    assert client_for(board).post(url(action, year_2026), data).status_code == 302
    assert leaders(year_2026)[0] == "VKSND"


def test_this_years_own_head_is_not_the_secretariat_that_sets_it(
    year_2026, unit_h, unit_m, unit_d, client_for, secretariat
):
    # H led 2025, so it may set 2026; 2025's leaders are set by 2024's secretariat or the board.
    response = client_for(secretariat).post(
        url("leadership_elect", BlocYear.objects.get(bloc=year_2026.bloc, year=2025)),
        election_data(year_2026, unit_h, [unit_d]),
    )

    assert response.status_code == 403


class TestConfirmProposal:
    def test_it_stores_the_proposal_by_the_rotation_rules_with_the_conference_date(
        self, year_2026, unit_d, unit_m, board, client_for
    ):
        data = confirm_data(year_2026, unit_d, [unit_m], **{"confirm-agreed_on": "2025-12-20"})

        client_for(board).post(url("leadership_confirm", year_2026), data)

        head = BlocYear.objects.get(pk=year_2026.pk).head
        assert (head.unit, head.basis, head.elected_on) == (
            unit_d,
            Membership.Basis.ROTATION,
            datetime.date(2025, 12, 20),
        )

    def test_the_proposed_head_with_another_deputy_each_with_its_own_basis(
        self, year_2026, unit_d, unit_m, unit_h, board, client_for
    ):
        data = confirm_data(
            year_2026, unit_d, [unit_m], chosen=[unit_h], **{"confirm-agreed_on": "2025-12-20"}
        )

        client_for(board).post(url("leadership_confirm", year_2026), data)

        year = BlocYear.objects.get(pk=year_2026.pk)
        assert (year.head.unit, year.head.basis) == (unit_d, Membership.Basis.ROTATION)
        assert [(d.unit, d.basis) for d in year.deputies] == [(unit_h, Membership.Basis.ELECTED)]

    def test_the_proposed_head_without_a_deputy(self, year_2026, unit_d, unit_m, board, client_for):
        client_for(board).post(
            url("leadership_confirm", year_2026),
            confirm_data(year_2026, unit_d, [unit_m], chosen=[]),
        )

        year = BlocYear.objects.get(pk=year_2026.pk)
        assert (year.head.unit, year.deputies) == (unit_d, [])

    def test_the_form_offers_the_proposed_deputies_to_keep_or_change(
        self, year_2026, unit_m, board, client_for
    ):
        form = client_for(board).get(url("blocyear_leadership", year_2026)).context["confirm_form"]

        assert form["deputy_1"].value() == unit_m.pk

    def test_a_proposal_that_changed_meanwhile_is_refused(
        self, year_2026, unit_h, unit_m, board, client_for
    ):
        with translation.override("en"):
            response = client_for(board).post(
                url("leadership_confirm", year_2026),
                confirm_data(year_2026, unit_m, [unit_h]),
                headers={"accept-language": "en"},
            )

        assert response.status_code == 200
        assert response.context["confirm_form"].non_field_errors() == [
            "The proposal changed since you opened the page: look at it again."
        ]
        assert leaders(year_2026) == (None, [], None)

    def test_the_page_shows_the_proposal_with_its_reasons(self, year_2026, board, client_for):
        with translation.override("en"):
            response = client_for(board).get(
                url("blocyear_leadership", year_2026), headers={"accept-language": "en"}
            )

        proposal = response.context["proposal"]
        assert proposal.head.unit.abbreviation == "VKSND"
        assert [u.abbreviation for u in proposal.deputy_units] == ["Sở TP"]
        assert "First deputy in 2025" in response.content.decode()
        assert response.context["confirm_form"]["head"].value() == proposal.head.unit.pk


class TestElection:
    def test_it_records_head_and_deputies_in_rank_order_with_the_date(
        self, year_2026, unit_h, unit_d, unit_m, secretariat, client_for
    ):
        client_for(secretariat).post(
            url("leadership_elect", year_2026), election_data(year_2026, unit_m, [unit_h, unit_d])
        )

        bloc_year = BlocYear.objects.get(pk=year_2026.pk)
        assert leaders(year_2026) == ("Sở TP", ["CA", "VKSND"], Membership.Basis.ELECTED)
        assert {m.elected_on for m in bloc_year.leaders()} == {datetime.date(2025, 12, 20)}

    def test_a_head_also_named_deputy_is_refused_and_the_form_keeps_what_was_typed(
        self, year_2026, unit_m, board, client_for
    ):
        data = election_data(year_2026, unit_m, [unit_m])

        response = client_for(board).post(url("leadership_elect", year_2026), data)

        assert response.status_code == 200
        form = response.context["election_form"]
        assert "deputy_1" in form.errors
        assert form["head"].value() == str(unit_m.pk)
        assert form["elected_on"].value() == "2025-12-20"
        assert leaders(year_2026) == (None, [], None)

    def test_a_conference_date_outside_the_two_years_is_refused(
        self, year_2026, unit_d, board, client_for
    ):
        data = election_data(year_2026, unit_d, **{"elect-elected_on": "2020-01-26"})

        response = client_for(board).post(url("leadership_elect", year_2026), data)

        assert "elected_on" in response.context["election_form"].errors
        assert leaders(year_2026) == (None, [], None)

    def test_the_choices_are_the_members_only(self, year_2026, unit_o, board, client_for):
        data = election_data(year_2026, unit_o)

        response = client_for(board).post(url("leadership_elect", year_2026), data)

        assert "head" in response.context["election_form"].errors
        assert leaders(year_2026) == (None, [], None)


class TestDecision:
    def test_it_records_the_decision_and_assigns_by_it(
        self, year_2026, unit_d, unit_m, board, client_for
    ):
        client_for(board).post(
            url("leadership_decide", year_2026), decision_data(year_2026, unit_d, [unit_m])
        )

        decision = LeadershipDecision.objects.get(number="15/QĐ-UBND")
        assert (decision.date, decision.signer, decision.province) == (
            datetime.date(2026, 1, 10),
            "Chủ tịch UBND tỉnh",
            year_2026.bloc.province,
        )
        assert {m.decision for m in BlocYear.objects.get(pk=year_2026.pk).leaders()} == {decision}

    def test_the_same_decision_for_a_second_bloc_is_reused(
        self, year_2026, bloc_2, unit_d, unit_m, unit_o, board, client_for
    ):
        other = BlocYearFactory(bloc=bloc_2, year=2026)
        MembershipFactory(bloc_year=other, unit=unit_o)
        client = client_for(board)

        client.post(url("leadership_decide", year_2026), decision_data(year_2026, unit_d))
        client.post(url("leadership_decide", other), decision_data(other, unit_o))

        assert LeadershipDecision.objects.filter(number="15/QĐ-UBND").count() == 1

    def test_input_is_stored_nfc_normalised(self, year_2026, unit_d, board, client_for):
        decomposed = "Chu\u0309 ti\u0323ch UBND ti\u0309nh"

        client_for(board).post(
            url("leadership_decide", year_2026),
            decision_data(year_2026, unit_d, **{"decide-signer": decomposed}),
        )

        assert LeadershipDecision.objects.get().signer == "Chủ tịch UBND tỉnh"


class TestReplacing:
    @pytest.fixture
    def led_2026(self, year_2026, unit_d, unit_m):
        leadership_set(
            bloc_year=year_2026, head=unit_d, deputies=[unit_m], basis=Membership.Basis.ELECTED
        )
        return year_2026

    def test_it_asks_for_confirmation_before_replacing(
        self, led_2026, unit_h, unit_m, board, client_for
    ):
        response = client_for(board).post(
            url("leadership_elect", led_2026), election_data(led_2026, unit_m, [unit_h])
        )

        assert response.status_code == 200
        assert "replace" in response.context["election_form"].errors
        assert leaders(led_2026) == ("VKSND", ["Sở TP"], Membership.Basis.ELECTED)

    def test_with_the_confirmation_it_replaces_and_keeps_the_history(
        self, led_2026, unit_h, unit_m, board, client_for
    ):
        before = Membership.history.filter(bloc_year_id=led_2026.pk).count()
        data = election_data(led_2026, unit_m, [unit_h], **{"elect-replace": "on"})

        response = client_for(board).post(url("leadership_elect", led_2026), data)

        assert response.status_code == 302
        assert leaders(led_2026) == ("Sở TP", ["CA"], Membership.Basis.ELECTED)
        assert Membership.history.filter(bloc_year_id=led_2026.pk).count() > before
        page = client_for(board).get(url("blocyear_leadership", led_2026))
        assert page.context["history"]

    def test_a_stale_version_is_refused_and_changes_nothing(
        self, led_2026, unit_h, unit_d, unit_m, board, client_for
    ):
        stale = election_data(led_2026, unit_h, [unit_d], **{"elect-replace": "on"})
        leadership_set(bloc_year=led_2026, head=unit_m, basis=Membership.Basis.ELECTED)

        response = client_for(board).post(url("leadership_elect", led_2026), stale)

        assert response.status_code == 200
        assert response.context["election_form"].non_field_errors()
        assert leaders(led_2026) == ("Sở TP", [], Membership.Basis.ELECTED)

    def test_the_service_saves_only_what_changes(self, led_2026, unit_d, unit_h):
        before = Membership.history.filter(bloc_year_id=led_2026.pk).count()

        leadership_set(
            bloc_year=led_2026, head=unit_d, deputies=[unit_h], basis=Membership.Basis.ELECTED
        )

        # M leaves the deputy's place and H takes it; D stays head untouched.
        assert Membership.history.filter(bloc_year_id=led_2026.pk).count() == before + 2

    def test_a_leader_who_keeps_its_place_is_saved_once_with_its_new_basis(
        self, led_2026, unit_d, unit_m
    ):
        before = Membership.history.filter(bloc_year_id=led_2026.pk).count()

        leadership_set(
            bloc_year=led_2026,
            head=unit_d,
            deputies=[unit_m],
            basis=Membership.Basis.ELECTED,
            elected_on=datetime.date(2025, 12, 20),
        )

        assert Membership.history.filter(bloc_year_id=led_2026.pk).count() == before + 2
        assert BlocYear.objects.get(pk=led_2026.pk).head.elected_on == datetime.date(2025, 12, 20)

    def test_the_service_refuses_a_stale_version(self, led_2026, unit_h):
        with pytest.raises(DomainError):
            leadership_set(
                bloc_year=led_2026,
                head=unit_h,
                basis=Membership.Basis.ELECTED,
                version="not-the-current-one",
            )

        assert leaders(led_2026)[0] == "VKSND"


class TestLeadershipPage:
    #                 board  secr  depu  memb  oblc  oprv  opbd  natl
    READ = (200, 200, 200, 200, 404, 404, 404, 200)

    @pytest.mark.parametrize(("persona", "status"), list(zip(PERSONAS, READ, strict=True)))
    def test_who_may_read_it(self, request, year_2026, client_for, persona, status):
        client = client_for(request.getfixturevalue(persona))

        assert client.get(url("blocyear_leadership", year_2026)).status_code == status

    def test_a_member_sees_no_form(self, year_2026, member_staff, client_for):
        context = client_for(member_staff).get(url("blocyear_leadership", year_2026)).context

        assert not any(
            name in context for name in ("confirm_form", "election_form", "decision_form")
        )

    def test_the_previous_secretariat_sees_no_decision_form(
        self, year_2026, secretariat, client_for
    ):
        context = client_for(secretariat).get(url("blocyear_leadership", year_2026)).context

        assert "election_form" in context and "confirm_form" in context
        assert "decision_form" not in context

    def test_it_looks_ahead_to_next_year_when_it_is_not_opened(
        self, year_2026, unit_d, unit_m, board, client_for
    ):
        leadership_set(
            bloc_year=year_2026, head=unit_d, deputies=[unit_m], basis=Membership.Basis.ELECTED
        )

        context = client_for(board).get(url("blocyear_leadership", year_2026)).context

        assert context["next_proposal"].head.unit == unit_m

    def test_the_tab_is_in_the_year_navigation(self, bloc_year_1, board, client_for):
        html = client_for(board).get(bloc_year_1.get_absolute_url()).content.decode()

        assert url("blocyear_leadership", bloc_year_1) in html


class TestHistoryPages:
    def test_the_bloc_page_gives_each_years_basis_and_leadership_link(
        self, bloc_1, bloc_year_1, board, client_for
    ):
        with translation.override("en"):
            html = client_for(board).get(bloc_1.get_absolute_url()).content.decode()

        assert "Elected at the conference" in html
        assert url("blocyear_leadership", bloc_year_1) in html

    def test_the_unit_page_gives_the_basis_of_the_years_it_led(
        self, bloc_year_1, unit_d, province_a, board, client_for
    ):
        decision = LeadershipDecisionFactory(province=province_a, number="7/QĐ-UBND")
        leadership_set(
            bloc_year=bloc_year_1,
            head=unit_d,
            basis=Membership.Basis.DECISION,
            decision=decision,
        )

        html = client_for(board).get(unit_d.get_absolute_url()).content.decode()

        assert "7/QĐ-UBND" in html
        assert url("blocyear_leadership", bloc_year_1) in html


# The province page --------------------------------------------------------------------------


def province_url(year: int = 2025) -> str:
    return reverse("blocs:province_leadership", args=[year])


class TestProvincePage:
    @pytest.mark.parametrize(
        ("persona", "status"),
        [
            ("board", 200),
            ("national", 200),
            ("other_province_board", 200),
            ("secretariat", 404),
            ("member_staff", 404),
            ("other_province_staff", 404),
        ],
    )
    def test_it_is_for_the_board_and_the_national_admin(
        self, request, world, client_for, persona, status
    ):
        client = client_for(request.getfixturevalue(persona))

        assert client.get(province_url()).status_code == status

    def test_a_board_sees_its_own_province_only(self, bloc_year_1, bloc_year_2, board, client_for):
        groups = client_for(board).get(province_url()).context["groups"]

        assert [province.name for province, _ in groups] == ["Đắk Lắk"]
        rows = groups[0][1]
        assert [(row["bloc"].name, row["bloc_year"].head.unit.abbreviation) for row in rows] == [
            ("Khối thi đua số 1", "CA"),
            ("Khối thi đua số 2", "Bộ CHQS"),
        ]

    def test_it_gives_the_basis_and_the_decisions_cited(
        self, bloc_year_1, unit_d, province_a, board, client_for
    ):
        decision = LeadershipDecisionFactory(
            province=province_a, number="888/QĐ-UBND", date=datetime.date(2025, 5, 21)
        )
        leadership_set(
            bloc_year=bloc_year_1, head=unit_d, basis=Membership.Basis.DECISION, decision=decision
        )

        with translation.override("en"):
            response = client_for(board).get(province_url(), headers={"accept-language": "en"})

        assert response.context["decisions"] == [decision]
        assert "Decision No. 888/QĐ-UBND of 21/05/2025" in response.content.decode()

    def test_a_year_not_opened_says_so(self, world, board, client_for):
        rows = client_for(board).get(province_url(2030)).context["groups"][0][1]

        assert [row["bloc_year"] for row in rows] == [None, None]

    def test_the_national_admin_can_narrow_it_to_one_province(self, world, national, client_for):
        response = client_for(national).get(province_url(), {"province": "cao-bang"})

        assert [p.code for p, _ in response.context["groups"]] == ["cao-bang"]

    def test_the_board_dashboard_links_to_it(self, world, board, client_for):
        html = client_for(board).get(reverse("dashboard")).content.decode()

        assert province_url() in html


def build_province(blocs: int, members: int):
    """A province whose blocs each have a 2025 with a head elected and deputies by decision."""
    province = ProvinceFactory()
    decision = LeadershipDecisionFactory(province=province)
    for _ in range(blocs):
        bloc_year = BlocYearFactory(bloc=BlocFactory(province=province), year=2025)
        for index in range(members):
            unit = UnitFactory(province=province)
            UnitNameFactory(unit=unit)
            if index == 0:
                MembershipFactory(bloc_year=bloc_year, unit=unit, head=True)
            elif index < 3:
                MembershipFactory(
                    bloc_year=bloc_year,
                    unit=unit,
                    role=Membership.Role.DEPUTY,
                    deputy_rank=index,
                    basis=Membership.Basis.DECISION,
                    decision=decision,
                )
            else:
                MembershipFactory(bloc_year=bloc_year, unit=unit)
    return province


@pytest.mark.parametrize("who", ["board", "national"])
def test_the_province_page_makes_a_pinned_number_of_queries_that_does_not_grow(
    client_for, django_assert_max_num_queries, who
):
    def user_for(province):
        return BoardUserFactory(province=province) if who == "board" else NationalUserFactory()

    small = build_province(blocs=2, members=4)
    client = client_for(user_for(small))
    client.get(province_url())
    with django_assert_max_num_queries(8) as small_queries:
        assert client.get(province_url()).status_code == 200

    large = build_province(blocs=8, members=12)
    client = client_for(user_for(large))
    client.get(province_url())
    with CaptureQueriesContext(connection) as large_queries:
        client.get(province_url())

    assert len(large_queries) == len(small_queries)
