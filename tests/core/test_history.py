"""The history pages show: who changed which field from what to what, and when."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst

from blocs.models import Membership, RotationSlot
from blocs.services import year_state
from core.history import history_entries
from tests.factories import LeadershipDecisionFactory, UnitFactory
from units.models import Unit, UnitName
from units.services.units import unit_rename, unit_update

pytestmark = pytest.mark.django_db


def edit_unit(unit: Unit, **changes) -> Unit:
    fields = {name: getattr(unit, name) for name in ("short_name", "full_name", "leader_name")}
    return unit_update(
        unit=unit, version=Unit.objects.get(pk=unit.pk).version, **{**fields, **changes}
    )


class TestEntries:
    def test_an_edit_names_the_field_with_its_old_and_new_value(self, unit_h):
        edit_unit(unit_h, leader_name="Nguyễn Văn Mới")

        with translation.override("en"):
            latest = history_entries(unit_h.history.all())[0]

            assert latest.action == "~"
            assert str(latest.action_label) == "changed"
            assert [(c.label, c.old, c.new) for c in latest.changes] == [
                ("Leader's name", None, "Nguyễn Văn Mới")
            ]
            assert latest.subject == "Unit"

    def test_entries_come_newest_first_and_end_with_the_creation(self, unit_h):
        edit_unit(unit_h, leader_name="Lần một")
        edit_unit(unit_h, leader_name="Lần hai")

        entries = history_entries(unit_h.history.all())

        assert [e.action for e in entries] == ["~", "~", "+"]
        assert [(c.old, c.new) for c in entries[0].changes] == [("Lần một", "Lần hai")]
        assert entries[-1].changes == ()

    def test_a_save_that_changes_only_the_version_is_left_out(self, unit_h):
        unit_h.version += 1
        unit_h.save()

        assert [e.action for e in history_entries(unit_h.history.all())] == ["+"]

    def test_it_keeps_to_the_limit(self, unit_h):
        for n in range(5):
            edit_unit(unit_h, leader_name=f"Người số {n}")

        entries = history_entries(unit_h.history.all(), limit=3)

        assert [c.new for e in entries for c in e.changes] == [
            "Người số 4",
            "Người số 3",
            "Người số 2",
        ]

    def test_parts_are_named_by_their_label_and_mixed_in_by_date(self, bloc_year_1, unit_m):
        membership = bloc_year_1.memberships.get(unit=unit_m)
        membership.note = "Đơn vị mới"
        membership.save()
        bloc_year_1.flag_quota = 2
        bloc_year_1.save()

        entries = history_entries(
            bloc_year_1.history.all(),
            Membership.history.filter(bloc_year=bloc_year_1).annotate(
                history_label=F("unit__short_name")
            ),
        )

        assert [(e.action, e.label) for e in entries[:2]] == [("~", ""), ("~", "Sở Tư pháp")]

    def test_choices_read_as_their_labels_and_references_as_names(
        self, bloc_year_1, unit_h, unit_d, board
    ):
        year_state.bloc_year_close(bloc_year=bloc_year_1, user=board)
        decision = LeadershipDecisionFactory(province=bloc_year_1.bloc.province, number="9/QĐ")
        deputy = bloc_year_1.memberships.get(unit=unit_d)
        deputy.basis, deputy.decision = Membership.Basis.DECISION, decision
        deputy.save()

        with translation.override("en"):
            state = history_entries(bloc_year_1.history.all())[0]
            assignment = history_entries(Membership.history.filter(id=deputy.pk))[0]

            assert [(c.old, c.new) for c in state.changes] == [("Open", "Closed")]
            assert [(c.label, c.old, c.new) for c in assignment.changes] == [
                ("Basis", "Elected at the conference", "Assigned by provincial decision"),
                ("Decision", None, str(decision)),
            ]

    def test_the_reason_given_for_a_change_is_shown(self, bloc_year_1, board):
        year_state.bloc_year_close(bloc_year=bloc_year_1, user=board)
        year_state.bloc_year_reopen(bloc_year=bloc_year_1, user=board, reason="Sửa điểm")

        assert history_entries(bloc_year_1.history.all())[0].reason == "Sửa điểm"

    def test_a_deletion_is_an_entry_of_its_own(self, bloc_1, unit_h):
        slot = RotationSlot.objects.create(bloc=bloc_1, unit=unit_h, position=1)
        slot.delete()

        entries = history_entries(
            RotationSlot.history.filter(bloc=bloc_1).annotate(history_label=F("unit__short_name"))
        )

        assert [(e.action, e.label) for e in entries] == [
            ("-", "Công an tỉnh"),
            ("+", "Công an tỉnh"),
        ]

    def test_the_queries_do_not_grow_with_the_number_of_changes(self, bloc_year_1, unit_m):
        def count() -> int:
            with CaptureQueriesContext(connection) as queries:
                history_entries(
                    bloc_year_1.history.all(),
                    Membership.history.filter(bloc_year=bloc_year_1).annotate(
                        history_label=F("unit__short_name")
                    ),
                )
            return len(queries)

        decision = LeadershipDecisionFactory(province=bloc_year_1.bloc.province)
        membership = bloc_year_1.memberships.get(unit=unit_m)
        membership.note = "Lần một"
        membership.save()
        bloc_year_1.flag_quota = 2
        bloc_year_1.save()
        few = count()
        for n in range(15):
            membership.note = f"Lần {n}"
            membership.save()
            bloc_year_1.merit_quota = n
            bloc_year_1.save()
        head = bloc_year_1.memberships.get(role=Membership.Role.HEAD)
        head.basis, head.decision = "decision", decision
        head.save()

        # Records and their predecessors, per kind (4), and the decisions named (1).
        assert few == 4
        assert count() == 5


class TestPages:
    def test_the_unit_page_shows_who_changed_what(self, unit_h, board, client_for):
        client = client_for(board)
        data = {
            "short_name": unit_h.short_name,
            "full_name": unit_h.full_name,
            "abbreviation": unit_h.abbreviation,
            "address": "Số 1 Lê Duẩn",
            "leader_name": "",
            "leader_title": "",
            "version": unit_h.version,
            "renamed_on": "",
            "rename_basis": "",
        }
        client.post(reverse("units:unit_edit", args=[unit_h.pk]), data)

        response = client.get(unit_h.get_absolute_url())

        latest = response.context["history"][0]
        assert latest.user == board
        assert [(c.old, c.new) for c in latest.changes] == [(None, "Số 1 Lê Duẩn")]
        page = response.content.decode()
        assert board.get_full_name() in page
        assert "Số 1 Lê Duẩn" in page

    def test_the_unit_page_shows_its_former_names_being_recorded(self, unit_h, board, client_for):
        unit_rename(
            unit=unit_h,
            effective=datetime.date(2025, 7, 1),
            short_name="Công an tỉnh (mới)",
            full_name="Công an tỉnh Đắk Lắk (mới)",
        )

        response = client_for(board).get(unit_h.get_absolute_url())

        former = [e for e in response.context["history"] if e.label == "Công an tỉnh"]
        assert [e.action for e in former] == ["+"]
        assert former[0].subject == capfirst(UnitName._meta.verbose_name)

    def test_the_bloc_year_page_shows_changes_of_its_members(
        self, bloc_year_1, unit_m, secretariat, client_for
    ):
        membership = bloc_year_1.memberships.get(unit=unit_m)
        membership.note = "Gia nhập giữa năm"
        membership.save()

        response = client_for(secretariat).get(bloc_year_1.get_absolute_url())

        page = response.content.decode()
        assert "Gia nhập giữa năm" in page
        assert any(e.label == "Sở Tư pháp" for e in response.context["history"])

    def test_the_bloc_year_page_names_who_changed_the_settings(
        self, bloc_year_1, secretariat, client_for
    ):
        settings_url = reverse("blocs:blocyear_settings", args=[bloc_year_1.bloc_id, 2025])
        client = client_for(secretariat)
        data = {
            name: getattr(bloc_year_1, name)
            for name in (
                "max_deputies",
                "quorum_numerator",
                "quorum_denominator",
                "vote_threshold_percent",
                "flag_quota",
                "merit_quota",
                "score_scale",
                "rotation_lookback_years",
                "note",
            )
        }
        client.post(settings_url, {**data, "merit_quota": 2, "version": bloc_year_1.version})

        response = client.get(bloc_year_1.get_absolute_url())

        latest = response.context["history"][0]
        assert latest.user == secretariat
        assert [(c.old, c.new) for c in latest.changes] == [("3", "2")]

    def test_the_bloc_page_shows_changes_of_its_rotation_order(
        self, bloc_1, unit_h, board, client_for
    ):
        RotationSlot.objects.create(bloc=bloc_1, unit=unit_h, position=1)
        bloc_1.description = "Các cơ quan nội chính"
        bloc_1.save()

        response = client_for(board).get(bloc_1.get_absolute_url())

        entries = response.context["history"]
        assert entries[0].changes[0].new == "Các cơ quan nội chính"
        assert any(e.label == "Công an tỉnh" for e in entries)

    def test_a_unit_with_no_recorded_history_shows_an_empty_list(self, board, client_for, unit_h):
        Unit.history.all().delete()
        UnitFactory(province=unit_h.province)

        response = client_for(board).get(unit_h.get_absolute_url())

        assert response.status_code == 200
        assert response.context["history"] == []
