"""The registrations page of a bloc-year: who reads it, who enters and withdraws which unit's."""

from __future__ import annotations

import datetime
import unicodedata

import pytest
from django.urls import reverse
from django.utils import translation

from awards.models import Registration
from tests.personas import by_persona

pytestmark = pytest.mark.django_db


def page_url(bloc_year) -> str:
    return reverse("awards:registration_list", args=[bloc_year.bloc_id, bloc_year.year])


def add_url(bloc_year, unit) -> str:
    return reverse("awards:registration_add", args=[bloc_year.bloc_id, bloc_year.year, unit.pk])


def delete_url(registration) -> str:
    return reverse("awards:registration_delete", args=[registration.pk])


def form_data(award_type, **changes) -> dict:
    """Return the registration form as a user fills it."""
    return {
        "award_type": award_type.pk,
        "registered_on": "2025-01-20",
        "document_number": "12/ĐK-STP",
        "note": "",
        **changes,
    }


class TestThePage:
    #                           board secr depu memb oblc oprv opbd natl
    @pytest.mark.parametrize(
        ("persona", "status"), by_persona((200, 200, 200, 200, 404, 404, 404, 200))
    )
    def test_who_may_read_it(self, request, bloc_year_1, client_for, persona, status):
        client = client_for(request.getfixturevalue(persona))

        assert client.get(page_url(bloc_year_1)).status_code == status

    def test_it_lists_every_member_with_what_it_registered_or_not_yet(
        self, bloc_year_1, registration_m, board, client_for
    ):
        with translation.override("en"):
            response = client_for(board).get(page_url(bloc_year_1))

        rows = {
            membership.unit.short_name: membership for membership, _ in response.context["rows"]
        }
        assert set(rows) == {"Công an tỉnh", "Viện kiểm sát nhân dân tỉnh", "Sở Tư pháp"}
        assert [r.award_type for r in rows["Sở Tư pháp"].registrations.all()] == [
            registration_m.award_type
        ]
        page = response.content.decode()
        assert "Bằng khen của Chủ tịch UBND tỉnh" in page
        assert "5/ĐK" in page
        assert page.count("Not registered yet") == 2
        assert response.context["registered_count"] == 1

    def test_the_bloc_year_page_and_its_tabs_link_to_it(
        self, bloc_year_1, member_staff, client_for
    ):
        page = client_for(member_staff).get(bloc_year_1.get_absolute_url()).content.decode()

        # The tab, the overview's link and the year's step.
        assert page.count(f'href="{page_url(bloc_year_1)}"') == 3

    def test_a_member_sees_the_form_for_its_own_unit_only(
        self, bloc_year_1, unit_m, unit_h, registration_m, registration_h, member_staff, client_for
    ):
        response = client_for(member_staff).get(page_url(bloc_year_1), {"unit": unit_h.pk})

        assert response.context["form_membership"].unit == unit_m
        page = response.content.decode()
        assert add_url(bloc_year_1, unit_m) in page
        assert add_url(bloc_year_1, unit_h) not in page
        assert delete_url(registration_m) in page
        assert delete_url(registration_h) not in page

    def test_the_secretariat_picks_the_unit_the_form_is_for(
        self, bloc_year_1, unit_m, secretariat, client_for
    ):
        client = client_for(secretariat)

        assert client.get(page_url(bloc_year_1)).context["form"] is None
        response = client.get(page_url(bloc_year_1), {"unit": unit_m.pk})
        assert response.context["form_membership"].unit == unit_m
        assert add_url(bloc_year_1, unit_m) in response.content.decode()

    def test_htmx_gets_only_the_form(self, bloc_year_1, unit_m, secretariat, client_for):
        response = client_for(secretariat).get(
            page_url(bloc_year_1), {"unit": unit_m.pk}, headers={"HX-Request": "true"}
        )

        page = response.content.decode()
        assert page.lstrip().startswith('<div id="registration-form"')
        assert add_url(bloc_year_1, unit_m) in page
        assert "<html" not in page

    def test_the_national_admin_and_a_closed_years_members_see_no_form(
        self, closed, registration_m, national, member_staff, client_for
    ):
        for user in (national, member_staff):
            response = client_for(user).get(page_url(closed))

            assert response.context["form"] is None
            assert not response.context["can_register"]
            assert delete_url(registration_m) not in response.content.decode()

    def test_it_shows_the_history_of_the_registrations(
        self, bloc_year_1, unit_m, merit, member_staff, client_for
    ):
        client = client_for(member_staff)
        client.post(add_url(bloc_year_1, unit_m), form_data(merit))
        client.post(delete_url(Registration.objects.get()))

        entries = client.get(page_url(bloc_year_1)).context["history"]

        assert [e.action for e in entries] == ["-", "+"]
        assert {e.user for e in entries} == {member_staff}
        assert entries[0].label == "Sở Tư pháp — Bằng khen của Chủ tịch UBND tỉnh"


