"""The meeting pages: who may open and post which, and how they keep what the user typed."""

from __future__ import annotations

import unicodedata

import pytest
from django.urls import reverse
from django.utils import translation

from blocs.models import BlocYear
from meetings.models import Meeting
from meetings.services import meetings as services
from tests.checks import STALE, vietnamese
from tests.meetings.helpers import attendance_data, meeting_data, url_of
from tests.personas import matrix

pytestmark = pytest.mark.django_db


def list_url(bloc_year: BlocYear) -> str:
    return reverse("meetings:meeting_list", args=[bloc_year.bloc_id, bloc_year.year])


def new_url(bloc_year: BlocYear) -> str:
    return reverse("meetings:meeting_new", args=[bloc_year.bloc_id, bloc_year.year])


PAGES = {
    "list": lambda m: list_url(m.bloc_year),
    "detail": lambda m: m.get_absolute_url(),
    "new": lambda m: new_url(m.bloc_year),
    "edit": lambda m: url_of("meeting_edit", m),
    "attendance": lambda m: url_of("meeting_attendance", m),
    "confirm delete": lambda m: url_of("meeting_confirm_delete", m),
}

#                        board  secr  depu  memb  oblc  oprv  opbd  natl
READS = {
    "list":             (200,  200,  200,  200,  404,  404,  404,  200),
    "detail":           (200,  200,  200,  200,  404,  404,  404,  200),
    "new":              (200,  200,  200,  403,  404,  404,  404,  403),
    "edit":             (200,  200,  200,  403,  404,  404,  404,  403),
    "attendance":       (200,  200,  200,  403,  404,  404,  404,  403),
    "confirm delete":   (200,  200,  200,  403,  404,  404,  404,  403),
}  # fmt: skip

# Each write: where it posts, what it sends, and how to tell it was saved.
WRITES = {
    "new": (
        lambda m: new_url(m.bloc_year),
        lambda m: meeting_data(),
        lambda m: Meeting.objects.filter(kind="launch").exists(),
    ),
    "edit": (
        lambda m: url_of("meeting_edit", m),
        lambda m: meeting_data(m, conclusions="Hội nghị thống nhất."),
        lambda m: Meeting.objects.get(pk=m.pk).conclusions == "Hội nghị thống nhất.",
    ),
    "attendance": (
        lambda m: url_of("meeting_attendance", m),
        lambda m: attendance_data(
            m, {m.bloc_year.memberships.get(role="1_head").unit: "present"} | all_members(m)
        ),
        lambda m: m.attendances.count() == 3,
    ),
    "delete": (
        lambda m: url_of("meeting_delete", m),
        lambda m: {"version": m.version},
        lambda m: not Meeting.objects.filter(pk=m.pk).exists(),
    ),
}

#                 board  secr  depu  memb  oblc  oprv  opbd  natl
WRITE_STATUS = (302,  302,  302,  403,  404,  404,  404,  403)  # fmt: skip


def all_members(meeting: Meeting, status="present") -> dict:
    return {m.unit: status for m in meeting.bloc_year.memberships.select_related("unit")}


@pytest.mark.parametrize(("page_name", "persona", "status"), matrix(READS))
def test_who_may_open_which_page(request, meeting, client_for, page_name, persona, status):
    client = client_for(request.getfixturevalue(persona))

    assert client.get(PAGES[page_name](meeting)).status_code == status


@pytest.mark.parametrize(
    ("action", "persona", "status"), matrix(dict.fromkeys(WRITES, WRITE_STATUS))
)
def test_who_may_post_which_action(request, meeting, client_for, action, persona, status):
    client = client_for(request.getfixturevalue(persona))
    url, data, was_saved = WRITES[action]

    response = client.post(url(meeting), data(meeting))

    assert response.status_code == status
    assert was_saved(meeting) == (status == 302)


@pytest.mark.parametrize("page_name", [*PAGES])
def test_every_page_sends_an_anonymous_visitor_to_log_in(meeting, client, page_name):
    response = client.get(PAGES[page_name](meeting))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_deleting_refuses_get(meeting, board, client_for):
    response = client_for(board).get(url_of("meeting_delete", meeting))

    assert response.status_code == 405
    assert Meeting.objects.filter(pk=meeting.pk).exists()


def test_the_confirmation_page_refuses_post(meeting, board, client_for):
    response = client_for(board).post(url_of("meeting_confirm_delete", meeting))

    assert response.status_code == 405
    assert Meeting.objects.filter(pk=meeting.pk).exists()


