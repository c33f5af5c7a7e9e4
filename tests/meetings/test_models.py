"""Meetings and their rows: the rules the database and clean() hold, and the quorum."""

from __future__ import annotations

import datetime

import pytest
from django.utils import translation

from meetings.models import Attendance, Chair, Meeting, Opinion, Quorum
from tests.checks import assert_database_refuses, refusal
from tests.factories import BlocYearFactory, MembershipFactory, UnitNameFactory

pytestmark = pytest.mark.django_db


def refused(obj, field: str = "__all__") -> list[str]:
    """Return the English messages with which full_clean() refuses the field."""
    return refusal(obj, language="en").get(field, [])


class TestMeeting:
    def test_it_must_close_after_it_starts(self, meeting):
        meeting.end_time = datetime.time(14, 0)

        assert "The meeting must close after it starts." in refused(meeting)
        assert_database_refuses(meeting)

    def test_a_closing_time_needs_a_starting_time(self, meeting):
        meeting.start_time, meeting.end_time = None, datetime.time(17, 0)

        assert "The meeting must close after it starts." in refused(meeting)
        assert_database_refuses(meeting)

    def test_the_times_may_be_unknown(self, meeting):
        meeting.start_time = meeting.end_time = None

        meeting.full_clean()

    def test_a_meeting_at_premises_names_the_host(self, meeting):
        meeting.host_unit = None

        assert "Say whose premises the meeting is held at." in refused(meeting)
        assert_database_refuses(meeting)

    def test_a_meeting_elsewhere_says_where(self, meeting):
        meeting.venue_kind, meeting.venue = Meeting.VenueKind.OTHER, ""

        assert "Say where the meeting is held." in refused(meeting)
        assert_database_refuses(meeting)

    def test_an_online_meeting_needs_no_host(self, meeting):
        meeting.venue_kind, meeting.host_unit = Meeting.VenueKind.ONLINE, None

        meeting.full_clean()

    def test_the_venue_may_be_unknown(self, meeting):
        meeting.venue_kind, meeting.host_unit = "", None

        meeting.full_clean()
        assert meeting.venue_text() == ""

    def test_an_unknown_kind_is_refused(self, meeting):
        meeting.kind = "picnic"

        assert refused(meeting, "kind")
        assert_database_refuses(meeting)

    @pytest.mark.parametrize("field", ["host_unit", "secretary_unit"])
    def test_the_host_and_the_secretary_come_from_member_units(self, meeting, unit_o, field):
        setattr(meeting, field, unit_o)

        assert refused(meeting, field) == ["The unit is not a member of this bloc-year."]

    def test_its_date_is_near_its_year(self, meeting):
        meeting.date = datetime.date(2027, 1, 5)

        assert refused(meeting, "date") == [
            "Date must lie between 01/10/2024 and 31/12/2026, the period of the year 2025."
        ]

    def test_the_venue_names_the_host_as_it_was_named_that_year(self, meeting, unit_h):
        UnitNameFactory(
            unit=unit_h,
            full_name="Công an tỉnh Đắk Lắk (tên cũ)",
            valid_until=datetime.date(2026, 1, 1),
        )
        meeting.venue = "Hội trường tầng 2"

        with translation.override("en"):
            assert meeting.venue_text() == (
                "At the premises of Công an tỉnh Đắk Lắk (tên cũ), Hội trường tầng 2"
            )

    def test_an_online_venue_names_its_host(self, meeting, unit_h):
        meeting.venue_kind = Meeting.VenueKind.ONLINE

        with translation.override("en"):
            assert meeting.venue_text() == f"In the online meeting room of {unit_h.full_name}"


class TestRows:
    def test_two_chairs_cannot_share_a_number(self, meeting):
        twin = Chair(meeting=meeting, position=1, name="Người thứ hai")

        assert "Two rows cannot share a number." in refused(twin)
        assert_database_refuses(twin)

    def test_rows_are_numbered_from_one(self, meeting):
        zero = Chair(meeting=meeting, position=0, name="Người thứ hai")

        assert_database_refuses(zero)

    def test_a_chair_from_a_unit_outside_the_bloc_year_is_refused(self, meeting, unit_o):
        chair = Chair(meeting=meeting, position=2, name="Đồng chủ trì", unit=unit_o)

        assert refused(chair, "unit") == ["The unit is not a member of this bloc-year."]

    def test_an_opinion_names_its_unit_or_its_speaker(self, meeting):
        opinion = Opinion(meeting=meeting, position=2, content="Góp ý dự thảo báo cáo.")

        assert "Say which unit or who gave the opinion." in refused(opinion)
        assert_database_refuses(opinion)

    def test_a_guest_may_give_an_opinion_without_a_unit(self, meeting):
        Opinion(
            meeting=meeting, position=2, speaker_name="Y Sư Niê", content="Phát biểu chỉ đạo."
        ).full_clean()


class TestAttendance:
    def test_a_unit_is_recorded_once_per_meeting(self, meeting, unit_h):
        Attendance.objects.create(meeting=meeting, unit=unit_h)
        twin = Attendance(meeting=meeting, unit=unit_h)

        assert "The unit's attendance is already recorded." in refused(twin)
        assert_database_refuses(twin)

    def test_an_absent_unit_has_no_representative(self, meeting, unit_h):
        row = Attendance(meeting=meeting, unit=unit_h, present=False, representative_name="A")

        assert refused(row)
        assert_database_refuses(row)

    def test_a_present_unit_has_no_reason_for_absence(self, meeting, unit_h):
        row = Attendance(meeting=meeting, unit=unit_h, present=True, absence_reason="Bận")

        assert refused(row)
        assert_database_refuses(row)

    def test_only_member_units_attend(self, meeting, unit_o):
        row = Attendance(meeting=meeting, unit=unit_o)

        assert refused(row, "unit") == ["The unit is not a member of this bloc-year."]


class TestQuorum:
    @pytest.fixture
    def eight_members(self, bloc_2):
        bloc_year = BlocYearFactory(bloc=bloc_2, year=2026)
        return [MembershipFactory(bloc_year=bloc_year).unit for _ in range(8)], bloc_year

    @pytest.fixture
    def conference(self, eight_members):
        units, bloc_year = eight_members
        return Meeting.objects.create(
            bloc_year=bloc_year,
            title="Hội nghị",
            date=datetime.date(2026, 12, 20),
            venue_kind=Meeting.VenueKind.ONLINE,
        )

    @pytest.mark.parametrize(("present", "reached"), [(8, True), (6, True), (5, False), (0, False)])
    def test_two_thirds_of_eight_members_is_six(self, eight_members, conference, present, reached):
        units, _bloc_year = eight_members
        for index, unit in enumerate(units):
            Attendance.objects.create(meeting=conference, unit=unit, present=index < present)

        quorum = conference.quorum()

        assert (quorum.present, quorum.members, quorum.needed) == (present, 8, 6)
        assert quorum.reached is reached
        counted = Meeting.objects.with_attendance_counts().get(pk=conference.pk).quorum()
        assert counted == quorum

    def test_it_follows_the_bloc_years_setting(self, eight_members):
        _units, bloc_year = eight_members
        bloc_year.quorum_numerator, bloc_year.quorum_denominator = 1, 2

        assert Quorum.of(bloc_year, present=4, members=8).reached
        assert not Quorum.of(bloc_year, present=3, members=8).reached

    def test_without_attendance_it_is_not_recorded_and_not_reached(self, conference):
        quorum = conference.quorum()

        assert not quorum.recorded
        assert not quorum.reached
