"""Numbers have domain bounds: quotas within the members, a quorum and a look-back within small
ranges, a criterion's points within the scale, positions and rounds bounded. Each refusal is a
message, never a stored absurdity or a 500, on SQLite as on PostgreSQL."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from awards.models import AwardRules, Criterion
from awards.services.award_types import award_type_create
from awards.services.ballots import ballot_save
from awards.services.regulations import award_rules_save
from awards.services.scores import criterion_create
from blocs.models import BlocYear
from blocs.services.blocs import bloc_year_update_settings
from core.errors import DomainError

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


class TestTheYearsSettings:
    @pytest.mark.parametrize(
        ("field", "value"),
        [
            ("flag_quota", 2_147_483_648),
            ("merit_quota", 32_768),
            ("quorum_denominator", 11),
            ("quorum_numerator", 11),
            ("rotation_lookback_years", 11),
        ],
    )
    def test_an_absurd_number_is_refused_and_nothing_changes(self, bloc_year_1, field, value):
        with pytest.raises(DomainError):
            bloc_year_update_settings(bloc_year=bloc_year_1, version=1, **{field: value})

        assert BlocYear.objects.get(pk=bloc_year_1.pk).version == 1

    def test_a_quota_is_at_most_the_members(self, bloc_year_1):
        with pytest.raises(DomainError) as refusal:
            bloc_year_update_settings(bloc_year=bloc_year_1, version=1, flag_quota=4)

        assert refusal.value.field == "flag_quota"
        assert refusal.value.message == "The bloc has 3 members: it cannot propose 4 flags."

    def test_the_settings_page_answers_a_huge_quota_with_a_message(
        self, bloc_year_1, board, client_for
    ):
        url = reverse("blocs:blocyear_settings", args=[bloc_year_1.bloc_id, 2025])
        form = client_for(board).get(url).context["form"]
        data = {name: field.value() for name, field in ((f.name, f) for f in form)}
        data = {name: "" if value is None else value for name, value in data.items()}
        data["merit_quota"] = "2147483648"

        response = client_for(board).post(url, data)

        assert response.status_code == 200
        assert response.context["form"].errors["merit_quota"]
        assert BlocYear.objects.get(pk=bloc_year_1.pk).merit_quota == 3


class TestTheRegulations:
    @pytest.mark.parametrize(
        ("field", "value"),
        [("flags_per_bloc", 101), ("merits_per_bloc", 2_147_483_648), ("quorum_denominator", 11)],
    )
    def test_an_absurd_number_is_refused(self, province_a, field, value):
        with pytest.raises(DomainError):
            award_rules_save(province=province_a, from_year=2025, **{field: value})

        assert not AwardRules.objects.exists()


class TestScoresAndBallots:
    def test_a_criterion_cannot_carry_more_points_than_the_scale(self, bloc_year_1):
        with pytest.raises(DomainError) as refusal:
            criterion_create(bloc_year=bloc_year_1, title="A", max_points=Decimal(32_768))

        assert refusal.value.message == "At most 100 points: the year is scored out of 100."
        assert not Criterion.objects.exists()

    def test_a_position_beyond_any_list_is_refused(self, province_a):
        with pytest.raises(DomainError):
            award_type_create(province=province_a, name="Cờ", kind="flag", position=32_000)

    def test_a_round_number_beyond_any_conference_is_refused(self, meeting):
        with pytest.raises(DomainError):
            ballot_save(
                meeting=meeting,
                round_number=500,
                issued=3,
                returned=3,
                valid=3,
                invalid=0,
                votes={},
            )
