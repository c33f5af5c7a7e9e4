"""Files attached to a year's records (the decision's scan, the signed paper tally sheet …):
type read from the file, size limited, served after the rights check and the hash, listed on
the "Văn bản" tab, never deleted."""

from __future__ import annotations

import datetime
import io
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from awards.models import Ballot
from blocs.models import Membership
from core.errors import DomainError
from meetings.models import Attachment, Meeting
from meetings.models.documents import KeptFile
from meetings.services.attachments import attachment_add
from tests.factories import LeadershipDecisionFactory

pytestmark = pytest.mark.django_db

SCAN = b"%PDF-1.4\n% Quyet dinh 123\n%%EOF\n"
PHOTO = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def list_url(bloc_year) -> str:
    return reverse("meetings:document_list", args=[bloc_year.bloc_id, bloc_year.year])


def attach(client, bloc_year, data: bytes, name="quyet-dinh.pdf", **fields):
    url = reverse("meetings:attachment_add", args=[bloc_year.bloc_id, bloc_year.year])
    form = {
        "kind": "award_decision",
        "title": "Quyết định số 123/QĐ-UBND ngày 01/3/2026 (bản có dấu)",
        **fields,
        "file": SimpleUploadedFile(name, data),
    }
    return client.post(url, form, follow=True)


def test_a_scan_is_attached_listed_and_served(bloc_year_1, secretariat, member_staff, client_for):
    page = attach(client_for(secretariat), bloc_year_1, SCAN)

    attachment = Attachment.objects.get()
    assert (attachment.media_type, attachment.size) == ("application/pdf", len(SCAN))
    assert "Quyết định số 123/QĐ-UBND" in page.content.decode()
    url = reverse("meetings:attachment_download", args=[bloc_year_1.bloc_id, 2025, attachment.pk])
    download = client_for(member_staff).get(url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == SCAN


def test_a_photo_of_the_tally_sheet_is_accepted(bloc_year_1, secretariat, client_for):
    attach(client_for(secretariat), bloc_year_1, PHOTO, name="kiem-phieu.png", kind="tally_sheet")

    assert Attachment.objects.get().media_type == "image/png"


def test_another_type_is_refused_whatever_its_name(bloc_year_1, secretariat, client_for):
    page = attach(client_for(secretariat), bloc_year_1, b"MZ\x90\x00 program", name="a.pdf")

    assert "Chỉ nhận tệp PDF, JPEG hoặc PNG." in page.content.decode()
    assert 'value="Quyết định số 123/QĐ-UBND' in page.content.decode()  # the title is kept
    assert not Attachment.objects.exists()


def test_it_is_never_deleted(bloc_year_1, secretariat, client_for):
    attach(client_for(secretariat), bloc_year_1, SCAN)

    with pytest.raises(ValidationError):
        Attachment.objects.get().delete()


def test_an_altered_file_is_not_served_and_the_check_reports_it(
    bloc_year_1, secretariat, client_for
):
    attach(client_for(secretariat), bloc_year_1, SCAN)
    attachment = Attachment.objects.get()
    Path(attachment.file.path).write_bytes(SCAN + b"%sua\n")
    url = reverse("meetings:attachment_download", args=[bloc_year_1.bloc_id, 2025, attachment.pk])

    assert client_for(secretariat).get(url).status_code == 404
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("verify_documents", stderr=err)
    assert attachment.file.name in err.getvalue()


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("board", 200),
        ("secretariat", 200),
        ("member_staff", 403),
        ("other_bloc_staff", 404),
        ("other_province_board", 404),
    ],
)
def test_who_attaches(request, bloc_year_1, client_for, persona, status):
    response = attach(client_for(request.getfixturevalue(persona)), bloc_year_1, SCAN)

    assert response.status_code == status
    assert Attachment.objects.exists() == (status == 200)


def test_a_file_over_the_limit_is_refused_before_it_is_read(
    bloc_year_1, secretariat, client_for, monkeypatch
):
    monkeypatch.setattr(KeptFile, "MAX_SIZE", len(SCAN) - 1)

    page = attach(client_for(secretariat), bloc_year_1, SCAN)

    assert "Tệp lớn hơn 20 MB." in page.content.decode()
    assert not Attachment.objects.exists()