class TestClosedYear:
    @pytest.fixture
    def closed(self, meeting):
        bloc_year = meeting.bloc_year
        bloc_year.state = BlocYear.State.CLOSED
        bloc_year.save()
        return meeting

    @pytest.mark.parametrize("action", [*WRITES])
    def test_the_secretariat_may_no_longer_write(self, closed, secretariat, client_for, action):
        url, data, was_saved = WRITES[action]

        response = client_for(secretariat).post(url(closed), data(closed))

        assert response.status_code == 403
        assert not was_saved(closed)

    @pytest.mark.parametrize("action", ["new", "edit", "attendance"])
    def test_the_board_still_records_and_corrects(self, closed, board, client_for, action):
        url, data, was_saved = WRITES[action]

        response = client_for(board).post(url(closed), data(closed))

        assert response.status_code == 302
        assert was_saved(closed)

    def test_not_even_the_board_deletes_a_meeting(self, closed, board, client_for):
        url, data, was_saved = WRITES["delete"]

        assert client_for(board).get(url_of("meeting_confirm_delete", closed)).status_code == 403
        assert client_for(board).post(url(closed), data(closed)).status_code == 403
        assert not was_saved(closed)

    def test_members_still_read_it(self, closed, member_staff, client_for):
        assert client_for(member_staff).get(closed.get_absolute_url()).status_code == 200


class TestLinks:
    def test_the_bloc_year_has_a_meetings_tab(self, bloc_year_1, member_staff, client_for):
        page = client_for(member_staff).get(bloc_year_1.get_absolute_url()).content.decode()

        assert list_url(bloc_year_1) in page

    def test_the_secretariat_sees_the_actions_and_a_member_does_not(
        self, meeting, secretariat, member_staff, client_for
    ):
        actions = [
            new_url(meeting.bloc_year),
            url_of("meeting_edit", meeting),
            url_of("meeting_attendance", meeting),
            url_of("meeting_confirm_delete", meeting),
        ]
        for_secretariat = client_for(secretariat)
        for_member = client_for(member_staff)
        pages = [list_url(meeting.bloc_year), meeting.get_absolute_url()]
        secretariat_html = "".join(for_secretariat.get(url).content.decode() for url in pages)
        member_html = "".join(for_member.get(url).content.decode() for url in pages)

        assert all(url in secretariat_html for url in actions)
        assert not any(url in member_html for url in actions)


class TestMeetingForm:
    def test_a_new_meeting_is_saved_with_its_rows(self, bloc_year_1, unit_h, board, client_for):
        data = meeting_data(
            chairs=[
                {"name": "Thượng tá Trần Minh Trọng", "title": "Chính ủy", "unit": unit_h.pk},
                {"name": "", "title": "", "unit": ""},  # a blank extra row
            ],
            guests=[{"name": "Y Sư Niê", "title": "Phó Trưởng Ban TĐKT tỉnh"}],
        )

        response = client_for(board).post(new_url(bloc_year_1), data)

        meeting = Meeting.objects.get(kind="launch")
        assert response.status_code == 302
        assert response.url == meeting.get_absolute_url()
        assert [c.name for c in meeting.chairs.all()] == ["Thượng tá Trần Minh Trọng"]
        assert meeting.guests.get().title == "Phó Trưởng Ban TĐKT tỉnh"
        assert meeting.history.get().history_user == board

    def test_save_and_continue_comes_back_to_the_form(self, meeting, secretariat, client_for):
        data = meeting_data(meeting, **{"continue": "1"})

        response = client_for(secretariat).post(url_of("meeting_edit", meeting), data)

        assert response.status_code == 302
        assert response.url == url_of("meeting_edit", meeting)

    def test_ticking_delete_removes_a_row(self, meeting, secretariat, client_for):
        agenda = [
            {"title": "Thông qua báo cáo tổng kết", "DELETE": "on"},
            {"title": "Ký kết giao ước thi đua"},
        ]

        client_for(secretariat).post(
            url_of("meeting_edit", meeting), meeting_data(meeting, agenda=agenda)
        )

        assert [a.title for a in meeting.agenda_items.all()] == ["Ký kết giao ước thi đua"]

    def test_invalid_input_keeps_what_was_typed_and_saves_nothing(
        self, meeting, secretariat, client_for
    ):
        data = meeting_data(
            meeting,
            end_time="13:00",
            conclusions="Kết luận vừa gõ",
            guests=[{"name": "Lê Hữu Thơ", "title": "Phó Trưởng Ban", "organisation": ""}],
        )

        with translation.override("en"):
            response = client_for(secretariat).post(url_of("meeting_edit", meeting), data)

        assert response.status_code == 200
        assert response.context["form"].errors["__all__"] == [
            "The meeting must close after it starts."
        ]
        page = response.content.decode()
        assert "Kết luận vừa gõ" in page
        assert 'value="Lê Hữu Thơ"' in page
        meeting.refresh_from_db()
        assert (meeting.version, meeting.end_time, meeting.conclusions) == (1, None, "")
        assert meeting.guests.get().name == "Y Sư Niê"

    def test_a_unit_outside_the_bloc_year_is_refused_on_its_row(
        self, meeting, unit_o, secretariat, client_for
    ):
        data = meeting_data(meeting, opinions=[{"unit": unit_o.pk, "content": "Góp ý."}])

        response = client_for(secretariat).post(url_of("meeting_edit", meeting), data)

        assert response.status_code == 200
        opinions = next(f for f in response.context["formsets"] if f.prefix == "opinions")
        assert opinions.errors[0]["unit"]
        assert meeting.opinions.get().unit != unit_o

    def test_a_stale_version_is_refused_and_keeps_what_was_typed(
        self, meeting, secretariat, deputy_staff, client_for
    ):
        url = url_of("meeting_edit", meeting)
        first = meeting_data(meeting, title="Bản của thư ký khối trưởng")
        second = meeting_data(meeting, title="Bản của thư ký khối phó", conclusions="Kết luận")
        assert client_for(secretariat).post(url, first).status_code == 302

        response = client_for(deputy_staff).post(url, second)

        assert response.status_code == 200
        page = response.content.decode()
        assert vietnamese(STALE) in page
        assert 'value="Bản của thư ký khối phó"' in page
        assert "Kết luận" in page
        meeting.refresh_from_db()
        assert (meeting.title, meeting.version, meeting.conclusions) == (
            "Bản của thư ký khối trưởng",
            2,
            "",
        )

    def test_decomposed_text_is_stored_composed(self, meeting, secretariat, client_for):
        typed = unicodedata.normalize("NFD", "Đồng chí Y Sư Niê phát biểu chỉ đạo")
        data = meeting_data(meeting, conclusions=typed)

        client_for(secretariat).post(url_of("meeting_edit", meeting), data)

        meeting.refresh_from_db()
        assert meeting.conclusions == "Đồng chí Y Sư Niê phát biểu chỉ đạo"


