"""The handover passes the leadership on and leaves the year's work open to its secretariat;
the board closes the year, and alone reopens it, for a reason."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from blocs.models import BlocYear, Handover, HandoverItem, YearStateChange
from blocs.services import handover as services
from blocs.services import year_state
from core.errors import DomainError
from tests.checks import STALE, vietnamese
from tests.factories import BlocYearFactory, MembershipFactory

pytestmark = pytest.mark.django_db

OUTSIDERS = ["other_bloc_staff", "other_province_staff", "other_province_board"]


def url(name: str, bloc_year: BlocYear) -> str:
    return reverse(f"blocs:{name}", args=[bloc_year.bloc_id, bloc_year.year])


def handover_data(from_unit, to_unit, items=(), *, existing=(), **changes) -> dict:
    """Return the handover form as the page posts it, with its list of items."""
    data = {
        "from_unit": from_unit.pk,
        "from_representative": "Nguyễn Văn Giao",
        "from_representative_title": "Phó Giám đốc",
        "to_unit": to_unit.pk,
        "to_representative": "Trần Văn Nhận",
        "to_representative_title": "Phó Viện trưởng",
        "handed_over_on": "2026-01-20",
        "place": "Hội trường Công an tỉnh",
        "note": "",
        "items-TOTAL_FORMS": len(items),
        "items-INITIAL_FORMS": len(existing),
        "items-MIN_NUM_FORMS": 0,
        "items-MAX_NUM_FORMS": 1000,
    }
    for index, item in enumerate(items):
        data[f"items-{index}-id"] = existing[index] if index < len(existing) else ""
        data[f"items-{index}-description"] = item
        data[f"items-{index}-quantity"] = "1 bộ"
        data[f"items-{index}-note"] = ""
        data[f"items-{index}-ORDER"] = index + 1
    return {**data, **changes}


ITEMS = ("Hồ sơ, tài liệu của Khối năm 2025", "Cờ thi đua luân chuyển")


@pytest.fixture
def next_year(bloc_1, unit_h, unit_d, unit_m):
    """The bloc's 2026, headed by the 2025 deputy D."""
    bloc_year = BlocYearFactory(bloc=bloc_1, year=2026)
    MembershipFactory(bloc_year=bloc_year, unit=unit_d, head=True)
    MembershipFactory(bloc_year=bloc_year, unit=unit_h)
    MembershipFactory(bloc_year=bloc_year, unit=unit_m)
    return bloc_year


@pytest.fixture
def handed_over(bloc_year_1, unit_h, unit_d, secretariat):
    """The 2025 handover from H to D, recorded by H's staff: the year stays open."""
    services.handover_record(
        bloc_year=bloc_year_1,
        user=secretariat,
        from_unit=unit_h,
        from_representative="Nguyễn Văn Giao",
        to_unit=unit_d,
        to_representative="Trần Văn Nhận",
        handed_over_on=datetime.date(2026, 1, 20),
        items=[{"description": item} for item in ITEMS],
    )
    bloc_year_1.refresh_from_db()
    return bloc_year_1


@pytest.fixture
def recorded(handed_over, board):
    """The 2025 handover recorded, then the year closed by the board."""
    year_state.bloc_year_close(bloc_year=handed_over, user=board)
    handed_over.refresh_from_db()
    return handed_over


class TestPage:
    @pytest.mark.parametrize(
        "persona", ["board", "secretariat", "deputy_staff", "member_staff", "national"]
    )
    def test_the_board_and_every_member_read_it(self, request, recorded, client_for, persona):
        response = client_for(request.getfixturevalue(persona)).get(
            url("handover_detail", recorded)
        )

        assert response.status_code == 200
        page = response.content.decode()
        assert "Trần Văn Nhận" in page
        assert "Cờ thi đua luân chuyển" in page

    @pytest.mark.parametrize("persona", OUTSIDERS)
    def test_an_outsider_gets_404(self, request, bloc_year_1, client_for, persona):
        response = client_for(request.getfixturevalue(persona)).get(
            url("handover_detail", bloc_year_1)
        )

        assert response.status_code == 404

    def test_the_secretariat_is_offered_to_record_it_and_a_member_is_not(
        self, bloc_year_1, secretariat, member_staff, client_for
    ):
        page = url("handover_detail", bloc_year_1)
        record = url("handover_record", bloc_year_1)

        assert record in client_for(secretariat).get(page).content.decode()
        assert record not in client_for(member_staff).get(page).content.decode()


