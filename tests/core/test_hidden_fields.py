"""A form the page sent incomplete or altered says so in Vietnamese and saves nothing (found: a
missing or altered version, row id or formset management data re-rendered the form without a
word): every form with a hidden field, every list of rows, and the pages that show them."""

from __future__ import annotations

import datetime

import pytest
from django import forms
from django.urls import reverse
from django.utils import translation

from blocs.models import BlocYear, Pledge, PledgeItem
from blocs.services.pledge import pledge_items_save, pledge_save
from core.forms import HIDDEN_FIELDS_ALTERED, CheckedFormSet, HiddenFieldsChecked
from meetings.models import Meeting
from meetings.services.meetings import meeting_create
from tests.test_rights import settings_data, unit_data
from tests.test_versions import form_classes
from units.models import Unit

pytestmark = pytest.mark.django_db


def altered(response) -> bool:
    """Whether the page says, in Vietnamese, that the form came back incomplete or altered."""
    with translation.override("vi"):
        message = str(HIDDEN_FIELDS_ALTERED)
    assert message.startswith("Biểu mẫu gửi lên")
    return response.status_code == 200 and message in response.content.decode()


@pytest.fixture
def vi_client(client_for):
    def login(user):
        client = client_for(user)
        client.defaults["HTTP_ACCEPT_LANGUAGE"] = "vi"
        return client

    return login


class TestEveryForm:
    def test_every_form_with_a_hidden_field_reports_it_altered(self):
        unchecked = sorted(
            name
            for name, cls in form_classes().items()
            if issubclass(cls, forms.BaseForm)
            and any(field.widget.is_hidden for field in cls.base_fields.values())
            and not issubclass(cls, HiddenFieldsChecked)
        )

        assert unchecked == []

    def test_every_list_of_rows_reports_its_management_data_missing(self):
        unchecked = sorted(
            name
            for name, cls in form_classes().items()
            if issubclass(cls, forms.BaseFormSet) and not issubclass(cls, CheckedFormSet)
        )

        assert unchecked == []

    def test_the_hidden_field_s_own_error_becomes_the_message(self):
        class Form(HiddenFieldsChecked, forms.Form):
            name = forms.CharField()
            version = forms.IntegerField(widget=forms.HiddenInput)

        form = Form({"name": "Giữ lại", "version": "abc"})

        assert not form.is_valid()
        assert form.errors == {"__all__": [str(HIDDEN_FIELDS_ALTERED)]}
        assert form["name"].value() == "Giữ lại"


class TestThePages:
    def test_a_unit_sent_without_its_version(self, world, board, vi_client):
        data = unit_data(world.unit_h, leader_name="Nguyễn Văn Mới")
        del data["version"]

        response = vi_client(board).post(reverse("units:unit_edit", args=[world.unit_h.pk]), data)

        assert altered(response)
        assert "Nguyễn Văn Mới" in response.content.decode()
        assert Unit.objects.get(pk=world.unit_h.pk).leader_name != "Nguyễn Văn Mới"

    def test_the_settings_sent_with_an_altered_version(self, world, board, vi_client):
        url = reverse("blocs:blocyear_settings", args=[world.bloc_1.pk, 2025])

        response = vi_client(board).post(url, settings_data(world.bloc_year_1, version="x"))

        assert altered(response)
        assert BlocYear.objects.get(pk=world.bloc_year_1.pk).version == world.bloc_year_1.version

    @pytest.fixture
    def pledge(self, world) -> Pledge:
        pledge = pledge_save(bloc_year=world.bloc_year_1, version=0, title="Giao ước 2025")
        return pledge_items_save(
            pledge=pledge, version=pledge.version, items=[{"content": "Hoàn thành nhiệm vụ"}]
        )

    def items_data(self, pledge: Pledge, **changes) -> dict:
        item = pledge.items.get()
        data = {
            "version": pledge.version,
            "items-TOTAL_FORMS": 1,
            "items-INITIAL_FORMS": 1,
            "items-MIN_NUM_FORMS": 0,
            "items-MAX_NUM_FORMS": 1000,
            "items-0-id": item.pk,
            "items-0-content": "Nội dung đã sửa",
            "items-0-target": "",
            "items-0-ORDER": 1,
        }
        return {**data, **changes}

    @pytest.mark.parametrize(
        "tamper",
        [
            lambda data: data.pop("items-TOTAL_FORMS"),
            lambda data: data.pop("version"),
            lambda data: data.update({"items-0-id": "abc"}),
        ],
        ids=["management data missing", "version missing", "row id altered"],
    )
    def test_the_pledge_s_items(self, world, secretariat, vi_client, pledge, tamper):
        url = reverse("blocs:pledge_items", args=[world.bloc_1.pk, 2025])
        data = self.items_data(pledge)
        tamper(data)

        response = vi_client(secretariat).post(url, data)

        assert altered(response)
        assert PledgeItem.objects.get().content == "Hoàn thành nhiệm vụ"

    @pytest.fixture
    def meeting(self, world) -> Meeting:
        return meeting_create(
            bloc_year=world.bloc_year_1,
            kind=Meeting.Kind.YEAR_END,
            title="Hội nghị tổng kết năm 2025",
            date=datetime.date(2025, 12, 20),
            host_unit=world.unit_h,
        )

    def test_the_attendance_sent_without_its_version(self, world, secretariat, vi_client, meeting):
        url = reverse("meetings:meeting_attendance", args=[world.bloc_1.pk, 2025, meeting.pk])
        form = vi_client(secretariat).get(url).context["formset"]
        data = {
            f"{form.prefix}-TOTAL_FORMS": len(form.forms),
            f"{form.prefix}-INITIAL_FORMS": len(form.forms),
        }
        for row in form.forms:
            data[f"{row.prefix}-unit"] = row.initial["unit"]
            data[f"{row.prefix}-status"] = "present"

        response = vi_client(secretariat).post(url, data)

        assert altered(response)
        assert not meeting.attendances.exists()

    def test_the_meeting_form_without_its_lists(self, world, secretariat, vi_client, meeting):
        url = reverse("meetings:meeting_edit", args=[world.bloc_1.pk, 2025, meeting.pk])
        form = vi_client(secretariat).get(url).context["form"]
        data = {
            name: "" if field.value() is None else field.value()
            for name, field in ((bound.name, bound) for bound in form)
        }
        data["title"] = "Tiêu đề đã sửa"

        response = vi_client(secretariat).post(url, data)

        assert altered(response)
        assert "Tiêu đề đã sửa" in response.content.decode()
        assert Meeting.objects.get().title == "Hội nghị tổng kết năm 2025"
