"""The pledge page: its header and items (the secretariat and board), and the units' signatures."""

from __future__ import annotations

import datetime
import unicodedata

import pytest
from django.urls import reverse
from django.utils import translation

from blocs.models import BlocYear, Membership, Pledge, PledgeItem, PledgeSignature
from blocs.services import pledge as services
from tests.checks import STALE, vietnamese
from tests.factories import (
    BlocYearFactory,
    BoardUserFactory,
    MembershipFactory,
    UnitFactory,
    UnitUserFactory,
)

pytestmark = pytest.mark.django_db

OUTSIDERS = ["other_bloc_staff", "other_province_staff", "other_province_board"]
WRITERS = ["board", "secretariat", "deputy_staff"]


def url(name: str, bloc_year: BlocYear, *args) -> str:
    return reverse(f"blocs:{name}", args=[bloc_year.bloc_id, bloc_year.year, *args])


def membership_of(bloc_year: BlocYear, unit) -> Membership:
    return bloc_year.memberships.get(unit=unit)


def make_pledge(bloc_year: BlocYear, *items: str) -> Pledge:
    pledge = services.pledge_save(
        bloc_year=bloc_year,
        version=0,
        title=f"Giao ước thi đua năm {bloc_year.year}",
        signed_on=datetime.date(bloc_year.year, 2, 20),
        place="Hội trường Công an tỉnh",
    )
    rows = [{"content": content, "target": "100%"} for content in items]
    return services.pledge_items_save(pledge=pledge, version=pledge.version, items=rows)


def close(bloc_year: BlocYear) -> BlocYear:
    bloc_year.state = BlocYear.State.CLOSED
    bloc_year.save()
    return bloc_year


def header_data(pledge: Pledge | None, **changes) -> dict:
    data = {"title": "Giao ước thi đua năm 2025", "preamble": "", "signed_on": "", "place": ""}
    if pledge is not None:
        data = {
            "title": pledge.title,
            "preamble": pledge.preamble,
            "signed_on": pledge.signed_on.isoformat() if pledge.signed_on else "",
            "place": pledge.place,
        }
    return {**data, "version": pledge.version if pledge else 0, **changes}


def items_data(pledge: Pledge, rows: list[dict], *, version: int | None = None) -> dict:
    """Return the items formset as the page posts it: rows with an id are the existing ones."""
    existing = [row for row in rows if row.get("id")]
    data = {
        "version": pledge.version if version is None else version,
        "items-TOTAL_FORMS": len(rows),
        "items-INITIAL_FORMS": len(existing),
        "items-MIN_NUM_FORMS": 0,
        "items-MAX_NUM_FORMS": 1000,
    }
    for index, row in enumerate(rows):
        for name in ("id", "content", "target", "ORDER"):
            data[f"items-{index}-{name}"] = row.get(name, "")
        if row.get("DELETE"):
            data[f"items-{index}-DELETE"] = "on"
    return data


def signature_data(**changes) -> dict:
    data = {
        "signatory_name": "Nguyễn Văn An",
        "signatory_title": "Giám đốc",
        "signed_on": "2025-02-20",
    }
    return {**data, **changes}


@pytest.fixture
def pledge(bloc_year_1):
    return make_pledge(bloc_year_1, "Thực hiện tốt nhiệm vụ chính trị", "Cải cách hành chính")