class TestRegister:
    #                           board secr depu memb oblc oprv opbd natl
    @pytest.mark.parametrize(
        ("persona", "status"), by_persona((302, 302, 302, 302, 404, 404, 404, 403))
    )
    def test_who_may_register_a_members_title(
        self, request, bloc_year_1, unit_m, merit, client_for, persona, status
    ):
        user = request.getfixturevalue(persona)

        response = client_for(user).post(add_url(bloc_year_1, unit_m), form_data(merit))

        assert response.status_code == status
        saved = Registration.objects.filter(membership__unit=unit_m, award_type=merit)
        assert saved.exists() == (status == 302)
        if status == 302:
            assert response.url == page_url(bloc_year_1)
            registration = saved.get()
            assert registration.registered_on == datetime.date(2025, 1, 20)
            assert registration.document_number == "12/ĐK-STP"
            assert registration.history.get().history_user == user

    @pytest.mark.parametrize("persona", ["member_staff", "deputy_staff"])
    def test_unit_staff_may_not_register_another_units_title(
        self, request, bloc_year_1, unit_h, flag, client_for, persona
    ):
        client = client_for(request.getfixturevalue(persona))

        response = client.post(add_url(bloc_year_1, unit_h), form_data(flag))

        expected = 403 if persona == "member_staff" else 302  # a deputy is the secretariat
        assert response.status_code == expected
        assert Registration.objects.exists() == (expected == 302)

    #                           board secr depu memb oblc oprv opbd natl
    @pytest.mark.parametrize(
        ("persona", "status"), by_persona((302, 403, 403, 403, 404, 404, 404, 403))
    )
    def test_a_closed_year_is_the_boards_alone(
        self, request, closed, unit_m, merit, client_for, persona, status
    ):
        client = client_for(request.getfixturevalue(persona))

        response = client.post(add_url(closed, unit_m), form_data(merit))

        assert response.status_code == status
        assert Registration.objects.exists() == (status == 302)

    @pytest.mark.parametrize("persona", ["board", "member_staff"])
    def test_get_is_refused(self, request, bloc_year_1, unit_m, client_for, persona):
        client = client_for(request.getfixturevalue(persona))

        assert client.get(add_url(bloc_year_1, unit_m)).status_code == 405

    def test_a_unit_outside_the_bloc_year_is_not_found(
        self, bloc_year_1, unit_o, flag, board, client_for
    ):
        response = client_for(board).post(add_url(bloc_year_1, unit_o), form_data(flag))

        assert response.status_code == 404
        assert not Registration.objects.exists()

    def test_a_duplicate_is_refused_with_a_message_and_the_typed_values(
        self, bloc_year_1, unit_m, registration_m, member_staff, client_for
    ):
        data = form_data(registration_m.award_type, document_number="99/ĐK-STP", note="Lần hai")

        with translation.override("en"):
            response = client_for(member_staff).post(add_url(bloc_year_1, unit_m), data)

        assert response.status_code == 200
        assert response.context["form"].errors["award_type"] == [
            "Sở Tư pháp has already registered for “Bằng khen của Chủ tịch UBND tỉnh” in 2025."
        ]
        page = response.content.decode()
        assert "has already registered for" in page
        assert 'value="99/ĐK-STP"' in page
        assert 'value="Lần hai"' in page
        assert Registration.objects.get() == registration_m

    def test_bad_input_is_shown_with_the_typed_values_and_saves_nothing(
        self, bloc_year_1, unit_m, merit, member_staff, client_for
    ):
        data = form_data(merit, registered_on="2027-01-05", document_number="7/ĐK-STP")

        response = client_for(member_staff).post(add_url(bloc_year_1, unit_m), data)

        assert response.status_code == 200
        assert set(response.context["form"].errors) == {"registered_on"}
        page = response.content.decode()
        assert 'value="2027-01-05"' in page
        assert 'value="7/ĐK-STP"' in page
        assert response.context["form_membership"].unit == unit_m
        assert f'href="{page_url(bloc_year_1)}?unit={unit_m.pk}#registration-form"' in page
        assert not Registration.objects.exists()

    def test_an_award_type_of_another_province_is_not_offered_nor_accepted(
        self, bloc_year_1, unit_m, flag, flag_b, member_staff, client_for
    ):
        client = client_for(member_staff)

        offered = client.get(page_url(bloc_year_1)).context["form"].fields["award_type"].queryset
        response = client.post(add_url(bloc_year_1, unit_m), form_data(flag_b))

        assert list(offered) == [flag]
        assert response.status_code == 200
        assert "award_type" in response.context["form"].errors
        assert not Registration.objects.exists()

    def test_decomposed_text_is_stored_composed(
        self, bloc_year_1, unit_m, merit, member_staff, client_for
    ):
        typed = unicodedata.normalize("NFD", "Đăng ký tại hội nghị phát động")

        client_for(member_staff).post(add_url(bloc_year_1, unit_m), form_data(merit, note=typed))

        assert Registration.objects.get().note == "Đăng ký tại hội nghị phát động"


