"""The records issued documents were made from stay, whoever tries to delete them (found: the
Django admin deleted the pledge and the handover behind issued documents, which could then no
longer be corrected): the admin, one record or a selection or a parent, a service, the shell."""

from __future__ import annotations

import datetime

import pytest
from django.contrib import admin
from django.db import transaction
from django.db.models import ProtectedError
from django.urls import reverse
from django.utils import translation

from awards.models import Ballot
from blocs.models import Handover, Pledge
from core.admin import HistoryAdmin, ReadOnlyAdmin
from core.protection import guarded_models
from meetings.documents.registry import declared_kinds
from meetings.models import Meeting
from meetings.services.documents import document_issue
from tests.awards import review_world as review
from tests.meetings.tiny_builders import TinyHandover, TinyPledge, fake_pdfs, tiny_builders
from units.models import User

pytestmark = pytest.mark.django_db

meeting = review.meeting
ballot = review.ballot
committee = review.committee
nominated = review.nominated
__all__ = ["fake_pdfs", "tiny_builders"]

DOMAIN_APPS = {"units", "blocs", "meetings", "awards"}


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def it_staff(db):
    return User.objects.create_superuser("it", password="x")


@pytest.fixture
def it_client(client_for, it_staff):
    return client_for(it_staff)


@pytest.fixture
def pledge(bloc_year_1, board, fake_pdfs) -> Pledge:
    """The 2025 pledge, issued."""
    pledge = Pledge.objects.create(
        bloc_year=bloc_year_1,
        title="Giao ước thi đua năm 2025",
        signed_on=datetime.date(2025, 2, 5),
    )
    document_issue(builder=TinyPledge(pledge), user=board)
    return pledge


@pytest.fixture
def handover(bloc_year_1, unit_h, unit_d, board, fake_pdfs) -> Handover:
    """The 2025 handover, issued."""
    handover = Handover.objects.create(
        bloc_year=bloc_year_1,
        from_unit=unit_h,
        from_representative="Nguyễn Văn A",
        to_unit=unit_d,
        to_representative="Trần Văn B",
        handed_over_on=datetime.date(2026, 1, 20),
    )
    document_issue(builder=TinyHandover(handover), user=board)
    return handover


def admin_url(record, view: str) -> str:
    opts = record._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=[record.pk])


class TestWhatIsKept:
    def test_the_records_of_every_kind_of_document_are_kept(self):
        assert guarded_models() >= {kind.source.model for kind in declared_kinds()}

    def test_every_admin_of_the_domain_lists_what_is_kept_or_deletes_nothing(self, rf, it_staff):
        request = rf.get("/")
        request.user = it_staff
        unguarded = [
            model.__name__
            for model, model_admin in admin.site._registry.items()
            if model._meta.app_label in DOMAIN_APPS
            and not isinstance(model_admin, HistoryAdmin)
            and not (
                isinstance(model_admin, ReadOnlyAdmin)
                and not model_admin.has_delete_permission(request)
            )
        ]

        assert unguarded == []


class TestTheAdmin:
    def test_the_issued_pledge_is_not_deleted(self, it_client, pledge):
        url = admin_url(pledge, "delete")

        page = it_client.get(url).content.decode()
        response = it_client.post(url, {"post": "yes"})

        assert "Cannot delete" in page
        assert "was issued from this record" in page
        assert response.status_code == 200
        assert Pledge.objects.filter(pk=pledge.pk).exists()

    def test_a_selection_with_the_issued_handover_is_not_deleted(self, it_client, handover):
        url = reverse("admin:blocs_handover_changelist")

        response = it_client.post(
            url, {"action": "delete_selected", "_selected_action": [handover.pk], "post": "yes"}
        )

        assert "Cannot delete" in response.content.decode()
        assert Handover.objects.filter(pk=handover.pk).exists()

    def test_a_meeting_whose_vote_count_was_issued_is_not_deleted(self, it_client, nominated):
        ballot = Ballot.objects.get()
        url = admin_url(ballot.meeting, "delete")

        page = it_client.get(url).content.decode()
        it_client.post(url, {"post": "yes"})

        assert "Cannot delete" in page
        assert Ballot.objects.filter(pk=ballot.pk).exists()

    def test_a_record_nothing_was_issued_from_is_deleted(self, it_client, bloc_year_1):
        pledge = Pledge.objects.create(bloc_year=bloc_year_1, title="Giao ước nháp")

        response = it_client.post(admin_url(pledge, "delete"), {"post": "yes"})

        assert response.status_code == 302
        assert not Pledge.objects.filter(pk=pledge.pk).exists()


class TestEverywhereElse:
    def test_the_shell_cannot_delete_the_handover(self, handover):
        with pytest.raises(ProtectedError), transaction.atomic():
            handover.delete()

        assert Handover.objects.filter(pk=handover.pk).exists()

    def test_the_meeting_page_refuses_to_delete_a_meeting_with_a_ballot(
        self, client_for, secretariat, nominated
    ):
        meeting = Meeting.objects.get()
        url = reverse("meetings:meeting_delete", args=[meeting.bloc_year.bloc_id, 2025, meeting.pk])

        response = client_for(secretariat).post(url, {"version": meeting.version}, follow=True)

        assert response.status_code == 200
        assert "Other records stand on this meeting (ballots): it stays." in (
            response.content.decode()
        )
        assert Meeting.objects.filter(pk=meeting.pk).exists()
