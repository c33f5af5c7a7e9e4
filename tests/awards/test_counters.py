"""The counting committee of a ballot round: its checks, its pages, who may do what."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import gettext

from awards.models import BallotCounter
from awards.services.counters import (
    committee_save,
    counter_add,
    counter_delete,
    counter_update,
)
from core.errors import DomainError
from tests.awards import review_world as review
from tests.awards.review_world import record
from tests.checks import STALE, vietnamese
from tests.factories import UnitFactory
from tests.personas import by_persona

pytestmark = pytest.mark.django_db

# The shared fixtures of the year-end review.
meeting = review.meeting
ballot = review.ballot

# What each persona gets: reading the committee, and changing it while the year is open.
READ = (200, 200, 200, 200, 404, 404, 404, 200)
WRITE = (302, 302, 302, 403, 404, 404, 404, 403)


def url(name: str, ballot, *args) -> str:
    bloc_year = ballot.meeting.bloc_year
    return reverse(f"awards:{name}", args=[bloc_year.bloc_id, bloc_year.year, ballot.pk, *args])


@pytest.fixture
def head(ballot, unit_d):
    return counter_add(
        ballot=ballot, role="head", name="Phạm Văn Bình", title="Phó Viện trưởng", unit=unit_d
    )


def rows(ballot) -> list[tuple]:
    return list(
        BallotCounter.objects.filter(ballot=ballot)
        .order_by("position")
        .values_list("position", "role", "name", "title", "unit_id")
    )


class TestTheService:
    def test_members_are_added_after_the_others(self, ballot, head, unit_m):
        member = counter_add(ballot=ballot, role="member", name="Trần Thị Lan", unit=unit_m)

        assert rows(ballot) == [
            (1, "head", "Phạm Văn Bình", "Phó Viện trưởng", head.unit_id),
            (2, "member", "Trần Thị Lan", "", unit_m.pk),
        ]
        assert member.position == 2

    def test_a_second_head_is_refused(self, ballot, head):
        with pytest.raises(DomainError) as refused:
            counter_add(ballot=ballot, role="head", name="Lê Văn Dũng")

        assert refused.value.field == "role"
        assert rows(ballot) == [(1, "head", "Phạm Văn Bình", "Phó Viện trưởng", head.unit_id)]

    def test_a_member_cannot_become_a_second_head(self, ballot, head):
        member = counter_add(ballot=ballot, role="member", name="Trần Thị Lan")

        with pytest.raises(DomainError):
            counter_update(counter=member, version=member.version, role="head", name="Trần Thị Lan")

        assert BallotCounter.objects.get(pk=member.pk).role == "member"

    def test_the_head_may_be_corrected_and_handed_to_a_member(self, ballot, head):
        member = counter_add(ballot=ballot, role="member", name="Trần Thị Lan")

        counter_update(
            counter=head, version=1, role="member", name="Phạm Văn Bình", title="Thành viên"
        )
        counter_update(
            counter=member, version=1, role="head", name="Trần Thị Lan", title="Phó Chánh VP"
        )

        assert [(r[1], r[2], r[3]) for r in rows(ballot)] == [
            ("member", "Phạm Văn Bình", "Thành viên"),
            ("head", "Trần Thị Lan", "Phó Chánh VP"),
        ]

    @pytest.mark.parametrize("where", ["another bloc", "another province"])
    def test_a_unit_outside_the_bloc_year_is_refused(self, ballot, unit_o, province_b, where):
        unit = unit_o if where == "another bloc" else UnitFactory(province=province_b)

        with pytest.raises(DomainError) as refused:
            counter_add(ballot=ballot, role="member", name="Lê Văn Dũng", unit=unit)

        assert refused.value.field == "unit"
        assert not BallotCounter.objects.exists()

    def test_a_member_without_a_name_is_refused(self, ballot):
        with pytest.raises(DomainError):
            counter_add(ballot=ballot, role="member", name=" ")
        assert not BallotCounter.objects.exists()

    def test_a_member_is_removed(self, ballot, head):
        counter_delete(counter=head)
        assert not BallotCounter.objects.exists()


class TestThePages:
    @pytest.mark.parametrize(("persona", "status"), by_persona(READ))
    def test_who_reads_the_committee(self, request, client_for, ballot, head, persona, status):
        response = client_for(request.getfixturevalue(persona)).get(url("counter_list", ballot))

        assert response.status_code == status
        if status == 200:
            assert "Phạm Văn Bình" in response.content.decode()
            assert 'data-testid="document-box"' in response.content.decode()

    def test_readers_get_no_form(self, client_for, member_staff, ballot):
        response = client_for(member_staff).get(url("counter_list", ballot))

        assert response.context["form"] is None
        assert url("counter_add", ballot) not in response.content.decode()

    def test_the_page_warns_while_the_committee_has_no_head(self, client_for, secretariat, ballot):
        page = client_for(secretariat).get(url("counter_list", ballot)).content.decode()

        assert 'data-testid="no-head"' in page
        # The form proposes the head first.
        assert 'value="head" selected' in page

    @pytest.mark.parametrize(("persona", "status"), by_persona(WRITE))
    def test_who_adds_a_member(self, request, client_for, ballot, unit_m, persona, status):
        data = {"role": "head", "name": "Trần Thị Lan", "title": "Chuyên viên", "unit": unit_m.pk}

        response = client_for(request.getfixturevalue(persona)).post(
            url("counter_add", ballot), data
        )

        assert response.status_code == status
        expected = [(1, "head", "Trần Thị Lan", "Chuyên viên", unit_m.pk)] if status == 302 else []
        assert rows(ballot) == expected

    def test_adding_is_a_post(self, client_for, secretariat, ballot):
        assert client_for(secretariat).get(url("counter_add", ballot)).status_code == 405

    def test_a_refused_member_re_renders_with_what_was_typed(
        self, client_for, secretariat, ballot, head
    ):
        data = {"role": "head", "name": "Người thứ hai", "title": "Chức danh đã gõ", "unit": ""}

        response = client_for(secretariat).post(url("counter_add", ballot), data)

        assert response.status_code == 200
        page = response.content.decode()
        assert "Người thứ hai" in page
        assert "Chức danh đã gõ" in page
        assert response.context["form"].errors["role"]
        assert len(rows(ballot)) == 1

    def test_a_unit_of_another_bloc_is_not_offered(self, client_for, secretariat, ballot, unit_o):
        data = {"role": "member", "name": "Lê Văn Dũng", "unit": unit_o.pk}

        response = client_for(secretariat).post(url("counter_add", ballot), data)

        assert response.status_code == 200
        assert response.context["form"].errors["unit"]
        assert not BallotCounter.objects.exists()

    @pytest.mark.parametrize(("persona", "status"), by_persona(WRITE))
    def test_who_corrects_a_member(self, request, client_for, ballot, head, persona, status):
        client = client_for(request.getfixturevalue(persona))
        edit = url("counter_edit", ballot, head.pk)
        data = {"role": "head", "name": "Phạm Văn Bình", "title": "Viện trưởng", "unit": ""}
        data["version"] = head.version

        page = client.get(edit)
        response = client.post(edit, data)

        assert page.status_code == (200 if status == 302 else status)
        assert response.status_code == status
        expected = "Viện trưởng" if status == 302 else "Phó Viện trưởng"
        assert BallotCounter.objects.get().title == expected

    def test_the_edit_form_shows_the_member(self, client_for, secretariat, ballot, head):
        page = client_for(secretariat).get(url("counter_edit", ballot, head.pk)).content.decode()

        assert 'value="Phạm Văn Bình"' in page
        assert 'value="Phó Viện trưởng"' in page

    @pytest.mark.parametrize(("persona", "status"), by_persona(WRITE))
    def test_who_removes_a_member(self, request, client_for, ballot, head, persona, status):
        response = client_for(request.getfixturevalue(persona)).post(
            url("counter_delete", ballot, head.pk)
        )

        assert response.status_code == status
        assert BallotCounter.objects.exists() == (status != 302)

    def test_removing_is_a_post(self, client_for, secretariat, ballot, head):
        assert (
            client_for(secretariat).get(url("counter_delete", ballot, head.pk)).status_code == 405
        )
        assert BallotCounter.objects.exists()

    def test_a_member_of_another_round_is_not_found(
        self, client_for, secretariat, ballot, head, meeting, proposable, unit_h
    ):
        other = record(meeting, {(unit_h, proposable[0]): 3}, round_number=2)

        response = client_for(secretariat).post(url("counter_delete", other, head.pk))

        assert response.status_code == 404
        assert BallotCounter.objects.exists()

    def test_once_the_year_is_closed_only_the_board_changes_it(
        self, client_for, board, secretariat, ballot, closed
    ):
        data = {"role": "head", "name": "Trần Thị Lan"}

        assert client_for(secretariat).post(url("counter_add", ballot), data).status_code == 403
        assert client_for(board).post(url("counter_add", ballot), data).status_code == 302
        assert len(rows(ballot)) == 1

    def test_the_round_s_page_and_the_list_link_to_the_committee(
        self, client_for, member_staff, ballot
    ):
        bloc_year = ballot.meeting.bloc_year
        args = [bloc_year.bloc_id, bloc_year.year]
        result = client_for(member_staff).get(
            reverse("awards:ballot_result", args=[*args, ballot.pk])
        )
        listing = client_for(member_staff).get(reverse("awards:ballot_list", args=args))

        assert url("counter_list", ballot) in result.content.decode()
        assert url("counter_list", ballot) in listing.content.decode()

    def test_its_messages_are_translated(self, client_for, secretariat, ballot):
        response = client_for(secretariat).post(
            url("counter_add", ballot), {"role": "member", "name": "Trần Thị Lan"}, follow=True
        )

        assert gettext("The member of the counting committee was added.") in (
            response.content.decode()
        )


def test_the_committee_page_makes_a_pinned_number_of_queries_that_does_not_grow(
    client_for, secretariat, ballot, unit_h, unit_d, unit_m, django_assert_max_num_queries
):
    """The session and the user (2), the year with its leaders and their names (3), whether the
    user's unit is a member (1), the round with its meeting (1), the committee with its units'
    names (2), the form's units and their names (2), the documents of the round (1), the
    navigation (1)."""
    client = client_for(secretariat)
    counter_add(ballot=ballot, role="head", name="Phạm Văn Bình", unit=unit_d)
    client.get(url("counter_list", ballot))
    with django_assert_max_num_queries(13) as few:
        assert client.get(url("counter_list", ballot)).status_code == 200

    for index, unit in enumerate([unit_h, unit_m, unit_d, None, None, unit_h]):
        counter_add(ballot=ballot, role="member", name=f"Thành viên {index}", unit=unit)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url("counter_list", ballot)).status_code == 200

    assert len(many) == len(few)


class TestLostUpdates:
    def test_a_correction_made_on_a_stale_form_is_refused_and_changes_nothing(
        self, client_for, secretariat, board, ballot, head
    ):
        edit = url("counter_edit", ballot, head.pk)
        stale_form = client_for(secretariat).get(edit).context["form"]
        client_for(board).post(
            edit, {"role": "head", "name": "Phạm Văn Bình", "title": "Viện trưởng", "version": 1}
        )

        response = client_for(secretariat).post(
            edit,
            {
                "role": "head",
                "name": "Phạm Văn Bình",
                "title": "Phó Viện trưởng (cũ)",
                "version": stale_form["version"].value(),
            },
        )

        assert response.status_code == 200
        assert vietnamese(STALE) in response.context["form"].non_field_errors()
        assert BallotCounter.objects.get().title == "Viện trưởng"

    def test_the_service_refuses_a_stale_version(self, ballot, head):
        counter_update(counter=head, version=1, role="head", name="Phạm Văn Bình", title="A")

        with pytest.raises(DomainError) as refusal:
            counter_update(counter=head, version=1, role="head", name="Phạm Văn Bình", title="B")

        assert refusal.value.message == vietnamese(STALE)
        assert BallotCounter.objects.get().title == "A"


class TestTheWholeCommitteeOnOneForm:
    def data(self, rows_: list[dict]) -> dict:
        data = {"committee-TOTAL_FORMS": len(rows_), "committee-INITIAL_FORMS": 0}
        for index, row in enumerate(rows_):
            for name, value in row.items():
                data[f"committee-{index}-{name}"] = value
        return data

    def test_the_secretariat_enters_the_whole_committee_at_once(
        self, client_for, secretariat, ballot, unit_d, unit_m
    ):
        data = self.data(
            [
                {"role": "member", "name": "Trần Thị Lan", "unit": unit_m.pk},
                {
                    "role": "head",
                    "name": "Phạm Văn Bình",
                    "title": "Phó Viện trưởng",
                    "unit": unit_d.pk,
                },
                {"role": "member", "name": "Hoàng Văn Cường"},
            ]
        )

        response = client_for(secretariat).post(url("counter_committee", ballot), data)

        assert response.status_code == 302
        assert rows(ballot) == [
            (1, "member", "Trần Thị Lan", "", unit_m.pk),
            (2, "head", "Phạm Văn Bình", "Phó Viện trưởng", unit_d.pk),
            (3, "member", "Hoàng Văn Cường", "", None),
        ]

    def test_it_corrects_reorders_hands_the_head_on_and_takes_out_at_once(
        self, ballot, head, unit_m
    ):
        member = counter_add(ballot=ballot, role="member", name="Trần Thị Lan", unit=unit_m)
        third = counter_add(ballot=ballot, role="member", name="Hoàng Văn Cường")
        committee_save(
            ballot=ballot,
            rows=[
                {
                    "id": member.pk,
                    "version": member.version,
                    "role": "head",
                    "name": "Trần Thị Lan",
                    "title": "Chuyên viên",
                    "unit": unit_m,
                },
                {
                    "id": head.pk,
                    "version": head.version,
                    "role": "member",
                    "name": head.name,
                    "title": head.title,
                    "unit": head.unit,
                },
            ],
        )

        assert [r[:3] for r in rows(ballot)] == [
            (1, "head", "Trần Thị Lan"),
            (2, "member", "Phạm Văn Bình"),
        ]
        assert not BallotCounter.objects.filter(pk=third.pk).exists()

    def test_two_heads_or_a_stale_row_are_refused_and_nothing_changes(self, ballot, head):
        before = rows(ballot)
        with pytest.raises(DomainError):
            committee_save(
                ballot=ballot,
                rows=[
                    {"id": head.pk, "version": head.version, "role": "head", "name": head.name},
                    {"role": "head", "name": "Người thứ hai"},
                ],
            )
        with pytest.raises(DomainError):
            committee_save(
                ballot=ballot,
                rows=[
                    {
                        "id": head.pk,
                        "version": head.version - 1 or 9,
                        "role": "head",
                        "name": "Đổi tên",
                    }
                ],
            )

        assert rows(ballot) == before

    def test_a_member_may_not(self, client_for, member_staff, ballot):
        assert client_for(member_staff).get(url("counter_committee", ballot)).status_code == 403

    def test_the_form_lists_the_members_and_adds_rows_on_the_page(
        self, client_for, secretariat, ballot, head
    ):
        page = client_for(secretariat).get(url("counter_committee", ballot)).content.decode()

        assert 'value="Phạm Văn Bình"' in page
        assert 'data-testid="add-row-committee"' in page

    def test_the_form_makes_as_many_queries_for_one_member_as_for_four(
        self, client_for, secretariat, ballot, head
    ):
        client = client_for(secretariat)
        client.get(url("counter_committee", ballot))
        with CaptureQueriesContext(connection) as one:
            client.get(url("counter_committee", ballot))
        for name in ("A", "B", "C"):
            counter_add(ballot=ballot, role="member", name=name)
        with CaptureQueriesContext(connection) as four:
            client.get(url("counter_committee", ballot))

        assert len(four) == len(one)