class TestPage:
    @pytest.mark.parametrize(
        "persona", ["board", "secretariat", "deputy_staff", "member_staff", "national"]
    )
    def test_the_board_and_every_member_read_the_pledge(self, request, pledge, client_for, persona):
        response = client_for(request.getfixturevalue(persona)).get(pledge.get_absolute_url())

        assert response.status_code == 200
        assert "Thực hiện tốt nhiệm vụ chính trị" in response.content.decode()

    @pytest.mark.parametrize("persona", OUTSIDERS)
    def test_an_outsider_gets_404(self, request, pledge, client_for, persona):
        response = client_for(request.getfixturevalue(persona)).get(pledge.get_absolute_url())

        assert response.status_code == 404

    def test_without_a_pledge_the_secretariat_is_offered_to_enter_one_and_a_member_is_not(
        self, bloc_year_1, secretariat, member_staff, client_for
    ):
        page = url("pledge_detail", bloc_year_1)
        edit = url("pledge_edit", bloc_year_1)

        assert edit in client_for(secretariat).get(page).content.decode()
        assert edit not in client_for(member_staff).get(page).content.decode()

    def test_it_shows_who_has_not_signed_and_how_many_have(
        self, pledge, bloc_year_1, unit_h, member_staff, client_for
    ):
        services.pledge_sign(
            pledge=pledge,
            membership=membership_of(bloc_year_1, unit_h),
            signatory_name="Trần Văn Bình",
            signatory_title="Giám đốc Công an tỉnh",
            signed_on=datetime.date(2025, 2, 20),
        )

        response = client_for(member_staff).get(pledge.get_absolute_url())

        assert response.context["signed_count"] == 1
        assert [m.unit.short_name for m in response.context["unsigned"]] == [
            "Viện kiểm sát nhân dân tỉnh",
            "Sở Tư pháp",
        ]
        page = response.content.decode()
        assert "Trần Văn Bình" in page
        unsigned = page.split('id="unsigned-units"')[1].split("</div>")[0]
        assert "Sở Tư pháp" in unsigned and "Công an tỉnh" not in unsigned

    def test_a_member_sees_the_link_to_sign_only_on_its_own_row(
        self, pledge, bloc_year_1, unit_h, unit_m, member_staff, client_for
    ):
        page = client_for(member_staff).get(pledge.get_absolute_url()).content.decode()

        own = membership_of(bloc_year_1, unit_m).pk
        other = membership_of(bloc_year_1, unit_h).pk
        assert url("pledge_sign", bloc_year_1, own) in page
        assert url("pledge_sign", bloc_year_1, other) not in page

    def test_the_history_names_who_changed_the_items(self, pledge, secretariat, client_for):
        client = client_for(secretariat)
        items = list(pledge.items.all())
        rows = [{"id": item.pk, "content": item.content, "target": "95%"} for item in items]
        client.post(url("pledge_items", pledge.bloc_year), items_data(pledge, rows))

        response = client.get(pledge.get_absolute_url())

        changed = [e for e in response.context["history"] if e.action == "~"]
        assert changed[0].user == secretariat
        assert [(c.old, c.new) for c in changed[0].changes] == [("100%", "95%")]
        assert secretariat.get_full_name() in response.content.decode()


