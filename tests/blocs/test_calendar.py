"""The year's calendar: the province's board sets the dates it expects (proposed from the year
before), counted in working days where it says so; each bloc-year's page shows where it stands
against them, derived from its records."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from blocs.models import BlocYearDate, CalendarDate, DayOff, Milestone, Pledge
from blocs.selectors.progress import DONE, DUE, OVERDUE, WAITING, year_progress
from blocs.services.calendar import calendar_rows, calendar_save
from meetings.models import Meeting
from tests.factories import RegistrationFactory

pytestmark = pytest.mark.django_db

D = datetime.date
MILESTONES = list(Milestone)


def calendar_url(province, year: int) -> str:
    return reverse("blocs:calendar", args=[province.code, year])


def form_of(rows: list[dict], **changes) -> dict:
    """Return the calendar form as the page fills it, with changes per milestone."""
    data = {
        "dates-TOTAL_FORMS": len(rows),
        "dates-INITIAL_FORMS": len(rows),
        "dates-MIN_NUM_FORMS": 0,
        "dates-MAX_NUM_FORMS": len(rows),
    }
    for i, row in enumerate(rows):
        row = {**row, **changes.get(row["milestone"], {})}
        data[f"dates-{i}-milestone"] = row["milestone"]
        data[f"dates-{i}-version"] = row["version"]
        data[f"dates-{i}-due_on"] = row["due_on"].isoformat() if row.get("due_on") else ""
        data[f"dates-{i}-working_days"] = row.get("working_days") or ""
        data[f"dates-{i}-after"] = row.get("after") or ""
        if row.get("blocs_may_change"):
            data[f"dates-{i}-blocs_may_change"] = "on"
    return data


def states(bloc_year, today) -> dict[str, tuple]:
    progress = year_progress([bloc_year], today=today)[bloc_year.pk]
    return {item.step.key: (item.state, item.done_on, item.due_on) for item in progress}


class TestTheBoardSetsTheCalendar:
    def test_the_first_year_is_proposed_from_common_practice(self, board, client_for, province_a):
        page = client_for(board).get(calendar_url(province_a, 2026))

        assert page.context["source"] == "usual"
        initial = {form.initial["milestone"]: form.initial for form in page.context["formset"]}
        assert initial[Milestone.PLEDGE]["due_on"] == D(2026, 3, 31)
        assert initial[Milestone.DOSSIER]["after"] == Milestone.YEAR_END
        assert initial[Milestone.DOSSIER]["working_days"] == 10
        assert "Tết Nguyên Đán" in page.content.decode()

    def test_it_saves_all_the_dates_at_once(self, board, client_for, province_a):
        rows, _source = calendar_rows(province=province_a, year=2026)

        response = client_for(board).post(
            calendar_url(province_a, 2026),
            form_of(rows, **{Milestone.PLEDGE: {"due_on": D(2026, 3, 20)}}),
        )

        assert response.status_code == 302
        saved = {d.milestone: d for d in CalendarDate.objects.filter(province=province_a)}
        assert len(saved) == len(MILESTONES)
        assert saved[Milestone.PLEDGE].due_on == D(2026, 3, 20)
        assert saved[Milestone.DOSSIER].working_days == 10

    def test_the_next_year_is_proposed_from_this_one(self, board, client_for, province_a):
        rows, _source = calendar_rows(province=province_a, year=2026)
        calendar_save(
            province=province_a,
            year=2026,
            rows=[
                {**row, "due_on": D(2026, 3, 20)} if row["milestone"] == Milestone.PLEDGE else row
                for row in rows
            ],
        )

        rows, source = calendar_rows(province=province_a, year=2027)

        assert source == "previous"
        assert {r["milestone"]: r["due_on"] for r in rows}[Milestone.PLEDGE] == D(2027, 3, 20)

    def test_a_date_and_a_count_at_once_is_refused_in_vietnamese(
        self, board, client_for, province_a
    ):
        rows, _source = calendar_rows(province=province_a, year=2026)

        response = client_for(board).post(
            calendar_url(province_a, 2026),
            form_of(rows, **{Milestone.PLEDGE: {"working_days": 5, "after": "registration"}}),
        )

        assert response.status_code == 200
        assert "Ghi ngày hoặc số ngày làm việc, không ghi cả hai." in response.content.decode()
        assert not CalendarDate.objects.exists()

    def test_dates_counted_after_each_other_in_a_circle_are_refused(self, province_a):
        rows, _source = calendar_rows(province=province_a, year=2026)
        rows = [
            {**row, "due_on": None, "after": Milestone.DOSSIER, "working_days": 5}
            if row["milestone"] == Milestone.YEAR_END
            else row
            for row in rows
        ]

        with pytest.raises(Exception, match="vòng"):
            calendar_save(province=province_a, year=2026, rows=rows)
        assert not CalendarDate.objects.exists()

    def test_a_stale_calendar_is_refused(self, board, client_for, province_a):
        rows, _source = calendar_rows(province=province_a, year=2026)
        client_for(board).post(calendar_url(province_a, 2026), form_of(rows))

        response = client_for(board).post(calendar_url(province_a, 2026), form_of(rows))

        assert response.status_code == 200
        assert "Người khác đã lưu" in response.content.decode()

    def test_a_day_off_is_added_and_removed(self, board, client_for, province_a):
        url = reverse("blocs:day_off_add", args=[province_a.code, 2026])

        client_for(board).post(url, {"day": "2026-04-27", "name": "Nghỉ bù"})

        day_off = DayOff.objects.get()
        assert day_off.day == D(2026, 4, 27)
        remove = reverse("blocs:day_off_remove", args=[province_a.code, 2026, day_off.pk])
        client_for(board).post(remove)
        assert not DayOff.objects.exists()

    @pytest.mark.parametrize(
        ("persona", "read", "write"),
        [
            ("board", 200, 302),
            ("secretariat", 200, 403),
            ("member_staff", 200, 403),
            ("other_province_board", 404, 404),
            ("other_province_staff", 404, 404),
            ("national", 200, 403),
        ],
    )
    def test_who_reads_and_who_sets_it(self, request, client_for, province_a, persona, read, write):
        client = client_for(request.getfixturevalue(persona))
        rows, _source = calendar_rows(province=province_a, year=2026)

        assert client.get(calendar_url(province_a, 2026)).status_code == read
        assert client.post(calendar_url(province_a, 2026), form_of(rows)).status_code == write
        assert CalendarDate.objects.exists() == (write == 302)


class TestWhereTheYearStands:
    @pytest.fixture
    def calendar(self, province_a):
        rows, _source = calendar_rows(province=province_a, year=2025)
        return calendar_save(province=province_a, year=2025, rows=rows)

    def test_nothing_recorded_is_due_or_overdue_by_the_calendar(self, calendar, bloc_year_1):
        found = states(bloc_year_1, today=D(2025, 4, 10))

        assert found["opened"][0] == DONE
        assert found["leaders"][0] == DONE
        assert found["pledge"] == (OVERDUE, None, D(2025, 3, 31))
        assert found["registrations"] == (OVERDUE, None, D(2025, 3, 15))
        assert found["mid_year"] == (DUE, None, D(2025, 7, 31))
        assert found["handover"][0] == WAITING

    def test_the_records_say_what_is_done_and_when(self, calendar, bloc_year_1, world):
        Pledge.objects.create(bloc_year=bloc_year_1, title="Giao ước", signed_on=D(2025, 3, 2))
        RegistrationFactory(
            membership=bloc_year_1.memberships.get(unit=world.unit_m), registered_on=D(2025, 3, 9)
        )

        found = states(bloc_year_1, today=D(2025, 4, 10))

        assert found["pledge"] == (DONE, D(2025, 3, 2), D(2025, 3, 31))
        assert found["registrations"] == (DONE, D(2025, 3, 9), D(2025, 3, 15))

    def test_the_dossier_is_counted_from_the_conference_the_bloc_held(self, calendar, bloc_year_1):
        Meeting.objects.create(
            bloc_year=bloc_year_1,
            kind=Meeting.Kind.YEAR_END,
            title="Hội nghị tổng kết",
            date=D(2026, 1, 8),
            venue_kind=Meeting.VenueKind.ONLINE,
        )

        found = states(bloc_year_1, today=D(2026, 1, 9))

        assert found["year_end"] == (DONE, D(2026, 1, 8), D(2026, 1, 20))
        # Ten working days after Thursday 8 January 2026.
        assert found["dossier"] == (DUE, None, D(2026, 1, 22))

    def test_a_bloc_sets_its_own_conference_date_where_allowed(
        self, calendar, bloc_year_1, secretariat, client_for
    ):
        url = reverse("blocs:own_date_set", args=[bloc_year_1.bloc_id, 2025])

        client_for(secretariat).post(
            url, {"milestone": Milestone.YEAR_END, "version": 0, "due_on": "2026-01-12"}
        )

        assert BlocYearDate.objects.get().due_on == D(2026, 1, 12)
        found = states(bloc_year_1, today=D(2026, 1, 13))
        assert found["year_end"] == (OVERDUE, None, D(2026, 1, 12))
        # …and the dossier counts from it while the conference is not recorded.
        assert found["dossier"][2] == D(2026, 1, 26)

    def test_a_bloc_cannot_set_a_date_the_province_sets(
        self, calendar, bloc_year_1, secretariat, client_for
    ):
        url = reverse("blocs:own_date_set", args=[bloc_year_1.bloc_id, 2025])

        response = client_for(secretariat).post(
            url, {"milestone": Milestone.PLEDGE, "version": 0, "due_on": "2025-04-30"}, follow=True
        )

        assert "Tỉnh quy định ngày này cho mọi khối." in response.content.decode()
        assert not BlocYearDate.objects.exists()

    def test_the_bloc_years_page_shows_it(self, calendar, bloc_year_1, member_staff, client_for):
        page = client_for(member_staff).get(bloc_year_1.get_absolute_url()).content.decode()

        assert 'data-testid="progress"' in page
        assert 'data-step="pledge" data-state="overdue"' in page

    def test_a_year_without_a_calendar_has_no_dates(self, bloc_year_1):
        found = states(bloc_year_1, today=D(2025, 12, 1))

        assert found["pledge"] == (WAITING, None, None)


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("board", 302),
        ("secretariat", 403),
        ("member_staff", 403),
        ("other_province_board", 404),
        ("national", 403),
    ],
)
def test_who_adds_a_day_off(request, client_for, province_a, persona, status):
    client = client_for(request.getfixturevalue(persona))

    response = client.post(
        reverse("blocs:day_off_add", args=[province_a.code, 2026]),
        {"day": "2026-04-27", "name": "Nghỉ bù"},
    )

    assert response.status_code == status
    assert DayOff.objects.exists() == (status == 302)


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("board", 302),
        ("secretariat", 302),
        ("deputy_staff", 302),
        ("member_staff", 403),
        ("other_bloc_staff", 404),
        ("other_province_board", 404),
    ],
)
def test_who_sets_a_bloc_years_own_date(
    request, client_for, province_a, bloc_year_1, persona, status
):
    rows, _source = calendar_rows(province=province_a, year=2025)
    calendar_save(province=province_a, year=2025, rows=rows)
    client = client_for(request.getfixturevalue(persona))

    response = client.post(
        reverse("blocs:own_date_set", args=[bloc_year_1.bloc_id, 2025]),
        {"milestone": Milestone.YEAR_END, "version": 0, "due_on": "2026-01-12"},
    )

    assert response.status_code == status
    assert BlocYearDate.objects.exists() == (status == 302)