class TestFilesOfARecord:
    """A file attached to its record: the ballot round whose tally sheet it is, the decision it
    is the scan of; offered among the year's records only, named on the list and on the
    record's page."""

    @pytest.fixture
    def ballot(self, meeting) -> Ballot:
        return Ballot.objects.create(meeting=meeting, issued=3, returned=3, valid=3, invalid=0)

    def test_the_tally_sheet_is_attached_to_its_round_and_shown_on_the_rounds_page(
        self, ballot, bloc_year_1, secretariat, member_staff, client_for
    ):
        page = attach(
            client_for(secretariat),
            bloc_year_1,
            PHOTO,
            name="kiem-phieu.png",
            kind="tally_sheet",
            record=f"tally_sheet:{ballot.pk}",
            title="Biên bản kiểm phiếu giấy có chữ ký",
        )

        attachment = Attachment.objects.get()
        assert attachment.record == ballot
        listed = page.content.decode()
        assert f'<a href="{ballot.get_absolute_url()}">{ballot}</a>' in listed
        result = client_for(member_staff).get(ballot.get_absolute_url()).content.decode()
        download = reverse(
            "meetings:attachment_download", args=[bloc_year_1.bloc_id, 2025, attachment.pk]
        )
        assert download in result
        assert "Biên bản kiểm phiếu giấy có chữ ký" in result
        assert "Đính kèm tệp" not in result  # a member reads, does not attach

    def test_the_rounds_page_leads_the_secretariat_to_the_form_with_the_round_chosen(
        self, ballot, bloc_year_1, secretariat, client_for
    ):
        client = client_for(secretariat)
        result = client.get(ballot.get_absolute_url())
        link = result.context["attach_url"]

        form = client.get(link).context["attachment_form"]

        assert link in result.content.decode().replace("&amp;", "&")
        assert form["kind"].value() == "tally_sheet"
        assert form["record"].value() == f"tally_sheet:{ballot.pk}"

    def test_the_leadership_and_award_decisions_of_the_year_are_offered(
        self, bloc_year_1, unit_h, secretariat, client_for
    ):
        decision = LeadershipDecisionFactory(province=bloc_year_1.bloc.province)
        Membership.objects.filter(bloc_year=bloc_year_1, unit=unit_h).update(
            basis=Membership.Basis.DECISION, decision=decision
        )
        elsewhere = LeadershipDecisionFactory(province=bloc_year_1.bloc.province)

        form = client_for(secretariat).get(list_url(bloc_year_1)).context["attachment_form"]
        choices = dict(form.fields["record"].choices)

        assert f"leadership_decision:{decision.pk}" in choices
        assert f"leadership_decision:{elsewhere.pk}" not in choices

    def test_a_record_of_another_year_is_refused_and_nothing_is_kept(
        self, bloc_year_2, meeting, secretariat, client_for, ballot
    ):
        other = Ballot.objects.create(
            meeting=Meeting.objects.create(
                bloc_year=bloc_year_2,
                kind=Meeting.Kind.OTHER,
                title="Khác",
                date=datetime.date(2025, 5, 1),
                venue_kind=Meeting.VenueKind.ONLINE,
            ),
            issued=1,
            returned=1,
            valid=1,
            invalid=0,
        )

        page = attach(
            client_for(secretariat),
            meeting.bloc_year,
            SCAN,
            kind="tally_sheet",
            record=f"tally_sheet:{other.pk}",
        )

        assert "Hồ sơ này không thuộc năm này." in page.content.decode()
        assert not Attachment.objects.exists()
        with pytest.raises(DomainError):
            attachment_add(
                bloc_year=meeting.bloc_year,
                kind="tally_sheet",
                title="x",
                data=SCAN,
                user=None,
                record=other,
            )

    def test_a_record_of_another_kind_than_the_file_is_refused_keeping_what_was_typed(
        self, ballot, bloc_year_1, secretariat, client_for
    ):
        page = attach(client_for(secretariat), bloc_year_1, SCAN, record=f"tally_sheet:{ballot.pk}")

        assert "Hồ sơ này không thuộc loại tệp đã chọn ở trên." in page.content.decode()
        assert 'value="Quyết định số 123/QĐ-UBND' in page.content.decode()
        assert not Attachment.objects.exists()