class TestRecord:
    def test_the_form_proposes_this_years_head_and_next_years(
        self, bloc_year_1, next_year, unit_h, unit_d, secretariat, client_for
    ):
        response = client_for(secretariat).get(url("handover_record", bloc_year_1))

        assert response.status_code == 200
        form = response.context["form"]
        assert (form.initial["from_unit"], form.initial["to_unit"]) == (unit_h.pk, unit_d.pk)

    @pytest.mark.parametrize("persona", ["secretariat", "deputy_staff", "board"])
    def test_recording_the_handover_leaves_the_year_open(
        self, request, bloc_year_1, unit_h, unit_d, client_for, persona
    ):
        user = request.getfixturevalue(persona)

        response = client_for(user).post(
            url("handover_record", bloc_year_1), handover_data(unit_h, unit_d, ITEMS)
        )

        assert response.status_code == 302
        assert response.url == url("handover_detail", bloc_year_1)
        handover = Handover.objects.get(bloc_year=bloc_year_1)
        assert (handover.from_unit, handover.to_unit) == (unit_h, unit_d)
        assert (handover.recorded_by, handover.handed_over_on) == (user, datetime.date(2026, 1, 20))
        assert list(handover.items.values_list("position", "description")) == [
            (1, ITEMS[0]),
            (2, ITEMS[1]),
        ]
        bloc_year_1.refresh_from_db()
        assert bloc_year_1.state == BlocYear.State.OPEN
        assert not YearStateChange.objects.exists()

    def test_once_recorded_the_secretariat_still_does_the_year_s_work_but_not_the_handover(
        self, handed_over, unit_h, unit_d, secretariat, client_for
    ):
        client = client_for(secretariat)

        assert client.get(url("blocyear_settings", handed_over)).status_code == 200
        assert client.get(url("pledge_edit", handed_over)).status_code == 200
        assert client.get(url("handover_record", handed_over)).status_code == 403
        response = client.post(
            url("handover_record", handed_over),
            handover_data(unit_h, unit_d, ITEMS, to_representative="Người khác"),
        )
        assert response.status_code == 403
        assert Handover.objects.get().to_representative == "Trần Văn Nhận"

    def test_the_page_says_what_is_still_open_and_who_does_it(
        self, handed_over, member_staff, client_for
    ):
        with translation.override("en"):
            page = client_for(member_staff).get(url("handover_detail", handed_over))

        text = page.content.decode()
        assert "The handover is recorded; the year's work stays open." in text
        assert "(Công an tỉnh, Viện kiểm sát nhân dân tỉnh)" in text
        assert "until the province decides the dossier or the board closes the year" in text

    def test_once_closed_the_secretariat_can_no_longer_write_the_year(
        self, recorded, secretariat, client_for
    ):
        client = client_for(secretariat)

        assert client.get(url("blocyear_settings", recorded)).status_code == 403
        assert client.get(url("pledge_edit", recorded)).status_code == 403
        assert client.get(url("handover_record", recorded)).status_code == 403

    def test_a_member_may_not(self, bloc_year_1, unit_h, unit_d, member_staff, client_for):
        client = client_for(member_staff)

        assert client.get(url("handover_record", bloc_year_1)).status_code == 403
        response = client.post(url("handover_record", bloc_year_1), handover_data(unit_h, unit_d))
        assert response.status_code == 403
        assert not Handover.objects.exists()

    def test_the_secretariat_may_not_record_it_in_a_closed_year(
        self, bloc_year_1, unit_h, unit_d, secretariat, client_for
    ):
        year_state.bloc_year_close(bloc_year=bloc_year_1, user=None)

        response = client_for(secretariat).post(
            url("handover_record", bloc_year_1), handover_data(unit_h, unit_d)
        )

        assert response.status_code == 403
        assert not Handover.objects.exists()

    @pytest.mark.parametrize("persona", OUTSIDERS)
    def test_an_outsider_gets_404(self, request, bloc_year_1, unit_h, unit_d, client_for, persona):
        response = client_for(request.getfixturevalue(persona)).post(
            url("handover_record", bloc_year_1), handover_data(unit_h, unit_d)
        )

        assert response.status_code == 404
        assert not Handover.objects.exists()

    def test_bad_input_shows_the_typed_values_and_changes_nothing(
        self, bloc_year_1, unit_h, unit_d, secretariat, client_for
    ):
        data = handover_data(unit_h, unit_d, ITEMS, handed_over_on="", place="Nhà khách tỉnh")

        response = client_for(secretariat).post(url("handover_record", bloc_year_1), data)

        assert response.status_code == 200
        assert "handed_over_on" in response.context["form"].errors
        page = response.content.decode()
        assert 'value="Nhà khách tỉnh"' in page
        assert "Cờ thi đua luân chuyển" in page
        assert not Handover.objects.exists()
        assert BlocYear.objects.get(pk=bloc_year_1.pk).is_open

    def test_a_unit_cannot_hand_over_to_itself(self, bloc_year_1, unit_h, secretariat, client_for):
        response = client_for(secretariat).post(
            url("handover_record", bloc_year_1), handover_data(unit_h, unit_h)
        )

        assert response.status_code == 200
        assert response.context["form"].errors
        assert not Handover.objects.exists()
        assert BlocYear.objects.get(pk=bloc_year_1.pk).is_open

    def test_the_outgoing_unit_must_be_a_member_of_the_year(
        self, bloc_year_1, unit_o, unit_d, board
    ):
        with pytest.raises(DomainError) as refusal:
            services.handover_record(
                bloc_year=bloc_year_1,
                user=board,
                from_unit=unit_o,
                from_representative="Ai đó",
                to_unit=unit_d,
                to_representative="Trần Văn Nhận",
                handed_over_on=datetime.date(2026, 1, 20),
            )

        assert refusal.value.field == "from_unit"
        assert not Handover.objects.exists()

    def test_the_incoming_unit_is_chosen_among_the_bloc_s_members_only(
        self, bloc_year_1, next_year, unit_h, unit_d, unit_m, unit_o, secretariat, client_for
    ):
        response = client_for(secretariat).get(url("handover_record", bloc_year_1))

        offered = set(response.context["form"].fields["to_unit"].queryset)
        assert offered == {unit_h, unit_d, unit_m}  # not O, a unit of another bloc

    def test_a_unit_of_another_bloc_is_refused_as_the_incoming_head(
        self, bloc_year_1, unit_h, unit_o, secretariat, client_for
    ):
        response = client_for(secretariat).post(
            url("handover_record", bloc_year_1), handover_data(unit_h, unit_o)
        )

        assert response.status_code == 200
        assert response.context["form"].errors["to_unit"]
        assert not Handover.objects.exists()
        with pytest.raises(DomainError) as refusal:
            services.handover_record(
                bloc_year=bloc_year_1,
                user=secretariat,
                from_unit=unit_h,
                from_representative="Nguyễn Văn Giao",
                to_unit=unit_o,
                to_representative="Ai đó",
                handed_over_on=datetime.date(2026, 1, 20),
            )
        assert refusal.value.field == "to_unit"
        assert not Handover.objects.exists()


