"""The score sheet of a bloc-year: criteria, self-scores, bloc scores, totals and ranking."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from awards.models import Criterion, Score
from awards.selectors.scores import score_totals
from awards.services.scores import (
    criteria_copy_from_previous,
    criterion_create,
    scores_save,
    sheet_fingerprint,
)
from blocs.models import Membership
from core.errors import DomainError
from tests.factories import BlocYearFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def list_url(bloc_year) -> str:
    return reverse("awards:score_list", args=[bloc_year.bloc_id, bloc_year.year])


def sheet_url(bloc_year, unit, which: str) -> str:
    return reverse(f"awards:score_sheet_{which}", args=[bloc_year.bloc_id, bloc_year.year, unit.pk])


def add_url(bloc_year) -> str:
    return reverse("awards:criterion_add", args=[bloc_year.bloc_id, bloc_year.year])


def copy_url(bloc_year) -> str:
    return reverse("awards:criteria_copy", args=[bloc_year.bloc_id, bloc_year.year])


@pytest.fixture
def sheet(bloc_year_1) -> SimpleSheet:
    return SimpleSheet.build(bloc_year_1)


class SimpleSheet:
    """One section with two normal criteria (60 + 40), a bonus (5) and a penalty (10)."""

    @classmethod
    def build(cls, bloc_year):
        self = cls()
        create = criterion_create
        self.section = create(bloc_year=bloc_year, title="Công tác chuyên môn", max_points=0)
        self.a = create(bloc_year=bloc_year, parent=self.section, title="A", max_points=60)
        self.b = create(bloc_year=bloc_year, parent=self.section, title="B", max_points=40)
        self.bonus = create(
            bloc_year=bloc_year, parent=self.section, title="Thưởng", max_points=5, kind="bonus"
        )
        self.penalty = create(
            bloc_year=bloc_year, parent=self.section, title="Trừ", max_points=10, kind="penalty"
        )
        return self


def membership(bloc_year, unit) -> Membership:
    return Membership.objects.get(bloc_year=bloc_year, unit=unit)


def fingerprint(bloc_year, unit, which: str) -> str:
    """Return the digest the sheet's form carries, as a browser would post it back."""
    field = {"self": "self_score", "bloc": "bloc_score"}[which]
    scores = Score.objects.filter(membership__bloc_year=bloc_year, membership__unit=unit)
    return sheet_fingerprint(list(scores), field)


class TestTotalsAndRanking:
    def test_totals_add_bonus_and_subtract_penalty_and_ties_share_a_rank(
        self, bloc_year_1, sheet, unit_h, unit_d, unit_m
    ):
        save = scores_save
        for unit, values in (
            (unit_h, {sheet.a.pk: 50, sheet.b.pk: 30, sheet.bonus.pk: 5, sheet.penalty.pk: 5}),
            (unit_d, {sheet.a.pk: 55, sheet.b.pk: 25}),
            (unit_m, {sheet.a.pk: 40, sheet.b.pk: 40, sheet.bonus.pk: 2}),
        ):
            m = membership(bloc_year_1, unit)
            save(
                membership=m, which="bloc_score", values={k: Decimal(v) for k, v in values.items()}
            )
        save(
            membership=membership(bloc_year_1, unit_h),
            which="self_score",
            values={sheet.a.pk: Decimal("59.5")},
        )
        criteria = list(Criterion.objects.filter(bloc_year=bloc_year_1))
        members = list(bloc_year_1.memberships.prefetch_related("scores"))
        rows = score_totals(criteria=criteria, memberships=members)
        result = {r.membership.unit_id: (r.bloc_total, r.rank, r.self_total) for r in rows}
        assert result[unit_m.pk][:2] == (Decimal("82"), 1)
        assert result[unit_h.pk] == (Decimal("80"), 2, Decimal("59.5"))
        assert result[unit_d.pk][:2] == (Decimal("80"), 2)
        assert sorted(r.rank for r in rows) == [1, 2, 2]

    def test_the_page_shows_the_ranking_and_warns_when_the_scale_is_not_met(
        self, bloc_year_1, sheet, unit_h, board, client_for
    ):
        scores_save(
            membership=membership(bloc_year_1, unit_h),
            which="bloc_score",
            values={sheet.a.pk: Decimal("12.25")},
        )
        with translation.override("en"):
            response = client_for(board).get(list_url(bloc_year_1))
        assert response.status_code == 200
        content = response.content.decode()
        assert "12,25" in content  # as the documents write it
        assert "Công tác chuyên môn" in content
        assert "do not add up to the scale of 100" not in content  # 60 + 40 = 100
        Criterion.objects.filter(pk=sheet.b.pk).update(max_points=30)
        with translation.override("en"):
            response = client_for(board).get(list_url(bloc_year_1))
        assert "do not add up to the scale of 100" in response.content.decode()


