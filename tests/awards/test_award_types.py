"""The award types page: the board manages its province's; nobody else does."""

from __future__ import annotations

import unicodedata

import pytest
from django.urls import reverse
from django.utils import translation

from awards.models import AwardType
from awards.services.award_types import STANDARD_AWARD_TYPES
from tests.checks import STALE
from tests.personas import by_persona

pytestmark = pytest.mark.django_db


LIST_URL = reverse("awards:awardtype_list")
CREATE_URL = reverse("awards:awardtype_create")
STANDARD_URL = reverse("awards:awardtype_add_standard")


def edit_url(award_type) -> str:
    return reverse("awards:awardtype_edit", args=[award_type.pk])


def deactivate_url(award_type) -> str:
    return reverse("awards:awardtype_deactivate", args=[award_type.pk])


def reactivate_url(award_type) -> str:
    return reverse("awards:awardtype_reactivate", args=[award_type.pk])


def form_data(award_type: AwardType | None = None, **changes) -> dict:
    """Return the award type form as the page fills it, with the changes typed in."""
    data = {
        "name": "Giấy khen của Ban Thi đua",
        "short_name": "Giấy khen",
        "kind": AwardType.Kind.OTHER,
        "position": 5,
    }
    if award_type is not None:
        data = {
            "name": award_type.name,
            "short_name": award_type.short_name,
            "kind": award_type.kind,
            "position": award_type.position,
            "version": award_type.version,
        }
        if award_type.proposable_by_bloc:
            data["proposable_by_bloc"] = "on"
    return {**data, **changes}


@pytest.fixture
def retired(flag) -> AwardType:
    flag.is_active = False
    flag.save()
    return flag


class TestTheList:
    #                           board secr depu memb oblc oprv opbd natl
    @pytest.mark.parametrize(
        ("persona", "status"), by_persona((200, 403, 403, 403, 403, 403, 200, 403))
    )
    def test_only_a_board_opens_it(self, request, world, client_for, persona, status):
        client = client_for(request.getfixturevalue(persona))

        assert client.get(LIST_URL).status_code == status

    def test_a_board_sees_its_own_provinces_types_in_order(
        self, merit, flag, flag_b, board, other_province_board, client_for
    ):
        assert list(client_for(board).get(LIST_URL).context["object_list"]) == [flag, merit]
        assert list(client_for(other_province_board).get(LIST_URL).context["object_list"]) == [
            flag_b
        ]

    def test_the_standard_types_button_shows_while_some_are_missing(
        self, province_a, board, client_for
    ):
        client = client_for(board)

        assert STANDARD_URL in client.get(LIST_URL).content.decode()
        client.post(STANDARD_URL)
        assert STANDARD_URL not in client.get(LIST_URL).content.decode()

    def test_the_board_sees_a_link_to_it_and_unit_staff_do_not(
        self, board, member_staff, client_for
    ):
        assert LIST_URL in client_for(board).get(reverse("dashboard")).content.decode()
        assert LIST_URL not in client_for(member_staff).get(reverse("dashboard")).content.decode()


class TestCreate:
    #                           board secr depu memb oblc oprv opbd natl
    @pytest.mark.parametrize(
        ("persona", "status"), by_persona((200, 403, 403, 403, 403, 403, 200, 403))
    )
    def test_who_may_open_the_form(self, request, world, client_for, persona, status):
        client = client_for(request.getfixturevalue(persona))

        assert client.get(CREATE_URL).status_code == status

    #                           board secr depu memb oblc oprv opbd natl
    @pytest.mark.parametrize(
        ("persona", "status"), by_persona((302, 403, 403, 403, 403, 403, 302, 403))
    )
    def test_who_may_add_a_type_and_to_which_province(
        self, request, world, client_for, persona, status
    ):
        user = request.getfixturevalue(persona)

        response = client_for(user).post(CREATE_URL, form_data())

        assert response.status_code == status
        created = AwardType.objects.filter(name="Giấy khen của Ban Thi đua")
        assert created.exists() == (status == 302)
        if status == 302:
            assert response.url == LIST_URL
            assert created.get().province == user.province

    def test_a_new_type_is_offered_the_next_position(self, flag, merit, board, client_for):
        form = client_for(board).get(CREATE_URL).context["form"]

        assert form["position"].value() == 3

    def test_a_name_the_province_has_is_refused_with_the_typed_values(
        self, flag, board, client_for
    ):
        with translation.override("en"):
            response = client_for(board).post(
                CREATE_URL, form_data(name=flag.name, short_name="Cờ gõ lại")
            )

        assert response.status_code == 200
        assert response.context["form"].errors["name"] == [
            "This province already has an award type of this name."
        ]
        assert 'value="Cờ gõ lại"' in response.content.decode()
        assert AwardType.objects.filter(name=flag.name).count() == 1

    def test_bad_input_is_shown_with_the_typed_values_and_saves_nothing(self, board, client_for):
        response = client_for(board).post(CREATE_URL, form_data(name="", short_name="Gõ dở"))

        assert response.status_code == 200
        assert set(response.context["form"].errors) == {"name"}
        assert 'value="Gõ dở"' in response.content.decode()
        assert not AwardType.objects.exists()

    def test_decomposed_text_is_stored_composed(self, board, client_for):
        typed = unicodedata.normalize("NFD", "Tập thể lao động xuất sắc")

        client_for(board).post(CREATE_URL, form_data(name=typed))

        assert AwardType.objects.get().name == "Tập thể lao động xuất sắc"