class TestHeader:
    @pytest.mark.parametrize("persona", WRITERS)
    def test_the_board_and_the_secretariat_enter_the_pledge(
        self, request, bloc_year_1, client_for, persona
    ):
        user = request.getfixturevalue(persona)
        data = header_data(None, place="Hội trường Công an tỉnh", signed_on="2025-02-20")

        response = client_for(user).post(url("pledge_edit", bloc_year_1), data)

        assert response.status_code == 302
        assert response.url == url("pledge_detail", bloc_year_1)
        pledge = Pledge.objects.get(bloc_year=bloc_year_1)
        assert (pledge.title, pledge.place) == (data["title"], "Hội trường Công an tỉnh")
        assert pledge.signed_on == datetime.date(2025, 2, 20)
        assert pledge.history.get().history_user == user

    def test_it_changes_the_header_and_bumps_the_version(self, pledge, secretariat, client_for):
        data = header_data(pledge, preamble="Căn cứ Luật Thi đua, khen thưởng năm 2022")

        response = client_for(secretariat).post(url("pledge_edit", pledge.bloc_year), data)

        assert response.status_code == 302
        fresh = Pledge.objects.get(pk=pledge.pk)
        assert fresh.preamble == "Căn cứ Luật Thi đua, khen thưởng năm 2022"
        assert fresh.version == pledge.version + 1

    def test_a_member_may_not(self, bloc_year_1, member_staff, client_for):
        client = client_for(member_staff)

        assert client.get(url("pledge_edit", bloc_year_1)).status_code == 403
        assert client.post(url("pledge_edit", bloc_year_1), header_data(None)).status_code == 403
        assert not Pledge.objects.exists()

    @pytest.mark.parametrize("persona", ["secretariat", "deputy_staff"])
    def test_the_secretariat_may_not_once_the_year_is_closed(
        self, request, pledge, client_for, persona
    ):
        close(pledge.bloc_year)
        client = client_for(request.getfixturevalue(persona))
        data = header_data(pledge, title="Đã đóng")

        assert client.get(url("pledge_edit", pledge.bloc_year)).status_code == 403
        assert client.post(url("pledge_edit", pledge.bloc_year), data).status_code == 403
        assert Pledge.objects.get(pk=pledge.pk).title == pledge.title

    def test_the_board_still_may_once_the_year_is_closed(self, pledge, board, client_for):
        close(pledge.bloc_year)
        data = header_data(pledge, title="Sửa sau khi đóng")

        response = client_for(board).post(url("pledge_edit", pledge.bloc_year), data)

        assert response.status_code == 302
        assert Pledge.objects.get(pk=pledge.pk).title == "Sửa sau khi đóng"

    @pytest.mark.parametrize("persona", OUTSIDERS)
    def test_an_outsider_gets_404(self, request, bloc_year_1, client_for, persona):
        client = client_for(request.getfixturevalue(persona))

        assert client.get(url("pledge_edit", bloc_year_1)).status_code == 404
        assert client.post(url("pledge_edit", bloc_year_1), header_data(None)).status_code == 404

    def test_bad_input_shows_the_typed_values_and_changes_nothing(
        self, pledge, secretariat, client_for
    ):
        data = header_data(pledge, title="", place="Nhà văn hóa tỉnh")

        response = client_for(secretariat).post(url("pledge_edit", pledge.bloc_year), data)

        assert response.status_code == 200
        assert "title" in response.context["form"].errors
        assert 'value="Nhà văn hóa tỉnh"' in response.content.decode()
        fresh = Pledge.objects.get(pk=pledge.pk)
        assert (fresh.place, fresh.version) == (pledge.place, pledge.version)

    def test_a_stale_version_is_refused_and_changes_nothing(self, pledge, board, client_for):
        client = client_for(board)
        client.post(url("pledge_edit", pledge.bloc_year), header_data(pledge, place="Lần một"))

        with translation.override("en"):
            response = client.post(
                url("pledge_edit", pledge.bloc_year), header_data(pledge, place="Lần hai")
            )
            assert response.status_code == 200
            assert STALE in response.context["form"].non_field_errors()
        assert 'value="Lần hai"' in response.content.decode()
        fresh = Pledge.objects.get(pk=pledge.pk)
        assert (fresh.place, fresh.version) == ("Lần một", pledge.version + 1)

    def test_a_second_pledge_for_the_same_year_is_refused(self, pledge, board, client_for):
        response = client_for(board).post(
            url("pledge_edit", pledge.bloc_year), header_data(None, title="Một bản khác")
        )

        assert response.status_code == 200
        assert Pledge.objects.get().title == pledge.title

    def test_decomposed_text_is_stored_composed(self, bloc_year_1, secretariat, client_for):
        typed = unicodedata.normalize("NFD", "Giao ước thi đua năm 2025")

        client_for(secretariat).post(
            url("pledge_edit", bloc_year_1), header_data(None, title=typed)
        )

        assert Pledge.objects.get().title == "Giao ước thi đua năm 2025"