class TestAttendanceForm:
    def test_it_lists_every_member_unit_prefilled(self, meeting, secretariat, client_for):
        response = client_for(secretariat).get(url_of("meeting_attendance", meeting))

        formset = response.context["formset"]
        units = [form.member for form in formset]
        assert set(units) == set(
            m.unit for m in meeting.bloc_year.memberships.select_related("unit")
        )
        assert all(form["status"].value() == "present" for form in formset)

    def test_it_saves_and_the_meeting_page_shows_the_quorum(
        self, meeting, unit_h, unit_d, unit_m, secretariat, client_for
    ):
        client = client_for(secretariat)
        data = attendance_data(
            meeting,
            {
                unit_h: ("present", "Trần Minh Trọng", "Chính ủy"),
                unit_d: ("present", "Trịnh Văn Toàn", "Phó Viện trưởng"),
                unit_m: ("absent", "Đi công tác"),
            },
        )

        response = client.post(url_of("meeting_attendance", meeting), data)

        assert response.status_code == 302
        assert response.url == meeting.get_absolute_url()
        assert meeting.attendances.get(unit=unit_m).absence_reason == "Đi công tác"
        detail = client.get(meeting.get_absolute_url())
        quorum = detail.context["quorum"]
        assert (quorum.present, quorum.members, quorum.needed, quorum.reached) == (2, 3, 2, True)
        page = detail.content.decode()
        assert 'data-testid="quorum-present">2<' in page
        assert "Trịnh Văn Toàn" in page
        assert "Đi công tác" in page

    def test_what_does_not_apply_to_the_status_is_dropped(
        self, meeting, unit_h, secretariat, client_for
    ):
        data = attendance_data(meeting, all_members(meeting))
        data["attendance-0-status"] = "absent"
        data["attendance-0-representative_name"] = "Gõ trước khi đổi"
        data["attendance-1-absence_reason"] = "Gõ nhầm"

        response = client_for(secretariat).post(url_of("meeting_attendance", meeting), data)

        assert response.status_code == 302
        rows = list(meeting.attendances.order_by("unit__short_name"))
        assert all(not row.representative_name and not row.absence_reason for row in rows)

    def test_a_stale_version_is_refused_and_keeps_what_was_typed(
        self, meeting, unit_h, unit_d, unit_m, secretariat, client_for
    ):
        services.meeting_update(meeting=meeting, version=1, note="Người khác vừa lưu")
        data = attendance_data(
            meeting,
            {unit_h: ("present", "Đại diện vừa gõ"), unit_d: "present", unit_m: "present"},
            version=1,
        )

        response = client_for(secretariat).post(url_of("meeting_attendance", meeting), data)

        assert response.status_code == 200
        page = response.content.decode()
        assert vietnamese(STALE) in page
        assert 'value="Đại diện vừa gõ"' in page
        assert not meeting.attendances.exists()

    def test_a_forged_unit_is_refused_and_nothing_saved(
        self, meeting, unit_o, secretariat, client_for
    ):
        data = attendance_data(meeting, all_members(meeting))
        data["attendance-2-unit"] = unit_o.pk

        response = client_for(secretariat).post(url_of("meeting_attendance", meeting), data)

        assert response.status_code == 200
        # The unit is a hidden field of the row: a changed one is a form sent altered.
        assert response.context["formset"].errors[2]["__all__"]
        assert response.context["formset"].non_form_errors()
        assert not meeting.attendances.exists()

    def test_a_blank_row_added_by_the_client_is_left_out(self, meeting, secretariat, client_for):
        data = attendance_data(meeting, all_members(meeting))
        data["attendance-TOTAL_FORMS"] = "4"

        response = client_for(secretariat).post(url_of("meeting_attendance", meeting), data)

        assert response.status_code == 302
        assert meeting.attendances.count() == 3

    def test_a_missing_row_is_refused_and_nothing_saved(self, meeting, secretariat, client_for):
        data = attendance_data(meeting, all_members(meeting))
        data["attendance-TOTAL_FORMS"] = "2"

        response = client_for(secretariat).post(url_of("meeting_attendance", meeting), data)

        assert response.status_code == 200
        assert not meeting.attendances.exists()

    def test_the_quorum_button_counts_what_was_typed_without_saving(
        self, meeting, unit_h, unit_d, unit_m, secretariat, client_for
    ):
        data = attendance_data(
            meeting, {unit_h: "present", unit_d: ("absent", "Ốm"), unit_m: ("absent", "Bận")}
        )

        response = client_for(secretariat).post(
            url_of("meeting_attendance", meeting), {**data, "preview": "1"}
        )

        assert response.status_code == 200
        quorum = response.context["quorum"]
        assert (quorum.present, quorum.members, quorum.reached) == (1, 3, False)
        assert 'value="Ốm"' in response.content.decode()
        assert not meeting.attendances.exists()

    def test_htmx_gets_the_quorum_box_alone(self, meeting, unit_h, secretariat, client_for):
        data = attendance_data(meeting, all_members(meeting))

        response = client_for(secretariat).post(
            url_of("meeting_attendance", meeting), {**data, "preview": "1"}, HTTP_HX_REQUEST="true"
        )

        page = response.content.decode()
        assert page.lstrip().startswith('<div id="quorum"')
        assert 'data-testid="quorum-present">3<' in page
        assert "<form" not in page
        assert not meeting.attendances.exists()


