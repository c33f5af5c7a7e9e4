"""Files attached to a year's records (the decision's scan, the signed paper tally sheet …):
type read from the file, size limited, served after the rights check and the hash, listed on
the "Văn bản" tab, never deleted."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from meetings.models import Attachment
from meetings.models.documents import KeptFile

pytestmark = pytest.mark.django_db

SCAN = b"%PDF-1.4\n% Quyet dinh 123\n%%EOF\n"
PHOTO = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


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