class TestItems:
    def test_the_secretariat_adds_edits_reorders_and_deletes_items(
        self, pledge, secretariat, client_for
    ):
        first, second = pledge.items.all()
        rows = [
            {"id": first.pk, "content": first.content, "target": "", "ORDER": 2},
            {"id": second.pk, "content": "Cải cách hành chính, chuyển đổi số", "ORDER": 1},
            {"content": "Phong trào thi đua yêu nước", "target": "Hoàn thành", "ORDER": 3},
        ]

        response = client_for(secretariat).post(
            url("pledge_items", pledge.bloc_year), items_data(pledge, rows)
        )

        assert response.status_code == 302
        items = list(PledgeItem.objects.filter(pledge=pledge))
        assert [(i.position, i.content) for i in items] == [
            (1, "Cải cách hành chính, chuyển đổi số"),
            (2, "Thực hiện tốt nhiệm vụ chính trị"),
            (3, "Phong trào thi đua yêu nước"),
        ]
        assert [items[0].pk, items[1].pk] == [second.pk, first.pk]
        assert Pledge.objects.get(pk=pledge.pk).version == pledge.version + 1

        rows = [
            {"id": items[0].pk, "content": items[0].content, "ORDER": 1},
            {"id": items[1].pk, "content": items[1].content, "ORDER": 2, "DELETE": True},
            {"id": items[2].pk, "content": items[2].content, "ORDER": 3},
        ]
        client_for(secretariat).post(
            url("pledge_items", pledge.bloc_year),
            items_data(Pledge.objects.get(pk=pledge.pk), rows),
        )
        assert list(pledge.items.values_list("position", "content")) == [
            (1, "Cải cách hành chính, chuyển đổi số"),
            (2, "Phong trào thi đua yêu nước"),
        ]
        assert PledgeItem.history.filter(id=first.pk, history_type="-").exists()

    def test_the_form_shows_the_items(self, pledge, secretariat, client_for):
        response = client_for(secretariat).get(url("pledge_items", pledge.bloc_year))

        assert response.status_code == 200
        assert "Cải cách hành chính" in response.content.decode()

    def test_a_stale_version_is_refused_and_changes_nothing(self, pledge, board, client_for):
        client = client_for(board)
        item = pledge.items.first()
        rows = [{"id": item.pk, "content": "Lần một", "ORDER": 1}]
        client.post(url("pledge_items", pledge.bloc_year), items_data(pledge, rows))

        rows = [{"id": item.pk, "content": "Lần hai", "ORDER": 1}]
        with translation.override("en"):
            response = client.post(url("pledge_items", pledge.bloc_year), items_data(pledge, rows))
            assert response.status_code == 200
            assert response.context["error"] == STALE
        assert "Lần hai" in response.content.decode()
        assert list(pledge.items.values_list("content", flat=True)) == ["Lần một"]

    def test_bad_input_shows_the_typed_values_and_changes_nothing(
        self, pledge, secretariat, client_for
    ):
        first, second = pledge.items.all()
        rows = [
            {"id": first.pk, "content": "", "target": "Gõ dở dang", "ORDER": 1},
            {"id": second.pk, "content": second.content, "ORDER": 2},
        ]

        response = client_for(secretariat).post(
            url("pledge_items", pledge.bloc_year), items_data(pledge, rows)
        )

        assert response.status_code == 200
        assert "content" in response.context["formset"].errors[0]
        assert "Gõ dở dang" in response.content.decode()
        assert pledge.items.get(pk=first.pk).content == first.content

    def test_a_member_may_not(self, pledge, member_staff, client_for):
        client = client_for(member_staff)
        rows = [{"content": "Của thành viên"}]

        assert client.get(url("pledge_items", pledge.bloc_year)).status_code == 403
        response = client.post(url("pledge_items", pledge.bloc_year), items_data(pledge, rows))
        assert response.status_code == 403
        assert pledge.items.count() == 2

    def test_the_secretariat_may_not_once_the_year_is_closed(self, pledge, secretariat, client_for):
        close(pledge.bloc_year)
        rows = [{"content": "Sau khi đóng"}]

        response = client_for(secretariat).post(
            url("pledge_items", pledge.bloc_year), items_data(pledge, rows)
        )

        assert response.status_code == 403
        assert pledge.items.count() == 2

    @pytest.mark.parametrize("persona", OUTSIDERS)
    def test_an_outsider_gets_404(self, request, pledge, client_for, persona):
        client = client_for(request.getfixturevalue(persona))

        assert client.get(url("pledge_items", pledge.bloc_year)).status_code == 404