class TestDelete:
    def test_it_deletes_after_confirmation_and_returns_to_the_list(
        self, meeting, secretariat, client_for
    ):
        client = client_for(secretariat)
        confirm = client.get(url_of("meeting_confirm_delete", meeting)).content.decode()
        assert url_of("meeting_delete", meeting) in confirm

        response = client.post(url_of("meeting_delete", meeting), {"version": meeting.version})

        assert response.status_code == 302
        assert response.url == list_url(meeting.bloc_year)
        assert not Meeting.objects.filter(pk=meeting.pk).exists()

    def test_a_stale_version_is_refused(self, meeting, secretariat, client_for):
        services.meeting_update(meeting=meeting, version=1, note="Người khác vừa lưu")

        response = client_for(secretariat).post(url_of("meeting_delete", meeting), {"version": 1})

        assert response.status_code == 302
        assert response.url == meeting.get_absolute_url()
        assert Meeting.objects.filter(pk=meeting.pk).exists()


class TestPeopleOnThePage:
    def test_they_are_written_as_the_minutes_write_them(self, meeting, unit_h, board, client_for):
        meeting.chairs.update(title=f"Giám đốc {unit_h.full_name}")
        meeting.secretary_name, meeting.secretary_title = "Lê Thị Hoa", "Chuyên viên"
        meeting.secretary_unit = unit_h
        meeting.save()
        meeting.guests.update(
            organisation="Sở Nội vụ tỉnh Đắk Lắk", title="Phó Trưởng ban Thi đua - Khen thưởng tỉnh"
        )

        page = client_for(board).get(meeting.get_absolute_url()).content.decode()

        assert f"Thượng tá Trần Minh Trọng, Giám đốc {unit_h.full_name}</div>" in page
        assert f"Lê Thị Hoa, Chuyên viên {unit_h.full_name}" in page
        assert "Y Sư Niê, Phó Trưởng ban Thi đua - Khen thưởng tỉnh, Sở Nội vụ tỉnh Đắk Lắk" in page