class TestScoreSheet:
    def test_a_member_enters_its_own_self_scores(
        self, bloc_year_1, sheet, unit_m, member_staff, client_for
    ):
        client = client_for(member_staff)
        assert client.get(sheet_url(bloc_year_1, unit_m, "self")).status_code == 200
        response = client.post(
            sheet_url(bloc_year_1, unit_m, "self"),
            {
                f"criterion_{sheet.a.pk}": "45.5",
                f"criterion_{sheet.b.pk}": "30",
                "fingerprint": fingerprint(bloc_year_1, unit_m, "self"),
            },
        )
        assert response.status_code == 302
        score = Score.objects.get(membership__unit=unit_m, criterion=sheet.a)
        assert score.self_score == Decimal("45.50")
        assert score.bloc_score is None

    def test_a_score_above_the_max_is_refused_with_the_typed_values_kept(
        self, bloc_year_1, sheet, unit_m, secretariat, client_for
    ):
        response = client_for(secretariat).post(
            sheet_url(bloc_year_1, unit_m, "bloc"),
            {f"criterion_{sheet.a.pk}": "61", f"criterion_{sheet.b.pk}": "33.25"},
        )
        assert response.status_code == 200
        form = response.context["form"]
        assert f"criterion_{sheet.a.pk}" in form.errors
        assert 'value="33.25"' in response.content.decode()
        assert not Score.objects.exists()

    def test_the_service_refuses_a_score_above_the_max(self, bloc_year_1, sheet, unit_m):
        with pytest.raises(DomainError):
            scores_save(
                membership=membership(bloc_year_1, unit_m),
                which="bloc_score",
                values={sheet.a.pk: Decimal("60.01")},
            )
        assert not Score.objects.exists()

    @pytest.mark.parametrize(
        ("persona", "which", "status"),
        [
            ("member_staff", "self", 200),
            ("member_staff", "bloc", 403),
            ("deputy_staff", "self", 403),
            ("secretariat", "bloc", 200),
            ("board", "bloc", 200),
            ("board", "self", 200),
            ("other_bloc_staff", "self", 404),
            ("other_province_board", "bloc", 404),
        ],
    )
    def test_who_may_open_which_sheet(
        self, request, bloc_year_1, sheet, unit_m, client_for, persona, which, status
    ):
        client = client_for(request.getfixturevalue(persona))
        assert client.get(sheet_url(bloc_year_1, unit_m, which)).status_code == status

    @pytest.mark.parametrize(
        ("persona", "status"),
        [("board", 302), ("secretariat", 403), ("member_staff", 403)],
    )
    def test_a_closed_year_is_the_boards_alone(
        self, request, closed, sheet, unit_m, client_for, persona, status
    ):
        which = "self" if persona == "member_staff" else "bloc"
        client = client_for(request.getfixturevalue(persona))
        response = client.post(
            sheet_url(closed, unit_m, which),
            {f"criterion_{sheet.a.pk}": "1", "fingerprint": fingerprint(closed, unit_m, which)},
        )
        assert response.status_code == status