class TestCopyFromPreviousYear:
    @pytest.fixture
    def empty_pledge(self, bloc_1, bloc_year_1):
        make_pledge(BlocYearFactory(bloc=bloc_1, year=2024), "Nội dung năm 2024", "Mục thứ hai")
        return make_pledge(bloc_year_1)

    def test_the_page_offers_it_and_the_secretariat_copies_the_items(
        self, empty_pledge, secretariat, client_for
    ):
        client = client_for(secretariat)
        copy_url = url("pledge_items_copy", empty_pledge.bloc_year)
        assert copy_url in client.get(empty_pledge.get_absolute_url()).content.decode()

        response = client.post(copy_url, {"version": empty_pledge.version})

        assert response.status_code == 302
        assert list(empty_pledge.items.values_list("position", "content")) == [
            (1, "Nội dung năm 2024"),
            (2, "Mục thứ hai"),
        ]

    def test_get_is_refused(self, empty_pledge, secretariat, client_for):
        response = client_for(secretariat).get(url("pledge_items_copy", empty_pledge.bloc_year))

        assert response.status_code == 405
        assert not empty_pledge.items.exists()

    def test_a_member_may_not(self, empty_pledge, member_staff, client_for):
        response = client_for(member_staff).post(
            url("pledge_items_copy", empty_pledge.bloc_year), {"version": empty_pledge.version}
        )

        assert response.status_code == 403
        assert not empty_pledge.items.exists()

    def test_the_secretariat_may_not_once_the_year_is_closed(
        self, empty_pledge, secretariat, client_for
    ):
        close(empty_pledge.bloc_year)

        response = client_for(secretariat).post(
            url("pledge_items_copy", empty_pledge.bloc_year), {"version": empty_pledge.version}
        )

        assert response.status_code == 403
        assert not empty_pledge.items.exists()

    @pytest.mark.parametrize("persona", OUTSIDERS)
    def test_an_outsider_gets_404(self, request, empty_pledge, client_for, persona):
        response = client_for(request.getfixturevalue(persona)).post(
            url("pledge_items_copy", empty_pledge.bloc_year), {"version": empty_pledge.version}
        )

        assert response.status_code == 404

    def test_it_refuses_to_mix_into_a_pledge_that_has_items(
        self, empty_pledge, secretariat, client_for
    ):
        pledge = services.pledge_items_save(
            pledge=empty_pledge, version=empty_pledge.version, items=[{"content": "Đã có"}]
        )

        response = client_for(secretariat).post(
            url("pledge_items_copy", pledge.bloc_year), {"version": pledge.version}, follow=True
        )

        assert list(pledge.items.values_list("content", flat=True)) == ["Đã có"]
        assert [m.level_tag for m in response.context["messages"]] == ["error"]