class TestEdit:
    #                           board secr depu memb oblc oprv opbd natl
    @pytest.mark.parametrize(
        ("persona", "status"), by_persona((200, 403, 403, 403, 403, 404, 404, 403))
    )
    def test_who_may_open_it(self, request, flag, client_for, persona, status):
        client = client_for(request.getfixturevalue(persona))

        assert client.get(edit_url(flag)).status_code == status

    #                           board secr depu memb oblc oprv opbd natl
    @pytest.mark.parametrize(
        ("persona", "status"), by_persona((302, 403, 403, 403, 403, 404, 404, 403))
    )
    def test_who_may_save_it(self, request, flag, client_for, persona, status):
        user = request.getfixturevalue(persona)

        response = client_for(user).post(edit_url(flag), form_data(flag, short_name="Cờ tỉnh"))

        assert response.status_code == status
        flag.refresh_from_db()
        assert (flag.short_name == "Cờ tỉnh") == (status == 302)
        if status == 302:
            assert flag.version == 2
            assert flag.history.first().history_user == user

    def test_it_shows_the_history(self, flag, board, client_for):
        client = client_for(board)
        client.post(edit_url(flag), form_data(flag, short_name="Cờ tỉnh"))

        entries = client.get(edit_url(flag)).context["history"]

        assert entries[0].user == board
        assert [(c.old, c.new) for c in entries[0].changes] == [("Cờ UBND tỉnh", "Cờ tỉnh")]

    def test_a_stale_version_is_refused_and_keeps_the_typed_values(
        self, flag, board, other_province_board, client_for
    ):
        colleague = type(board).objects.create(username="ban_tdkt_2", province=board.province)
        loaded = form_data(flag, short_name="Cờ thứ hai")
        client_for(colleague).post(edit_url(flag), form_data(flag, short_name="Cờ thứ nhất"))

        with translation.override("en"):
            response = client_for(board).post(edit_url(flag), loaded)

        assert response.status_code == 200
        assert STALE in response.content.decode()
        assert 'value="Cờ thứ hai"' in response.content.decode()
        flag.refresh_from_db()
        assert (flag.short_name, flag.version) == ("Cờ thứ nhất", 2)

    def test_renaming_to_a_name_the_province_has_is_refused(self, flag, merit, board, client_for):
        response = client_for(board).post(edit_url(merit), form_data(merit, name=flag.name))

        assert response.status_code == 200
        assert response.context["form"].errors
        merit.refresh_from_db()
        assert merit.name == "Bằng khen của Chủ tịch UBND tỉnh"


ACTIONS = {"retire": (deactivate_url, True), "put back in use": (reactivate_url, False)}


@pytest.mark.parametrize("action", list(ACTIONS))
class TestRetireAndPutBack:
    @pytest.fixture
    def award_type(self, request, action):
        fixture = "flag" if ACTIONS[action][1] else "retired"
        return request.getfixturevalue(fixture)

    #                           board secr depu memb oblc oprv opbd natl
    @pytest.mark.parametrize(
        ("persona", "status"), by_persona((302, 403, 403, 403, 403, 404, 404, 403))
    )
    def test_who_may_do_it(self, request, award_type, action, client_for, persona, status):
        url, was_active = ACTIONS[action][0](award_type), ACTIONS[action][1]

        response = client_for(request.getfixturevalue(persona)).post(url)

        assert response.status_code == status
        award_type.refresh_from_db()
        assert award_type.is_active == (was_active != (status == 302))
        if status == 302:
            assert response.url == LIST_URL

    def test_get_is_refused(self, award_type, action, board, client_for):
        response = client_for(board).get(ACTIONS[action][0](award_type))

        assert response.status_code == 405
        award_type.refresh_from_db()
        assert award_type.is_active == ACTIONS[action][1]

    def test_doing_it_twice_says_so_and_changes_nothing(
        self, award_type, action, board, client_for
    ):
        client = client_for(board)
        url = ACTIONS[action][0](award_type)
        client.post(url, follow=True)

        response = client.post(url, follow=True)

        assert [m.level_tag for m in response.context["messages"]] == ["error"]
        award_type.refresh_from_db()
        assert award_type.version == 2


def test_a_retired_type_is_no_longer_offered_for_registration(
    retired, merit, bloc_year_1, member_staff, client_for
):
    url = reverse("awards:registration_list", args=[bloc_year_1.bloc_id, bloc_year_1.year])

    form = client_for(member_staff).get(url).context["form"]

    assert list(form.fields["award_type"].queryset) == [merit]


class TestAddTheStandardTypes:
    #                           board secr depu memb oblc oprv opbd natl
    @pytest.mark.parametrize(
        ("persona", "status"), by_persona((302, 403, 403, 403, 403, 403, 302, 403))
    )
    def test_who_may_add_them_and_to_which_province(
        self, request, province_a, province_b, client_for, persona, status
    ):
        user = request.getfixturevalue(persona)

        response = client_for(user).post(STANDARD_URL)

        assert response.status_code == status
        counts = {
            province: AwardType.objects.filter(province=province).count()
            for province in (province_a, province_b)
        }
        expected = {province_a: 0, province_b: 0}
        if status == 302:
            expected[user.province] = len(STANDARD_AWARD_TYPES)
        assert counts == expected

    def test_get_is_refused(self, province_a, board, client_for):
        assert client_for(board).get(STANDARD_URL).status_code == 405
        assert not AwardType.objects.exists()

    def test_pressing_it_twice_adds_nothing_more(self, province_a, board, client_for):
        client = client_for(board)
        client.post(STANDARD_URL, follow=True)

        response = client.post(STANDARD_URL, follow=True)

        assert [m.level_tag for m in response.context["messages"]] == ["info"]
        assert AwardType.objects.filter(province=province_a).count() == len(STANDARD_AWARD_TYPES)