class TestCriteria:
    def test_the_secretariat_adds_a_section_and_a_criterion(
        self, bloc_year_1, secretariat, client_for
    ):
        client = client_for(secretariat)
        response = client.post(
            add_url(bloc_year_1), {"title": "Phần I", "max_points": "0", "kind": "normal"}
        )
        assert response.status_code == 302
        section = Criterion.objects.get(bloc_year=bloc_year_1, parent=None)
        response = client.post(
            add_url(bloc_year_1),
            {"parent": section.pk, "title": "Tiêu chí 1", "max_points": "25", "kind": "bonus"},
        )
        assert response.status_code == 302
        child = section.children.get()
        assert (child.position, child.max_points, child.kind) == (1, Decimal("25"), "bonus")

    def test_a_negative_max_is_refused_with_the_typed_title_kept(
        self, bloc_year_1, secretariat, client_for
    ):
        response = client_for(secretariat).post(
            add_url(bloc_year_1), {"title": "Phần sai", "max_points": "-1", "kind": "normal"}
        )
        assert response.status_code == 200
        assert "max_points" in response.context["criterion_form"].errors
        assert "Phần sai" in response.content.decode()
        assert not Criterion.objects.exists()

    @pytest.mark.parametrize("url", [add_url, copy_url])
    def test_criteria_actions_refuse_get(self, bloc_year_1, board, client_for, url):
        assert client_for(board).get(url(bloc_year_1)).status_code == 405

    @pytest.mark.parametrize(
        ("persona", "status"),
        [("member_staff", 403), ("deputy_staff", 302), ("other_bloc_staff", 404)],
    )
    def test_who_may_add_criteria(self, request, bloc_year_1, client_for, persona, status):
        client = client_for(request.getfixturevalue(persona))
        response = client.post(
            add_url(bloc_year_1), {"title": "Phần I", "max_points": "0", "kind": "normal"}
        )
        assert response.status_code == status

    def test_the_criteria_are_copied_from_the_previous_year(
        self, bloc_1, bloc_year_1, secretariat, client_for
    ):
        previous = BlocYearFactory(bloc=bloc_1, year=2024, state="closed")
        SimpleSheet.build(previous)
        response = client_for(secretariat).post(copy_url(bloc_year_1))
        assert response.status_code == 302
        copied = Criterion.objects.filter(bloc_year=bloc_year_1)
        assert copied.count() == 5
        assert copied.get(title="Trừ").kind == "penalty"
        assert copied.get(title="A").parent.title == "Công tác chuyên môn"
        with pytest.raises(DomainError):
            criteria_copy_from_previous(bloc_year=bloc_year_1)
        assert copied.count() == 5

    def test_the_copy_refuses_when_no_earlier_year_has_criteria(self, bloc_year_1):
        with pytest.raises(DomainError):
            criteria_copy_from_previous(bloc_year=bloc_year_1)

    def test_a_member_reads_the_page_but_an_outsider_does_not(
        self, bloc_year_1, sheet, member_staff, other_province_staff, client_for
    ):
        assert client_for(member_staff).get(list_url(bloc_year_1)).status_code == 200
        assert client_for(other_province_staff).get(list_url(bloc_year_1)).status_code == 404


def test_the_scores_page_query_count_does_not_grow_with_the_members(
    bloc_year_1, sheet, board, client_for, django_assert_max_num_queries
):
    client = client_for(board)
    client.get(list_url(bloc_year_1))
    with django_assert_max_num_queries(14) as small:
        client.get(list_url(bloc_year_1))
    for _ in range(5):
        m = MembershipFactory(bloc_year=bloc_year_1)
        scores_save(membership=m, which="bloc_score", values={sheet.a.pk: Decimal("10")})
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(list_url(bloc_year_1))


def test_the_score_sheet_exports_to_excel_with_totals_and_ranks(
    bloc_year_1, sheet, unit_m, member_staff, other_province_staff, client_for
):
    scores_save(
        membership=membership(bloc_year_1, unit_m),
        which="bloc_score",
        values={sheet.a.pk: Decimal("50"), sheet.penalty.pk: Decimal("2.5")},
    )
    url = reverse("awards:score_export", args=[bloc_year_1.bloc_id, bloc_year_1.year])
    assert client_for(other_province_staff).get(url).status_code == 404
    response = client_for(member_staff).get(url)
    assert response.status_code == 200
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][2:4] == ("A", "B")
    assert rows[1][2:6] == (60, 40, 5, 10)
    first = rows[2]
    assert first[:3] == (1, "Sở Tư pháp", 50)
    assert first[-1] == 47.5