class TestSign:
    def test_a_member_enters_its_own_signature_with_its_leader_as_the_default(
        self, pledge, bloc_year_1, unit_m, member_staff, client_for
    ):
        unit_m.leader_name, unit_m.leader_title = "Lê Thị Cúc", "Giám đốc Sở Tư pháp"
        unit_m.save()
        membership = membership_of(bloc_year_1, unit_m)
        client = client_for(member_staff)

        form = client.get(url("pledge_sign", bloc_year_1, membership.pk))
        assert form.status_code == 200
        assert 'value="Lê Thị Cúc"' in form.content.decode()
        response = client.post(url("pledge_sign", bloc_year_1, membership.pk), signature_data())

        assert response.status_code == 302
        signature = PledgeSignature.objects.get(membership=membership)
        assert (signature.signatory_name, signature.pledge) == ("Nguyễn Văn An", pledge)
        assert signature.history.get().history_user == member_staff

    def test_a_member_may_not_sign_for_another_unit(
        self, pledge, bloc_year_1, unit_h, member_staff, client_for
    ):
        membership = membership_of(bloc_year_1, unit_h)
        client = client_for(member_staff)

        assert client.get(url("pledge_sign", bloc_year_1, membership.pk)).status_code == 403
        response = client.post(url("pledge_sign", bloc_year_1, membership.pk), signature_data())
        assert response.status_code == 403
        assert not PledgeSignature.objects.exists()

    @pytest.mark.parametrize("persona", WRITERS)
    def test_the_board_and_the_secretariat_sign_for_any_unit(
        self, request, pledge, bloc_year_1, unit_m, client_for, persona
    ):
        membership = membership_of(bloc_year_1, unit_m)

        response = client_for(request.getfixturevalue(persona)).post(
            url("pledge_sign", bloc_year_1, membership.pk), signature_data()
        )

        assert response.status_code == 302
        assert PledgeSignature.objects.filter(membership=membership).exists()

    @pytest.mark.parametrize("persona", ["member_staff", "secretariat"])
    def test_nobody_but_the_board_signs_once_the_year_is_closed(
        self, request, pledge, bloc_year_1, unit_m, client_for, persona
    ):
        close(bloc_year_1)
        membership = membership_of(bloc_year_1, unit_m)

        response = client_for(request.getfixturevalue(persona)).post(
            url("pledge_sign", bloc_year_1, membership.pk), signature_data()
        )

        assert response.status_code == 403
        assert not PledgeSignature.objects.exists()

    def test_the_board_still_signs_once_the_year_is_closed(
        self, pledge, bloc_year_1, unit_m, board, client_for
    ):
        close(bloc_year_1)
        membership = membership_of(bloc_year_1, unit_m)

        response = client_for(board).post(
            url("pledge_sign", bloc_year_1, membership.pk), signature_data()
        )

        assert response.status_code == 302
        assert PledgeSignature.objects.filter(membership=membership).exists()

    @pytest.mark.parametrize("persona", OUTSIDERS)
    def test_an_outsider_gets_404(self, request, pledge, bloc_year_1, unit_m, client_for, persona):
        membership = membership_of(bloc_year_1, unit_m)

        response = client_for(request.getfixturevalue(persona)).post(
            url("pledge_sign", bloc_year_1, membership.pk), signature_data()
        )

        assert response.status_code == 404
        assert not PledgeSignature.objects.exists()

    def test_a_membership_of_another_bloc_year_answers_404(
        self, pledge, bloc_year_1, bloc_year_2, unit_o, board, client_for
    ):
        other = membership_of(bloc_year_2, unit_o)

        response = client_for(board).post(url("pledge_sign", bloc_year_1, other.pk))

        assert response.status_code == 404

    def test_without_a_pledge_there_is_nothing_to_sign(
        self, bloc_year_1, unit_m, member_staff, client_for
    ):
        membership = membership_of(bloc_year_1, unit_m)

        response = client_for(member_staff).get(url("pledge_sign", bloc_year_1, membership.pk))

        assert response.status_code == 404

    def test_bad_input_shows_the_typed_values_and_changes_nothing(
        self, pledge, bloc_year_1, unit_m, member_staff, client_for
    ):
        membership = membership_of(bloc_year_1, unit_m)
        data = signature_data(signatory_name="", signatory_title="Phó Giám đốc")

        response = client_for(member_staff).post(
            url("pledge_sign", bloc_year_1, membership.pk), data
        )

        assert response.status_code == 200
        assert "signatory_name" in response.context["form"].errors
        assert 'value="Phó Giám đốc"' in response.content.decode()
        assert not PledgeSignature.objects.exists()

    def test_a_past_year_s_signature_without_a_name_is_recorded_as_the_record_gives_it(
        self, pledge, bloc_year_1, unit_m, member_staff, client_for
    ):
        # The help text says the name may be left empty when the record does not give it.
        membership = membership_of(bloc_year_1, unit_m)
        data = signature_data(signatory_name="", signatory_title="")

        response = client_for(member_staff).post(
            url("pledge_sign", bloc_year_1, membership.pk), data
        )

        assert response.status_code == 302
        signature = PledgeSignature.objects.get()
        assert (signature.signatory_name, signature.signatory_title) == ("", "")

    def test_a_correction_keeps_the_former_signatory_in_the_history(
        self, pledge, bloc_year_1, unit_m, member_staff, client_for
    ):
        membership = membership_of(bloc_year_1, unit_m)
        client = client_for(member_staff)
        sign_url = url("pledge_sign", bloc_year_1, membership.pk)
        client.post(sign_url, signature_data())

        client.post(sign_url, signature_data(signatory_name="Phạm Văn Dũng", version=1))

        signature = PledgeSignature.objects.get(membership=membership)
        assert signature.signatory_name == "Phạm Văn Dũng"
        names = list(signature.history.values_list("signatory_name", flat=True))
        assert names == ["Phạm Văn Dũng", "Nguyễn Văn An"]