class TestCorrection:
    def test_the_board_must_reopen_the_year_first(
        self, recorded, unit_h, unit_d, board, client_for
    ):
        response = client_for(board).post(
            url("handover_record", recorded),
            handover_data(unit_h, unit_d, ITEMS, to_representative="Người khác"),
        )

        assert response.status_code == 403
        assert Handover.objects.get().to_representative == "Trần Văn Nhận"

    def test_after_reopening_the_board_corrects_it_and_the_history_keeps_the_old_values(
        self, recorded, unit_h, unit_d, board, client_for
    ):
        client = client_for(board)
        client.post(url("blocyear_reopen", recorded), {"reason": "Sửa biên bản bàn giao"})
        handover = Handover.objects.get()
        existing = list(handover.items.values_list("pk", flat=True))

        response = client.post(
            url("handover_record", recorded),
            handover_data(
                unit_h,
                unit_d,
                [ITEMS[0], "Cờ thi đua luân chuyển (01 lá)"],
                existing=existing,
                to_representative="Lê Văn Đúng",
                version=handover.version,
            ),
        )

        assert response.status_code == 302
        handover.refresh_from_db()
        assert handover.to_representative == "Lê Văn Đúng"
        assert handover.recorded_by.username == "ca_daklak"  # who first recorded it
        previous = handover.history.all()[1]
        assert previous.to_representative == "Trần Văn Nhận"
        flag = HandoverItem.objects.get(pk=existing[1])
        assert flag.description == "Cờ thi đua luân chuyển (01 lá)"
        assert flag.history.count() == 2
        recorded.refresh_from_db()
        assert recorded.state == BlocYear.State.OPEN
        assert list(recorded.state_changes.values_list("state", flat=True)) == ["open", "closed"]

    def test_after_reopening_the_secretariat_still_may_not_correct_it(
        self, recorded, unit_h, unit_d, board, secretariat, client_for
    ):
        year_state.bloc_year_reopen(bloc_year=recorded, user=board, reason="Sửa điểm")

        response = client_for(secretariat).post(
            url("handover_record", recorded),
            handover_data(unit_h, unit_d, to_representative="Người khác"),
        )

        assert response.status_code == 403
        assert Handover.objects.get().to_representative == "Trần Văn Nhận"

    def test_a_correction_made_on_a_closed_year_is_refused_by_the_service(
        self, recorded, unit_h, unit_d, board
    ):
        with pytest.raises(DomainError):
            services.handover_record(
                bloc_year=recorded,
                user=board,
                from_unit=unit_h,
                from_representative="Nguyễn Văn Giao",
                to_unit=unit_d,
                to_representative="Người khác",
                handed_over_on=datetime.date(2026, 1, 20),
            )

        assert Handover.objects.get().to_representative == "Trần Văn Nhận"


