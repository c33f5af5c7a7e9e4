"""Changing, moving and removing criteria of the score sheet; two people saving one sheet."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils.translation import gettext

from awards.models import Criterion, Score
from awards.services.scores import (
    criterion_create,
    criterion_delete,
    criterion_fingerprint,
    criterion_move,
    criterion_update,
    scores_save,
    sheet_fingerprint,
)
from blocs.models import Membership
from core.errors import DomainError
from tests.awards.test_scores import SimpleSheet
from tests.factories import BlocYearFactory

pytestmark = pytest.mark.django_db

CONFLICT = (
    "The score sheet was changed by someone else after you opened it. Your scores were not "
    "saved: reload the page to see the current scores, then enter yours again."
)


@pytest.fixture
def sheet(bloc_year_1) -> SimpleSheet:
    """A section with A (60), B (40), a bonus (5) and a penalty (10), at positions 1 to 4."""
    return SimpleSheet.build(bloc_year_1)


def membership(bloc_year, unit) -> Membership:
    return Membership.objects.get(bloc_year=bloc_year, unit=unit)


def order(section) -> list[tuple[str, int]]:
    return [(c.title, c.position) for c in section.children.order_by("position")]


def url(name: str, criterion) -> str:
    bloc_year = criterion.bloc_year
    return reverse(f"awards:{name}", args=[bloc_year.bloc_id, bloc_year.year, criterion.pk])


def state(criterion) -> tuple:
    c = Criterion.objects.get(pk=criterion.pk)
    return (c.title, c.max_points, c.kind, c.position)


class TestChanging:
    def test_the_title_max_and_kind_change(self, sheet):
        criterion_update(criterion=sheet.b, title="B mới", max_points=Decimal("35"), kind="bonus")
        assert state(sheet.b) == ("B mới", Decimal("35"), "bonus", 2)

    def test_a_max_below_points_already_given_is_refused(self, sheet, bloc_year_1, unit_m):
        scores_save(
            membership=membership(bloc_year_1, unit_m),
            which="self_score",
            values={sheet.a.pk: Decimal("55")},
        )
        before = state(sheet.a)
        with pytest.raises(DomainError) as refused:
            criterion_update(criterion=sheet.a, title="A", max_points=Decimal("50"), kind="normal")
        assert refused.value.field == "max_points"
        assert state(sheet.a) == before
        criterion_update(criterion=sheet.a, title="A", max_points=Decimal("55"), kind="normal")

    def test_a_change_made_meanwhile_is_not_overwritten(self, sheet):
        seen = criterion_fingerprint(sheet.a)
        criterion_update(
            criterion=sheet.a, title="A của người khác", max_points=Decimal("60"), kind="normal"
        )
        with pytest.raises(DomainError):
            criterion_update(
                criterion=sheet.a,
                title="A của tôi",
                max_points=Decimal("60"),
                kind="normal",
                fingerprint=seen,
            )
        assert state(sheet.a)[0] == "A của người khác"


class TestMoving:
    def test_a_criterion_swaps_with_its_neighbour(self, sheet):
        criterion_move(criterion=sheet.b, up=True)
        assert order(sheet.section) == [("B", 1), ("A", 2), ("Thưởng", 3), ("Trừ", 4)]
        criterion_move(criterion=sheet.b, up=False)
        criterion_move(criterion=sheet.b, up=False)
        assert order(sheet.section) == [("A", 1), ("Thưởng", 2), ("B", 3), ("Trừ", 4)]

    def test_the_first_does_not_move_up_nor_the_last_down(self, sheet):
        with pytest.raises(DomainError):
            criterion_move(criterion=sheet.a, up=True)
        with pytest.raises(DomainError):
            criterion_move(criterion=sheet.penalty, up=False)
        assert order(sheet.section)[0] == ("A", 1)

    def test_sections_move_among_sections_with_their_criteria(self, sheet, bloc_year_1):
        second = criterion_create(bloc_year=bloc_year_1, title="II", max_points=0)
        criterion_move(criterion=second, up=True)
        sections = Criterion.objects.filter(bloc_year=bloc_year_1, parent=None)
        assert [(s.title, s.position) for s in sections.order_by("position")] == [
            ("II", 1),
            ("Công tác chuyên môn", 2),
        ]
        assert sheet.section.children.count() == 4


class TestRemoving:
    def test_an_unscored_criterion_goes_and_the_next_ones_move_up(self, sheet):
        criterion_delete(criterion=sheet.a)
        assert order(sheet.section) == [("B", 1), ("Thưởng", 2), ("Trừ", 3)]

    def test_a_scored_criterion_stays(self, sheet, bloc_year_1, unit_m):
        scores_save(
            membership=membership(bloc_year_1, unit_m),
            which="bloc_score",
            values={sheet.b.pk: Decimal("0")},
        )
        with pytest.raises(DomainError):
            criterion_delete(criterion=sheet.b)
        assert Criterion.objects.filter(pk=sheet.b.pk).exists()

    def test_a_cleared_score_does_not_hold_a_criterion(self, sheet, bloc_year_1, unit_m):
        m = membership(bloc_year_1, unit_m)
        scores_save(membership=m, which="bloc_score", values={sheet.b.pk: 5})
        scores_save(membership=m, which="bloc_score", values={sheet.b.pk: None})
        criterion_delete(criterion=sheet.b)
        assert not Score.objects.exists()

    def test_a_section_with_criteria_stays(self, sheet):
        with pytest.raises(DomainError):
            criterion_delete(criterion=sheet.section)
        assert Criterion.objects.count() == 5


class TestPages:
    @pytest.mark.parametrize(
        ("persona", "status"),
        [
            ("board", 200),
            ("secretariat", 200),
            ("member_staff", 403),
            ("national", 403),
            ("other_bloc_staff", 404),
            ("other_province_board", 404),
        ],
    )
    def test_who_may_open_the_edit_page(self, request, client_for, sheet, persona, status):
        user = request.getfixturevalue(persona)
        assert client_for(user).get(url("criterion_edit", sheet.a)).status_code == status

    def test_a_criterion_of_another_year_is_not_found(self, client_for, board, bloc_1, sheet):
        other = SimpleSheet.build(BlocYearFactory(bloc=bloc_1, year=2024))
        bloc_year = sheet.a.bloc_year
        wrong = reverse(
            "awards:criterion_edit", args=[bloc_year.bloc_id, bloc_year.year, other.a.pk]
        )
        assert client_for(board).get(wrong).status_code == 404

    def test_the_secretariat_saves_a_change(self, client_for, secretariat, sheet):
        page = client_for(secretariat).get(url("criterion_edit", sheet.b))
        fingerprint = page.context["form"]["fingerprint"].value()
        data = {"title": "B2", "max_points": "40", "kind": "normal", "fingerprint": fingerprint}
        response = client_for(secretariat).post(url("criterion_edit", sheet.b), data)
        assert response.status_code == 302
        assert state(sheet.b)[0] == "B2"

    def test_a_refused_change_keeps_what_was_typed(
        self, client_for, secretariat, sheet, bloc_year_1, unit_m
    ):
        scores_save(
            membership=membership(bloc_year_1, unit_m), which="bloc_score", values={sheet.b.pk: 30}
        )
        before = state(sheet.b)
        fingerprint = criterion_fingerprint(sheet.b)
        data = {
            "title": "B đã gõ",
            "max_points": "20",
            "kind": "normal",
            "fingerprint": fingerprint,
        }
        response = client_for(secretariat).post(url("criterion_edit", sheet.b), data)
        assert response.status_code == 200
        assert "max_points" in response.context["form"].errors
        assert "B đã gõ" in response.content.decode()
        assert state(sheet.b) == before

    def test_moving_and_removing_refuse_get(self, client_for, board, sheet):
        assert client_for(board).get(url("criterion_move", sheet.b)).status_code == 405
        assert client_for(board).get(url("criterion_delete", sheet.b)).status_code == 405

    @pytest.mark.parametrize(
        ("persona", "status"),
        [("member_staff", 403), ("other_bloc_staff", 404), ("other_province_staff", 404)],
    )
    def test_members_and_outsiders_neither_move_nor_remove(
        self, request, client_for, sheet, persona, status
    ):
        client = client_for(request.getfixturevalue(persona))
        assert (
            client.post(url("criterion_move", sheet.b), {"direction": "up"}).status_code == status
        )
        assert client.post(url("criterion_delete", sheet.b), {"confirm": "1"}).status_code == status
        assert order(sheet.section)[1] == ("B", 2)

    def test_the_secretariat_moves_a_criterion(self, client_for, secretariat, sheet):
        response = client_for(secretariat).post(url("criterion_move", sheet.b), {"direction": "up"})
        assert response.status_code == 302
        assert order(sheet.section)[:2] == [("B", 1), ("A", 2)]

    def test_a_refused_move_says_why(self, client_for, secretariat, sheet):
        response = client_for(secretariat).post(
            url("criterion_move", sheet.a), {"direction": "up"}, follow=True
        )
        assert gettext("It is already the first.") in [str(m) for m in response.context["messages"]]

    def test_removing_asks_for_confirmation_then_removes(self, client_for, secretariat, sheet):
        client = client_for(secretariat)
        asked = client.post(url("criterion_delete", sheet.a))
        assert asked.status_code == 200
        assert 'name="confirm"' in asked.content.decode()
        assert Criterion.objects.filter(pk=sheet.a.pk).exists()
        assert client.post(url("criterion_delete", sheet.a), {"confirm": "1"}).status_code == 302
        assert not Criterion.objects.filter(pk=sheet.a.pk).exists()

    def test_a_scored_criterion_offers_no_removal_and_refuses_one(
        self, client_for, secretariat, sheet, bloc_year_1, unit_m
    ):
        scores_save(
            membership=membership(bloc_year_1, unit_m), which="self_score", values={sheet.a.pk: 1}
        )
        list_url = reverse("awards:score_list", args=[bloc_year_1.bloc_id, 2025])
        page = client_for(secretariat).get(list_url).content.decode()
        assert url("criterion_delete", sheet.a) not in page
        assert url("criterion_delete", sheet.b) in page
        response = client_for(secretariat).post(url("criterion_delete", sheet.a), {"confirm": "1"})
        assert response.status_code == 302
        assert Criterion.objects.filter(pk=sheet.a.pk).exists()

    def test_members_see_no_criteria_buttons(self, client_for, member_staff, sheet, bloc_year_1):
        list_url = reverse("awards:score_list", args=[bloc_year_1.bloc_id, 2025])
        page = client_for(member_staff).get(list_url).content.decode()
        assert url("criterion_edit", sheet.a) not in page


def sheet_url(bloc_year, unit) -> str:
    return reverse("awards:score_sheet_bloc", args=[bloc_year.bloc_id, bloc_year.year, unit.pk])


class TestTwoPeopleOnOneSheet:
    def test_the_second_save_is_refused_and_keeps_what_was_typed(
        self, client_for, secretariat, board, sheet, bloc_year_1, unit_m
    ):
        mine = client_for(secretariat).get(sheet_url(bloc_year_1, unit_m))
        theirs = client_for(board).get(sheet_url(bloc_year_1, unit_m))
        field = f"criterion_{sheet.a.pk}"
        saved = client_for(board).post(
            sheet_url(bloc_year_1, unit_m),
            {field: "50", "fingerprint": theirs.context["form"]["fingerprint"].value()},
        )
        assert saved.status_code == 302
        refused = client_for(secretariat).post(
            sheet_url(bloc_year_1, unit_m),
            {field: "41.25", "fingerprint": mine.context["form"]["fingerprint"].value()},
        )
        assert refused.status_code == 200
        assert gettext(CONFLICT) in refused.context["form"].non_field_errors()
        assert 'value="41.25"' in refused.content.decode()
        assert gettext(CONFLICT) in refused.content.decode()
        assert Score.objects.get(criterion=sheet.a).bloc_score == Decimal("50")

    def test_self_scores_and_bloc_scores_are_separate_sheets(self, sheet, bloc_year_1, unit_m):
        m = membership(bloc_year_1, unit_m)
        seen = sheet_fingerprint(list(m.scores.all()), "bloc_score")
        scores_save(membership=m, which="self_score", values={sheet.a.pk: 10})
        scores_save(membership=m, which="bloc_score", values={sheet.a.pk: 9}, fingerprint=seen)
        assert Score.objects.get().bloc_score == Decimal("9")

    def test_the_service_refuses_a_stale_sheet_and_saves_nothing(self, sheet, bloc_year_1, unit_m):
        m = membership(bloc_year_1, unit_m)
        seen = sheet_fingerprint([], "bloc_score")
        scores_save(membership=m, which="bloc_score", values={sheet.a.pk: 10})
        with pytest.raises(DomainError):
            scores_save(
                membership=m,
                which="bloc_score",
                values={sheet.a.pk: 20, sheet.b.pk: 20},
                fingerprint=seen,
            )
        assert [(s.criterion_id, s.bloc_score) for s in Score.objects.all()] == [
            (sheet.a.pk, Decimal("10"))
        ]