class TestSignatureRemove:
    @pytest.fixture
    def signed(self, pledge, bloc_year_1, unit_m):
        membership = membership_of(bloc_year_1, unit_m)
        services.pledge_sign(
            pledge=pledge,
            membership=membership,
            signatory_name="Nguyễn Văn An",
            signatory_title="Giám đốc",
            signed_on=datetime.date(2025, 2, 20),
        )
        return membership

    def test_a_member_withdraws_its_own_signature(self, signed, member_staff, client_for):
        response = client_for(member_staff).post(
            url("pledge_signature_remove", signed.bloc_year, signed.pk)
        )

        assert response.status_code == 302
        assert not PledgeSignature.objects.exists()
        assert PledgeSignature.history.filter(history_type="-").count() == 1

    def test_get_is_refused(self, signed, member_staff, client_for):
        response = client_for(member_staff).get(
            url("pledge_signature_remove", signed.bloc_year, signed.pk)
        )

        assert response.status_code == 405
        assert PledgeSignature.objects.exists()

    def test_staff_of_another_member_unit_may_not(self, signed, client_for):
        unit_n = UnitFactory(province=signed.bloc_year.bloc.province)
        MembershipFactory(bloc_year=signed.bloc_year, unit=unit_n)

        response = client_for(UnitUserFactory(unit=unit_n)).post(
            url("pledge_signature_remove", signed.bloc_year, signed.pk)
        )

        assert response.status_code == 403
        assert PledgeSignature.objects.exists()

    def test_the_member_may_not_once_the_year_is_closed(self, signed, member_staff, client_for):
        close(signed.bloc_year)

        response = client_for(member_staff).post(
            url("pledge_signature_remove", signed.bloc_year, signed.pk)
        )

        assert response.status_code == 403
        assert PledgeSignature.objects.exists()

    @pytest.mark.parametrize("persona", OUTSIDERS)
    def test_an_outsider_gets_404(self, request, signed, client_for, persona):
        response = client_for(request.getfixturevalue(persona)).post(
            url("pledge_signature_remove", signed.bloc_year, signed.pk)
        )

        assert response.status_code == 404
        assert PledgeSignature.objects.exists()


def build_pledge_year(members: int, items: int):
    """Return a bloc-year of `members` units with a pledge of `items` items, all signed, edited."""
    bloc_year = BlocYearFactory(year=2025)
    units = [UnitFactory(province=bloc_year.bloc.province) for _ in range(members)]
    for index, unit in enumerate(units):
        MembershipFactory(bloc_year=bloc_year, unit=unit, head=index == 0)
    pledge = make_pledge(bloc_year, *(f"Nội dung {n}" for n in range(items)))
    rows = [{"id": i.pk, "content": i.content, "target": "Sửa"} for i in pledge.items.all()]
    pledge = services.pledge_items_save(pledge=pledge, version=pledge.version, items=rows)
    for membership in bloc_year.memberships.select_related("unit"):
        for version, name in enumerate(("Người ký", "Người ký đã sửa")):
            services.pledge_sign(
                pledge=pledge,
                membership=membership,
                signatory_name=name,
                signatory_title="Giám đốc",
                signed_on=datetime.date(2025, 2, 20),
                version=version,
            )
    return bloc_year, units[0]


# The session and the user (2), the year with its leaders (3), the rights of a unit's staff (1),
# the members with their names (2), the items (1), the history (2 per kind of record: 6), and
# the navigation bar's unit or province (1), the documents issued for the pledge (1), the
# meetings it was signed at (1).
PLEDGE_PAGE_QUERIES = {"board": 17, "unit_staff": 18}


@pytest.mark.parametrize("persona", list(PLEDGE_PAGE_QUERIES))
def test_the_pledge_page_makes_a_pinned_number_of_queries_that_does_not_grow(
    client_for, django_assert_max_num_queries, persona
):
    counts = []
    for members, items in ((3, 2), (30, 20)):
        bloc_year, first_unit = build_pledge_year(members, items)
        if persona == "board":
            user = BoardUserFactory(province=bloc_year.bloc.province)
        else:
            user = UnitUserFactory(unit=first_unit)
        client = client_for(user)
        page = url("pledge_detail", bloc_year)
        assert client.get(page).status_code == 200
        with django_assert_max_num_queries(PLEDGE_PAGE_QUERIES[persona]) as queries:
            client.get(page)
        counts.append(len(queries))

    assert counts[0] == counts[1]