class TestReopen:
    def test_the_board_reopens_a_closed_year_with_a_reason_that_is_kept(
        self, recorded, board, client_for
    ):
        response = client_for(board).post(
            url("blocyear_reopen", recorded), {"reason": "Sửa điểm của Sở Tư pháp"}
        )

        assert response.status_code == 302
        recorded.refresh_from_db()
        assert recorded.is_open
        change = recorded.state_changes.first()
        assert (change.state, change.reason, change.changed_by) == (
            "open",
            "Sửa điểm của Sở Tư pháp",
            board,
        )
        assert recorded.history.first().history_change_reason == "Sửa điểm của Sở Tư pháp"

    def test_the_reopened_year_is_writable_by_the_secretariat_again(
        self, recorded, board, secretariat, client_for
    ):
        client_for(board).post(url("blocyear_reopen", recorded), {"reason": "Sửa điểm"})

        assert client_for(secretariat).get(url("blocyear_settings", recorded)).status_code == 200

    def test_a_reason_is_required(self, recorded, board, client_for):
        response = client_for(board).post(url("blocyear_reopen", recorded), {"reason": "  "})

        assert response.status_code == 200
        assert "reason" in response.context["reason_form"].errors
        recorded.refresh_from_db()
        assert not recorded.is_open
        assert recorded.state_changes.count() == 1

    def test_get_is_refused(self, recorded, board, client_for):
        response = client_for(board).get(url("blocyear_reopen", recorded))

        assert response.status_code == 405
        assert not BlocYear.objects.get(pk=recorded.pk).is_open

    @pytest.mark.parametrize("persona", ["secretariat", "deputy_staff", "member_staff"])
    def test_only_the_board_may(self, request, recorded, client_for, persona):
        response = client_for(request.getfixturevalue(persona)).post(
            url("blocyear_reopen", recorded), {"reason": "Muốn sửa"}
        )

        assert response.status_code == 403
        assert not BlocYear.objects.get(pk=recorded.pk).is_open

    @pytest.mark.parametrize("persona", OUTSIDERS)
    def test_an_outsider_gets_404(self, request, recorded, client_for, persona):
        response = client_for(request.getfixturevalue(persona)).post(
            url("blocyear_reopen", recorded), {"reason": "Muốn sửa"}
        )

        assert response.status_code == 404
        assert not BlocYear.objects.get(pk=recorded.pk).is_open

    def test_an_open_year_cannot_be_reopened(self, bloc_year_1, board, client_for):
        with translation.override("en"):
            response = client_for(board).post(
                url("blocyear_reopen", bloc_year_1), {"reason": "Nhầm"}
            )
            assert response.status_code == 200
            assert "This year is already open." in response.context["reason_form"].errors["__all__"]
        assert not YearStateChange.objects.exists()

    def test_the_pages_show_the_state_changes_with_their_reasons(
        self, recorded, board, member_staff, client_for
    ):
        year_state.bloc_year_reopen(bloc_year=recorded, user=board, reason="Sửa điểm thi đua")
        client = client_for(member_staff)

        for page in (recorded.get_absolute_url(), url("handover_detail", recorded)):
            response = client.get(page)
            assert "Sửa điểm thi đua" in response.content.decode()
            assert [c.state for c in response.context["state_changes"]] == ["open", "closed"]