class TestWithdraw:
    #                           board secr depu memb oblc oprv opbd natl
    @pytest.mark.parametrize(
        ("persona", "status"), by_persona((302, 302, 302, 302, 404, 404, 404, 403))
    )
    def test_who_may_withdraw_a_members_registration(
        self, request, bloc_year_1, registration_m, client_for, persona, status
    ):
        client = client_for(request.getfixturevalue(persona))

        response = client.post(delete_url(registration_m))

        assert response.status_code == status
        assert Registration.objects.filter(pk=registration_m.pk).exists() == (status != 302)
        if status == 302:
            assert response.url == page_url(bloc_year_1)

    def test_a_member_may_not_withdraw_another_units_registration(
        self, registration_h, member_staff, client_for
    ):
        response = client_for(member_staff).post(delete_url(registration_h))

        assert response.status_code == 403
        assert Registration.objects.filter(pk=registration_h.pk).exists()

    #                           board secr depu memb oblc oprv opbd natl
    @pytest.mark.parametrize(
        ("persona", "status"), by_persona((302, 403, 403, 403, 404, 404, 404, 403))
    )
    def test_in_a_closed_year_only_the_board_withdraws(
        self, request, closed, registration_m, client_for, persona, status
    ):
        client = client_for(request.getfixturevalue(persona))

        response = client.post(delete_url(registration_m))

        assert response.status_code == status
        assert Registration.objects.filter(pk=registration_m.pk).exists() == (status != 302)

    @pytest.mark.parametrize("persona", ["board", "member_staff"])
    def test_get_is_refused(self, request, registration_m, client_for, persona):
        client = client_for(request.getfixturevalue(persona))

        assert client.get(delete_url(registration_m)).status_code == 405
        assert Registration.objects.filter(pk=registration_m.pk).exists()
