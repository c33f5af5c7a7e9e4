"""The conferences the seed reports tell are in the demo, recorded through the services."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command

from meetings.models import Meeting
from tests.factories import BoardUserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)


def meeting(bloc: str, kind: str) -> Meeting:
    return Meeting.objects.select_related("bloc_year__bloc").get(
        bloc_year__bloc__name=bloc, kind=kind
    )


def test_dak_lak_bloc_3_year_end_conference_of_2020(demo, client_for):
    conference = meeting("Khối thi đua số 3", Meeting.Kind.YEAR_END)

    assert conference.bloc_year.year == 2020
    assert (conference.date, conference.start_time) == (
        datetime.date(2021, 1, 26),
        datetime.time(14, 30),
    )
    board = BoardUserFactory(province=conference.bloc_year.bloc.province)
    page = client_for(board).get(conference.get_absolute_url())
    text = page.content.decode()
    assert "Bộ Chỉ huy Quân sự tỉnh Đắk Lắk" in text
    assert "Thượng tá Trần Minh Trọng" in text
    assert "Y Sư Niê" in text
    assert "Trịnh Văn Toàn" in text
    assert "Công an tỉnh làm Khối trưởng" in text
    quorum = page.context["quorum"]
    assert (quorum.present, quorum.members, quorum.reached) == (8, 8, True)


def test_ca_mau_bloc_i_online_year_end_conference_of_2020(demo):
    conference = meeting("Khối thi đua I", Meeting.Kind.YEAR_END)

    assert conference.date == datetime.date(2021, 3, 12)
    assert conference.venue_kind == Meeting.VenueKind.ONLINE
    assert "Bộ Chỉ huy Quân sự tỉnh Cà Mau" in conference.venue_text()
    assert "888/QĐ-UBND" in conference.basis
    assert conference.guests.get().name == "Lê Hữu Thơ"
    assert conference.quorum().members == 7


def test_dak_lak_bloc_3_mid_year_review_of_2022(demo):
    review = meeting("Khối thi đua số 3", Meeting.Kind.MID_YEAR)

    assert review.bloc_year.year == 2022
    assert review.quorum().members == 12
    assert review.venue_text() == ""
    assert review.chairs.get().name == "Phạm Văn Sáu"
    opinion = review.opinions.get()
    assert (opinion.unit.short_name, opinion.speaker_name) == (
        "Lữ đoàn 198",
        "Đại tá Nguyễn Minh Mạnh",
    )
