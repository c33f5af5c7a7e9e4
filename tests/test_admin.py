"""The Django admin lets IT staff enter what the pages cannot edit yet, for every model."""

from __future__ import annotations

import datetime

import pytest
from django.contrib import admin
from django.urls import reverse

from awards.models import (
    AwardType,
    Ballot,
    BallotCounter,
    BallotVote,
    Criterion,
    Decision,
    Nomination,
    Score,
    Submission,
)
from blocs.models import Handover, HandoverItem, Plan, Pledge, PledgeItem, YearStateChange
from meetings.models import Document, DocumentSequence
from meetings.services.documents import document_issue
from meetings.services.meetings import meeting_attendance_save, meeting_create
from tests.factories import (
    AwardRulesFactory,
    LeadershipDecisionFactory,
    LegalBasisFactory,
    RegistrationFactory,
    RotationSlotFactory,
    UnitNameFactory,
)
from tests.meetings.tiny_builders import TinyMinutes
from units.models import User

DOMAIN_APPS = {"units", "blocs", "meetings", "awards"}
# Issued documents and their numbering are shown, never added, changed or deleted in the admin.
READ_ONLY = {Document, DocumentSequence, Nomination, Submission}


@pytest.fixture
def admin_client_with_world(world, client_for):
    it_staff = User.objects.create_superuser("it", password="x")
    UnitNameFactory(unit=world.unit_h)
    RotationSlotFactory(bloc=world.bloc_1, unit=world.unit_h, position=1)
    LeadershipDecisionFactory(province=world.province_a)
    pledge = Pledge.objects.create(bloc_year=world.bloc_year_1, title="Giao ước thi đua năm 2025")
    PledgeItem.objects.create(pledge=pledge, position=1, content="Hoàn thành nhiệm vụ")
    handover = Handover.objects.create(
        bloc_year=world.bloc_year_1,
        from_unit=world.unit_h,
        from_representative="Nguyễn Văn A",
        to_unit=world.unit_d,
        to_representative="Trần Văn B",
        handed_over_on=datetime.date(2026, 1, 20),
    )
    HandoverItem.objects.create(handover=handover, position=1, description="Hồ sơ thi đua")
    YearStateChange.objects.create(bloc_year=world.bloc_year_1, state="closed")
    Plan.objects.create(
        bloc_year=world.bloc_year_1,
        number="02/KH-KTĐ1",
        issued_on=datetime.date(2025, 6, 29),
        subject="Thực hiện phong trào thi đua năm 2025",
    )
    RegistrationFactory(membership=world.unit_h.memberships.get(), award_type__name="Cờ thi đua")
    meeting = meeting_create(
        bloc_year=world.bloc_year_1,
        kind="year_end",
        title="Hội nghị tổng kết năm 2025",
        date=datetime.date(2026, 1, 20),
        host_unit=world.unit_h,
        chairs=[{"name": "Trần Minh Trọng", "unit": world.unit_h}],
        opinions=[{"unit": world.unit_m, "content": "Nhất trí."}],
    )
    meeting_attendance_save(
        meeting=meeting,
        version=meeting.version,
        rows=[{"unit": m.unit, "present": True} for m in world.bloc_year_1.memberships.all()],
    )
    document_issue(builder=TinyMinutes(meeting), user=it_staff)
    section = Criterion.objects.create(
        bloc_year=world.bloc_year_1, position=1, title="Công tác chuyên môn", max_points=60
    )
    Score.objects.create(
        membership=world.unit_h.memberships.get(), criterion=section, bloc_score=50
    )
    ballot = Ballot.objects.create(meeting=meeting, issued=3, returned=3, valid=3, invalid=0)
    BallotVote.objects.create(
        ballot=ballot,
        unit=world.unit_h,
        award_type=AwardType.objects.filter(province=world.province_a).first(),
        votes=3,
    )
    BallotCounter.objects.create(ballot=ballot, role="head", name="Nguyễn Văn Công")
    LegalBasisFactory()
    AwardRulesFactory(province=world.province_a)
    decision = Decision.objects.create(
        province=world.province_a,
        number="15/QĐ-UBND",
        date=datetime.date(2026, 2, 10),
        signer="Chủ tịch UBND tỉnh",
    )
    submission = Submission.objects.create(
        bloc_year=world.bloc_year_1,
        date=datetime.date(2026, 1, 25),
        signer_name="Trần Minh Trọng",
        signer_title="Giám đốc Công an tỉnh",
    )
    Nomination.objects.create(
        bloc_year=world.bloc_year_1,
        membership=world.unit_h.memberships.get(),
        unit=world.unit_h,
        award_type=ballot.votes.get().award_type,
        ballot=ballot,
        status="approved",
        submission=submission,
        decision=decision,
    )
    return client_for(it_staff)


def domain_models():
    return [m for m in admin.site._registry if m._meta.app_label in DOMAIN_APPS]


def test_every_domain_model_is_in_the_admin():
    registered = {m.__name__ for m in domain_models()}

    assert {"Province", "Unit", "UnitName", "User", "Bloc", "BlocYear"} <= registered
    assert {"Membership", "LeadershipDecision", "RotationSlot"} <= registered
    assert {"Pledge", "Handover", "YearStateChange"} <= registered


@pytest.mark.parametrize("model", domain_models(), ids=lambda m: m.__name__)
def test_each_admin_page_of_a_model_opens(admin_client_with_world, model):
    opts = model._meta
    client = admin_client_with_world
    changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")

    assert client.get(changelist).status_code == 200
    assert client.get(changelist, {"q": "Công an"}).status_code == 200
    add = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
    assert add.status_code == (403 if model in READ_ONLY else 200)
    obj = model.objects.first()
    change = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    assert client.get(change).status_code == 200
    history = reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[obj.pk])
    assert client.get(history).status_code == 200


def test_a_bloc_year_in_the_admin_shows_its_members_inline(admin_client_with_world, world):
    url = reverse("admin:blocs_blocyear_change", args=[world.bloc_year_1.pk])

    response = admin_client_with_world.get(url)

    assert response.status_code == 200
    assert "Công an tỉnh" in response.content.decode()


def test_the_unit_of_an_account_is_chosen_by_its_full_name(admin_client_with_world, world):
    # Found: "Công an tỉnh" three times in the picker, with no province to tell them apart.
    page = admin_client_with_world.get(reverse("admin:units_user_add")).content.decode()

    assert ">Công an tỉnh Đắk Lắk<" in page
    assert ">Sở Tư pháp Cao Bằng<" in page
    assert ">Công an tỉnh<" not in page
