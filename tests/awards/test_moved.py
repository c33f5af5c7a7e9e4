"""A bloc-year's award pages live under the bloc-year's address; the old ones redirect there."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "name", ["registration_list", "score_list", "ballot_list", "nomination_list", "submission"]
)
def test_each_award_page_of_a_bloc_year_lives_under_the_bloc_year(name, bloc_year_1):
    url = reverse(f"awards:{name}", args=[bloc_year_1.bloc_id, 2025])

    assert url.startswith(bloc_year_1.get_absolute_url())
    assert url == f"/blocs/{bloc_year_1.bloc_id}/2025/{url.rsplit('/2025/', 1)[1]}"


def test_an_old_address_redirects_for_good_to_the_new_one_with_its_query(
    bloc_year_1, board, client_for
):
    old = f"/awards/{bloc_year_1.bloc_id}/2025/scores/export/?sort=rank"

    response = client_for(board).get(old)

    assert response.status_code == 301
    assert response["Location"] == f"/blocs/{bloc_year_1.bloc_id}/2025/scores/export/?sort=rank"


def test_the_new_address_serves_the_page(bloc_year_1, board, client_for):
    response = client_for(board).get(
        f"/awards/{bloc_year_1.bloc_id}/2025/nominations/", follow=True
    )

    assert response.status_code == 200
    assert response.redirect_chain == [(f"/blocs/{bloc_year_1.bloc_id}/2025/nominations/", 301)]


def test_a_form_posted_to_an_old_address_is_sent_on_with_its_method(bloc_year_1, board, client_for):
    response = client_for(board).post(f"/awards/{bloc_year_1.bloc_id}/2025/submission/", {})

    assert response.status_code == 308
    assert response["Location"] == f"/blocs/{bloc_year_1.bloc_id}/2025/submission/"


def test_an_anonymous_visitor_of_an_old_address_still_has_to_log_in(bloc_year_1, client):
    response = client.get(f"/awards/{bloc_year_1.bloc_id}/2025/scores/", follow=True)

    assert response.redirect_chain[-1][0].startswith(reverse("login"))
