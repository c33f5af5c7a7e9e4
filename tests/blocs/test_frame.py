"""The frame of a bloc-year's pages: one loader, one address for every page, the tabs each app
declares, and the slots higher apps fill."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import Http404
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from blocs.frame import bloc_year_for
from blocs.templatetags.frame import year_tabs

pytestmark = pytest.mark.django_db


def request_of(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


class TestTheLoader:
    def test_it_loads_the_bloc_year_with_its_bloc_and_province(self, bloc_year_1, member_staff):
        loaded = bloc_year_for(request_of(member_staff), bloc_year_1.bloc_id, 2025)

        assert loaded == bloc_year_1
        with CaptureQueriesContext(connection) as queries:
            assert loaded.bloc.province.name == "Đắk Lắk"
        assert len(queries) == 0

    def test_with_the_leaders_asking_for_the_secretariat_costs_no_query(
        self, bloc_year_1, secretariat
    ):
        loaded = bloc_year_for(
            request_of(secretariat),
            bloc_year_1.bloc_id,
            2025,
            "blocs.change_blocyear",
            leaders=True,
        )

        with CaptureQueriesContext(connection) as queries:
            assert secretariat.has_perm("blocs.change_blocyear", loaded)
            assert loaded.head.unit.short_name == "Công an tỉnh"
        assert len(queries) == 0

    def test_an_outsider_gets_404_and_a_reader_without_the_right_403(
        self, bloc_year_1, other_province_staff, member_staff
    ):
        with pytest.raises(Http404):
            bloc_year_for(request_of(other_province_staff), bloc_year_1.bloc_id, 2025)
        with pytest.raises(PermissionDenied):
            bloc_year_for(
                request_of(member_staff), bloc_year_1.bloc_id, 2025, "blocs.change_blocyear"
            )

    def test_a_year_the_bloc_does_not_have_is_404(self, bloc_year_1, board):
        with pytest.raises(Http404):
            bloc_year_for(request_of(board), bloc_year_1.bloc_id, 2019)


@pytest.fixture
def english():
    with translation.override("en"):
        yield


@pytest.mark.usefixtures("english")
class TestTheTabs:
    def test_they_are_the_sections_every_app_declares_in_their_order(self, bloc_year_1):
        tabs = year_tabs(bloc_year_1, "scores")["tabs"]
        base = f"/blocs/{bloc_year_1.bloc_id}/2025/"

        assert [(tab["label"], tab.get("url")) for tab in tabs] == [
            ("Overview", base),
            ("Members", base + "members/"),
            ("Leadership", base + "leadership/"),
            ("Pledge", base + "pledge/"),
            ("Title registrations", base + "registrations/"),
            ("Meetings", base + "meetings/"),
            ("Year-end review", None),
            ("Handover", base + "handover/"),
            ("Documents", base + "documents/"),
        ]
        review = tabs[6]
        assert [(link["label"], link["url"]) for link in review["links"]] == [
            ("Scores", base + "scores/"),
            ("Ballots", base + "ballots/"),
            ("Nominations", base + "nominations/"),
        ]

    def test_the_page_s_own_section_and_its_menu_are_marked(self, bloc_year_1):
        tabs = year_tabs(bloc_year_1, "ballots")["tabs"]

        assert [tab["label"] for tab in tabs if tab.get("active")] == ["Year-end review"]
        assert [link["label"] for link in tabs[6]["links"] if link["active"]] == ["Ballots"]

    @pytest.mark.parametrize(
        "name",
        [
            "blocs:members",
            "blocs:pledge_detail",
            "meetings:meeting_list",
            "meetings:document_list",
            "awards:registration_list",
            "awards:score_list",
            "awards:nomination_list",
        ],
    )
    def test_every_page_of_the_bloc_year_shows_them_with_its_own_marked(
        self, name, bloc_year_1, board, client_for
    ):
        url = reverse(name, args=[bloc_year_1.bloc_id, 2025])

        page = client_for(board).get(url).content.decode()

        assert (
            page.count('class="nav-link active"')
            + page.count('class="nav-link dropdown-toggle active"')
            == 1
        )
        assert f'href="{url}" aria-current="page"' in page