class TestClose:
    def test_the_board_closes_an_open_year(self, bloc_year_1, board, client_for):
        response = client_for(board).post(url("blocyear_close", bloc_year_1), {"reason": ""})

        assert response.status_code == 302
        bloc_year_1.refresh_from_db()
        assert not bloc_year_1.is_open
        change = bloc_year_1.state_changes.get()
        assert (change.state, change.changed_by) == ("closed", board)

    def test_get_is_refused(self, bloc_year_1, board, client_for):
        assert client_for(board).get(url("blocyear_close", bloc_year_1)).status_code == 405
        assert BlocYear.objects.get(pk=bloc_year_1.pk).is_open

    @pytest.mark.parametrize("persona", ["secretariat", "member_staff"])
    def test_only_the_board_may(self, request, bloc_year_1, client_for, persona):
        response = client_for(request.getfixturevalue(persona)).post(
            url("blocyear_close", bloc_year_1), {"reason": ""}
        )

        assert response.status_code == 403
        assert BlocYear.objects.get(pk=bloc_year_1.pk).is_open

    @pytest.mark.parametrize("persona", OUTSIDERS)
    def test_an_outsider_gets_404(self, request, bloc_year_1, client_for, persona):
        response = client_for(request.getfixturevalue(persona)).post(
            url("blocyear_close", bloc_year_1), {"reason": ""}
        )

        assert response.status_code == 404
        assert BlocYear.objects.get(pk=bloc_year_1.pk).is_open

    def test_a_closed_year_cannot_be_closed_again(self, recorded, board, client_for):
        response = client_for(board).post(url("blocyear_close", recorded), {"reason": ""})

        assert response.status_code == 200
        assert recorded.state_changes.count() == 1

    def test_the_board_may_record_the_handover_of_a_year_closed_without_one(
        self, bloc_year_1, unit_h, unit_d, board, client_for
    ):
        year_state.bloc_year_close(bloc_year=bloc_year_1, user=board)

        response = client_for(board).post(
            url("handover_record", bloc_year_1), handover_data(unit_h, unit_d)
        )

        assert response.status_code == 302
        assert Handover.objects.filter(bloc_year=bloc_year_1).exists()
        assert bloc_year_1.state_changes.count() == 1


class TestLostUpdates:
    def test_a_correction_made_on_a_stale_form_is_refused_and_changes_nothing(
        self, recorded, unit_h, unit_d, board, client_for
    ):
        client = client_for(board)
        client.post(url("blocyear_reopen", recorded), {"reason": "Sửa biên bản bàn giao"})
        stale_form = client.get(url("handover_record", recorded)).context["form"]
        services.handover_record(
            bloc_year=recorded,
            user=board,
            version=1,
            from_unit=unit_h,
            from_representative="Nguyễn Văn Giao",
            to_unit=unit_d,
            to_representative="Người nhận đã sửa",
            handed_over_on=datetime.date(2026, 1, 20),
        )
        BlocYear.objects.filter(pk=recorded.pk).update(state=BlocYear.State.OPEN)

        response = client.post(
            url("handover_record", recorded),
            handover_data(
                unit_h,
                unit_d,
                to_representative="Người nhận cũ",
                version=stale_form["version"].value(),
            ),
        )

        assert response.status_code == 200
        assert vietnamese(STALE) in response.context["form"].non_field_errors()
        assert Handover.objects.get().to_representative == "Người nhận đã sửa"