class TestLostSignatures:
    def test_a_correction_made_on_a_stale_form_is_refused_and_changes_nothing(
        self, pledge, bloc_year_1, unit_m, member_staff, secretariat, client_for
    ):
        membership = membership_of(bloc_year_1, unit_m)
        sign_url = url("pledge_sign", bloc_year_1, membership.pk)
        client_for(member_staff).post(sign_url, signature_data())
        stale_form = client_for(member_staff).get(sign_url).context["form"]
        client_for(secretariat).post(sign_url, signature_data(signatory_name="B", version=1))

        response = client_for(member_staff).post(
            sign_url, signature_data(signatory_name="C", version=stale_form["version"].value())
        )

        assert response.status_code == 200
        assert vietnamese(STALE) in response.context["form"].non_field_errors()
        assert PledgeSignature.objects.get(membership=membership).signatory_name == "B"

    def test_a_first_signature_entered_meanwhile_is_not_saved_over(
        self, pledge, bloc_year_1, unit_m, member_staff, secretariat, client_for
    ):
        membership = membership_of(bloc_year_1, unit_m)
        sign_url = url("pledge_sign", bloc_year_1, membership.pk)
        stale_form = client_for(member_staff).get(sign_url).context["form"]
        assert stale_form["version"].value() == 0
        client_for(secretariat).post(sign_url, signature_data(signatory_name="B"))

        response = client_for(member_staff).post(sign_url, signature_data(signatory_name="C"))

        assert vietnamese(STALE) in response.context["form"].non_field_errors()
        assert PledgeSignature.objects.get(membership=membership).signatory_name == "B"


class TestAllTheSignaturesOnOneForm:
    def url(self, bloc_year) -> str:
        return reverse("blocs:pledge_signatures", args=[bloc_year.bloc_id, bloc_year.year])

    def rows(self, client, bloc_year) -> dict:
        formset = client.get(self.url(bloc_year)).context["formset"]
        data = {
            "signatures-TOTAL_FORMS": len(formset.forms),
            "signatures-INITIAL_FORMS": len(formset.forms),
        }
        for form in formset.forms:
            for name, value in form.initial.items():
                if name == "signed":
                    if value:
                        data[f"{form.prefix}-signed"] = "on"
                elif value is not None:
                    data[f"{form.prefix}-{name}"] = value
        return data, formset

    def test_the_secretariat_enters_every_member_s_signature_at_once(
        self, pledge, bloc_year_1, secretariat, client_for
    ):
        client = client_for(secretariat)
        data, formset = self.rows(client, bloc_year_1)
        for form in formset.forms:
            data[f"{form.prefix}-signed"] = "on"
            data[f"{form.prefix}-signed_on"] = "2025-02-05"

        response = client.post(self.url(bloc_year_1), data)

        assert response.status_code == 302
        assert PledgeSignature.objects.count() == len(formset.forms)

    def test_one_bad_row_saves_none_and_keeps_what_was_typed(
        self, pledge, bloc_year_1, secretariat, client_for
    ):
        client = client_for(secretariat)
        data, formset = self.rows(client, bloc_year_1)
        first, second = formset.forms[0].prefix, formset.forms[1].prefix
        data.update({f"{first}-signed": "on", f"{first}-signed_on": "2025-02-05"})
        data.update({f"{first}-signatory_name": "Người ký đã gõ"})
        data.update({f"{second}-signed": "on", f"{second}-signed_on": "9999-12-31"})

        response = client.post(self.url(bloc_year_1), data)

        assert response.status_code == 200
        assert "Người ký đã gõ" in response.content.decode()
        assert not PledgeSignature.objects.exists()

    def test_a_member_may_not(self, pledge, bloc_year_1, member_staff, client_for):
        assert client_for(member_staff).get(self.url(bloc_year_1)).status_code == 403
