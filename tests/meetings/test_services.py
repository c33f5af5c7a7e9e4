"""Recording meetings from code, as the pages and the demo data do."""

from __future__ import annotations

import datetime
import unicodedata

import pytest
from django.utils import translation

from blocs.models import BlocYear
from core.errors import DomainError
from meetings.models import Attendance, Chair, Meeting
from meetings.services import meetings as services
from tests.checks import STALE, vietnamese
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def all_present(bloc_year: BlocYear, changes: dict | None = None) -> list[dict]:
    """Return an attendance row per member unit, present, but for the rows changed (by unit)."""
    changes = changes or {}
    return [
        {"unit": m.unit, "present": True, **changes.get(m.unit, {})}
        for m in bloc_year.memberships.select_related("unit")
    ]


class TestMeetingCreate:
    def test_it_records_the_meeting_with_its_rows_in_order(self, meeting, unit_h, unit_m):
        assert [(c.position, c.name, c.unit) for c in meeting.chairs.all()] == [
            (1, "Thượng tá Trần Minh Trọng", unit_h)
        ]
        assert [a.title for a in meeting.agenda_items.all()] == [
            "Thông qua báo cáo tổng kết",
            "Ký kết giao ước thi đua",
        ]
        assert [a.position for a in meeting.agenda_items.all()] == [1, 2]
        assert meeting.opinions.get().unit == unit_m
        assert meeting.guests.get().name == "Y Sư Niê"
        assert meeting.version == 1

    def test_it_stores_decomposed_text_composed(self, bloc_year_1):
        typed = unicodedata.normalize("NFD", "Hội nghị sơ kết 6 tháng")

        meeting = services.meeting_create(
            bloc_year=bloc_year_1,
            kind=Meeting.Kind.MID_YEAR,
            title=typed,
            date=datetime.date(2025, 7, 10),
            venue_kind=Meeting.VenueKind.ONLINE,
            chairs=[{"name": unicodedata.normalize("NFD", "Phạm Văn Sáu")}],
        )

        meeting.refresh_from_db()
        assert meeting.title == "Hội nghị sơ kết 6 tháng"
        assert meeting.chairs.get().name == "Phạm Văn Sáu"

    def test_a_refused_row_saves_nothing_and_says_which_row(self, bloc_year_1, unit_o):
        with translation.override("en"), pytest.raises(DomainError) as excinfo:
            services.meeting_create(
                bloc_year=bloc_year_1,
                kind=Meeting.Kind.OTHER,
                title="Hội nghị",
                date=datetime.date(2025, 7, 10),
                venue_kind=Meeting.VenueKind.ONLINE,
                chairs=[{"name": "A"}, {"name": "B", "unit": unit_o}],
            )

        assert excinfo.value.message == "Chair 2: The unit is not a member of this bloc-year."
        assert not Meeting.objects.exists()

    def test_an_unknown_field_of_a_row_is_a_programming_error(self, bloc_year_1):
        with pytest.raises(TypeError):
            services.meeting_create(
                bloc_year=bloc_year_1,
                kind=Meeting.Kind.OTHER,
                title="Hội nghị",
                date=datetime.date(2025, 7, 10),
                venue_kind=Meeting.VenueKind.ONLINE,
                guests=[{"name": "A", "rank": "Đại tá"}],
            )


class TestMeetingUpdate:
    def test_it_changes_the_rows_it_touches_and_drops_the_rest(self, meeting):
        first = meeting.agenda_items.get(position=1)

        services.meeting_update(
            meeting=meeting,
            version=1,
            conclusions="Hội nghị thống nhất các nội dung.",
            agenda=[{"title": "Thông qua báo cáo tổng kết năm 2025"}],
        )

        meeting.refresh_from_db()
        assert meeting.version == 2
        assert meeting.conclusions == "Hội nghị thống nhất các nội dung."
        assert [(a.pk, a.title) for a in meeting.agenda_items.all()] == [
            (first.pk, "Thông qua báo cáo tổng kết năm 2025")
        ]
        # The lists not given are left as they were.
        assert meeting.chairs.count() == 1
        assert first.history.count() == 2

    def test_a_stale_version_is_refused_and_changes_nothing(self, meeting):
        services.meeting_update(meeting=meeting, version=1, title="Bản của người thứ nhất")

        with pytest.raises(DomainError) as excinfo:
            services.meeting_update(
                meeting=meeting, version=1, title="Bản của người thứ hai", chairs=[]
            )

        assert excinfo.value.message == vietnamese(STALE)
        meeting.refresh_from_db()
        assert meeting.title == "Bản của người thứ nhất"
        assert meeting.chairs.count() == 1

    def test_an_unknown_field_is_a_programming_error(self, meeting):
        with pytest.raises(TypeError):
            services.meeting_update(meeting=meeting, version=1, bloc_year=None)


