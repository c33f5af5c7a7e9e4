"""IT staff find award types and registrations in the admin, by name, unit and document."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.urls import reverse

from awards.models import AwardType, Registration
from units.models import User

pytestmark = pytest.mark.django_db


def test_both_models_are_in_the_admin():
    assert {AwardType, Registration} <= set(admin.site._registry)


@pytest.mark.parametrize(
    ("query", "found"),
    [("Sở Tư pháp", True), ("5/ĐK", True), ("Bằng khen", True), ("Công an", False)],
)
def test_registrations_are_found_by_unit_document_and_award(
    registration_m, client_for, query, found
):
    client = client_for(User.objects.create_superuser("it", password="x"))

    response = client.get(reverse("admin:awards_registration_changelist"), {"q": query})

    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == ([registration_m] if found else [])


def test_award_types_are_filtered_by_province_and_state(flag, flag_b, client_for):
    client = client_for(User.objects.create_superuser("it", password="x"))
    url = reverse("admin:awards_awardtype_changelist")

    response = client.get(url, {"province__id__exact": flag.province_id, "is_active__exact": 1})

    assert list(response.context["cl"].result_list) == [flag]