class TestAttendanceSave:
    def test_it_records_every_member_and_counts_the_quorum(self, meeting, unit_h, unit_d, unit_m):
        rows = [
            {
                "unit": unit_h,
                "present": True,
                "representative_name": "Trần Minh Trọng",
                "representative_title": "Chính ủy",
            },
            {"unit": unit_d, "present": True},
            {"unit": unit_m, "present": False, "absence_reason": "Đi công tác"},
        ]

        services.meeting_attendance_save(meeting=meeting, version=1, rows=rows)

        meeting.refresh_from_db()
        assert meeting.version == 2
        assert meeting.attendances.get(unit=unit_h).representative_name == "Trần Minh Trọng"
        assert meeting.attendances.get(unit=unit_m).absence_reason == "Đi công tác"
        quorum = meeting.quorum()
        assert (quorum.present, quorum.members, quorum.needed, quorum.reached) == (2, 3, 2, True)

    def test_saving_again_changes_only_the_rows_that_changed(self, meeting, unit_h):
        rows = all_present(meeting.bloc_year)
        services.meeting_attendance_save(meeting=meeting, version=1, rows=rows)
        row = meeting.attendances.get(unit=unit_h)

        rows = all_present(meeting.bloc_year, {unit_h: {"present": False}})
        services.meeting_attendance_save(meeting=meeting, version=2, rows=rows)

        row.refresh_from_db()
        assert not row.present
        assert row.history.count() == 2
        assert Attendance.history.filter(meeting_id=meeting.pk).count() == 4

    def test_it_needs_every_member_unit(self, meeting, unit_h, unit_d):
        rows = [{"unit": unit_h, "present": True}, {"unit": unit_d, "present": True}]

        with translation.override("en"), pytest.raises(DomainError) as excinfo:
            services.meeting_attendance_save(meeting=meeting, version=1, rows=rows)

        assert excinfo.value.message == (
            "Record the attendance of every member unit; missing: Sở Tư pháp."
        )
        assert not meeting.attendances.exists()
        assert Meeting.objects.get(pk=meeting.pk).version == 1

    def test_it_refuses_a_unit_outside_the_bloc_year(self, meeting, unit_o):
        rows = [*all_present(meeting.bloc_year), {"unit": unit_o, "present": True}]

        with pytest.raises(DomainError):
            services.meeting_attendance_save(meeting=meeting, version=1, rows=rows)

        assert not meeting.attendances.exists()

    def test_it_refuses_a_unit_listed_twice(self, meeting, unit_h):
        rows = [*all_present(meeting.bloc_year), {"unit": unit_h, "present": False}]

        with pytest.raises(DomainError):
            services.meeting_attendance_save(meeting=meeting, version=1, rows=rows)

        assert not meeting.attendances.exists()

    def test_it_refuses_a_representative_for_an_absent_unit(self, meeting, unit_h):
        rows = all_present(
            meeting.bloc_year, {unit_h: {"present": False, "representative_name": "A"}}
        )

        with pytest.raises(DomainError) as excinfo:
            services.meeting_attendance_save(meeting=meeting, version=1, rows=rows)

        assert excinfo.value.message.startswith(f"{unit_h}: ")
        assert not meeting.attendances.exists()

    def test_a_stale_version_is_refused(self, meeting):
        services.meeting_attendance_save(
            meeting=meeting, version=1, rows=all_present(meeting.bloc_year)
        )

        with pytest.raises(DomainError) as excinfo:
            services.meeting_attendance_save(meeting=meeting, version=1, rows=[])

        assert excinfo.value.message == vietnamese(STALE)
        assert meeting.attendances.count() == 3

    def test_a_unit_that_left_the_bloc_year_is_dropped_and_a_new_one_counted(self, meeting, unit_m):
        services.meeting_attendance_save(
            meeting=meeting, version=1, rows=all_present(meeting.bloc_year)
        )
        meeting.bloc_year.memberships.get(unit=unit_m).delete()
        newcomer = MembershipFactory(bloc_year=meeting.bloc_year).unit

        services.meeting_attendance_save(
            meeting=meeting, version=2, rows=all_present(meeting.bloc_year)
        )

        assert set(meeting.attendances.values_list("unit", flat=True)) == set(
            meeting.bloc_year.memberships.values_list("unit", flat=True)
        )
        assert meeting.attendances.filter(unit=newcomer).exists()


class TestMeetingDelete:
    def test_it_deletes_the_meeting_and_its_rows(self, meeting):
        services.meeting_delete(meeting=meeting, version=1)

        assert not Meeting.objects.exists()
        assert not Chair.objects.exists()

    def test_it_refuses_in_a_closed_year(self, meeting):
        bloc_year = meeting.bloc_year
        bloc_year.state = BlocYear.State.CLOSED
        bloc_year.save()

        with translation.override("en"), pytest.raises(DomainError) as excinfo:
            services.meeting_delete(meeting=meeting, version=1)

        assert excinfo.value.message == (
            "The year is closed: its meetings can no longer be deleted."
        )
        assert Meeting.objects.filter(pk=meeting.pk).exists()

    def test_a_stale_version_is_refused(self, meeting):
        services.meeting_update(meeting=meeting, version=1, note="Đã sửa")

        with pytest.raises(DomainError):
            services.meeting_delete(meeting=meeting, version=1)

        assert Meeting.objects.filter(pk=meeting.pk).exists()
