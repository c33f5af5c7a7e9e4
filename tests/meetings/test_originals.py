"""The signed original comes back: a PDF signed digitally (here with a certificate made in the
test) is accepted when it is the issued file with intact signatures added; a tampered one or
one signed from another file is refused in Vietnamese; a scan is kept as the paper's copy.
Nothing is overwritten or deleted."""

from __future__ import annotations

import hashlib
import io
import re
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from meetings.documents.registry import kind_of
from meetings.models import Document, SignedOriginal
from meetings.services.documents import document_issue
from meetings.services.originals import check_trust_roots
from tests.signing import make_authority, make_signer, signed

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def signer():
    return make_signer()


@pytest.fixture(scope="module")
def authority():
    return make_authority()


@pytest.fixture
def issued(meeting, secretariat) -> Document:
    return document_issue(builder=kind_of(meeting).builder_for(meeting), user=secretariat)


def pdf_of(document: Document) -> bytes:
    with document.file.open("rb") as handle:
        return handle.read()


def upload(client, document, data: bytes, kind: str = "digital", note: str = ""):
    bloc_year = document.bloc_year
    url = reverse(
        "meetings:document_original", args=[bloc_year.bloc_id, bloc_year.year, document.pk]
    )
    return client.post(
        url, {"kind": kind, "file": SimpleUploadedFile("ky.pdf", data), "note": note}, follow=True
    )


class TestTheIssuedPdf:
    def test_it_reserves_a_field_for_each_signer_and_the_organisation(self, issued):
        reader = PdfReader(io.BytesIO(pdf_of(issued)))
        fields = {
            annotation["/T"]: annotation
            for page in reader.pages
            for annotation in (a.get_object() for a in page.get("/Annots", []))
            if annotation.get("/FT") == "/Sig"
        }

        assert set(fields) == {"ChuKy1", "ChuKy2", "CoQuan"}
        width = float(reader.pages[-1].mediabox.width)
        secretary, chair = (fields[name]["/Rect"] for name in ("ChuKy1", "ChuKy2"))
        assert float(secretary[2]) < width / 2 < float(chair[0])  # THƯ KÝ left, CHỦ TRÌ right
        assert not any(annotation.get("/V") for annotation in fields.values())  # empty

    def test_a_draft_reserves_none(self, meeting):
        draft = kind_of(meeting).builder_for(meeting).render(draft=True)

        assert b"/Sig" not in draft


class TestADigitallySignedPdf:
    def test_it_is_accepted_with_its_signer_and_shown_signed(
        self, issued, signer, secretariat, client_for
    ):
        data = signed(pdf_of(issued), signer)

        page = upload(client_for(secretariat), issued, data)

        original = SignedOriginal.objects.get()
        assert original.kind == "digital"
        assert original.sha256 == hashlib.sha256(data).hexdigest()
        assert original.signers[0]["name"] == "Trần Minh Trọng"
        assert original.signers[0]["signed_at"]
        html = page.content.decode()
        assert 'data-testid="signed-badge"' in html
        assert "Trần Minh Trọng" in html
        # The issued file stays as it was.
        assert hashlib.sha256(pdf_of(issued)).hexdigest() == issued.sha256

    def test_a_tampered_one_is_refused(self, issued, signer, secretariat, client_for):
        issued_pdf = pdf_of(issued)
        data = signed(issued_pdf, signer)
        # One digit of the signing time changed in the part the signature covers: the file
        # still reads as a PDF and still starts with the issued one.
        opening = b"/M (D\\072"  # pyHanko writes the colon of "D:" as an octal escape
        at = data.index(opening, len(issued_pdf)) + len(opening) + 3
        tampered = data[:at] + bytes([48 + (data[at] - 47) % 10]) + data[at + 1 :]
        assert tampered != data and tampered.startswith(issued_pdf)

        page = upload(client_for(secretariat), issued, tampered)

        assert "không còn nguyên vẹn" in page.content.decode()
        assert not SignedOriginal.objects.exists()

    def test_one_signed_from_another_file_is_refused(
        self, issued, meeting, signer, secretariat, client_for
    ):
        draft = kind_of(meeting).builder_for(meeting).render(draft=True)

        page = upload(client_for(secretariat), issued, signed(draft, signer))

        assert "không được ký từ văn bản đã phát hành" in page.content.decode()
        assert not SignedOriginal.objects.exists()

    def test_an_unsigned_copy_is_refused(self, issued, secretariat, client_for):
        page = upload(client_for(secretariat), issued, pdf_of(issued) + b"\n")

        assert "Tệp không có chữ ký số." in page.content.decode()

    def test_the_public_page_knows_the_signed_copy(self, issued, signer, secretariat, client_for):
        data = signed(pdf_of(issued), signer)
        upload(client_for(secretariat), issued, data)
        url = reverse("verify", args=[issued.code])

        checked = Client().post(url, {"file": SimpleUploadedFile("ky.pdf", data)})

        assert "đúng là bản gốc đã ký" in checked.content.decode()
        assert "Trần Minh Trọng" not in checked.content.decode()


class TestTheAuthoritiesTheProvinceTrusts:
    """With DOCUMENT_TRUST_ROOTS, a signature must come from a certificate one of the named
    authorities issued; unset, any intact signature covering the issued file is accepted."""

    @pytest.fixture
    def trusted(self, authority, settings, tmp_path):
        roots = tmp_path / "trusted-ca"
        roots.mkdir()
        (roots / "root.pem").write_bytes(authority.pem)
        settings.DOCUMENT_TRUST_ROOTS = str(roots)
        return roots

    def test_a_signature_certified_by_a_trusted_authority_is_accepted_and_said_so(
        self, trusted, authority, issued, secretariat, client_for
    ):
        signer = make_signer("Nguyễn Văn Chính", authority=authority)

        page = upload(client_for(secretariat), issued, signed(pdf_of(issued), signer))

        assert SignedOriginal.objects.get().signers[0]["trusted"] is True
        html = page.content.decode()
        assert "Nguyễn Văn Chính" in html
        assert "chứng thư do tổ chức tin cậy cấp" in html

    def test_a_self_made_certificate_is_refused_when_the_province_names_its_authorities(
        self, trusted, signer, issued, secretariat, client_for
    ):
        page = upload(client_for(secretariat), issued, signed(pdf_of(issued), signer))

        assert (
            "Chứng thư số của Trần Minh Trọng không do tổ chức chứng thực mà tỉnh tin cậy cấp"
            in page.content.decode()
        )
        assert not SignedOriginal.objects.exists()

    def test_without_named_authorities_the_signature_is_kept_but_not_called_trusted(
        self, signer, issued, secretariat, client_for
    ):
        page = upload(client_for(secretariat), issued, signed(pdf_of(issued), signer))

        assert SignedOriginal.objects.get().signers[0]["trusted"] is False
        assert "chứng thư do tổ chức tin cậy cấp" not in page.content.decode()

    def test_the_signing_time_reads_as_a_date_and_time(
        self, signer, issued, secretariat, client_for
    ):
        page = upload(client_for(secretariat), issued, signed(pdf_of(issued), signer))

        (line,) = re.findall(r'data-testid="signer">([^<]*)', page.content.decode())
        assert re.search(r", \d\d:\d\d \d\d/\d\d/\d{4}$", line.strip()), line

    def test_unreadable_authorities_fail_the_system_check(self, settings, tmp_path):
        (tmp_path / "empty.pem").write_text("not a certificate")
        settings.DOCUMENT_TRUST_ROOTS = str(tmp_path / "empty.pem")

        assert [error.id for error in check_trust_roots(None)] == ["meetings.E002"]
        settings.DOCUMENT_TRUST_ROOTS = str(tmp_path / "missing")
        assert [error.id for error in check_trust_roots(None)] == ["meetings.E002"]


class TestAScan:
    def test_a_scan_is_kept_with_its_note(self, issued, secretariat, client_for):
        scan = b"%PDF-1.4\n% ban quet\n%%EOF\n"

        upload(
            client_for(secretariat), issued, scan, kind="scan", note="Đồng chí Trọng ký, đóng dấu"
        )

        original = SignedOriginal.objects.get()
        assert (original.kind, original.note) == ("scan", "Đồng chí Trọng ký, đóng dấu")

    def test_a_file_that_is_not_a_pdf_is_refused(self, issued, secretariat, client_for):
        page = upload(client_for(secretariat), issued, b"GIF89a...", kind="scan")

        assert "Tệp không phải là tệp PDF." in page.content.decode()
        assert not SignedOriginal.objects.exists()

    def test_it_is_never_deleted(self, issued, secretariat, client_for):
        upload(client_for(secretariat), issued, b"%PDF-1.4\n%%EOF\n", kind="scan")

        with pytest.raises(ValidationError):
            SignedOriginal.objects.get().delete()


@pytest.mark.parametrize(
    ("persona", "read", "write"),
    [
        ("board", 200, 200),
        ("secretariat", 200, 200),
        ("member_staff", 200, 403),
        ("other_bloc_staff", 404, 404),
        ("other_province_board", 404, 404),
    ],
)
def test_who_sees_and_who_brings_back(request, issued, client_for, persona, read, write):
    client = client_for(request.getfixturevalue(persona))
    bloc_year = issued.bloc_year
    url = reverse("meetings:document_original", args=[bloc_year.bloc_id, bloc_year.year, issued.pk])

    assert client.get(url).status_code == read
    response = upload(client, issued, b"%PDF-1.4\n%%EOF\n", kind="scan")
    assert response.status_code == write
    assert SignedOriginal.objects.exists() == (write == 200)


def test_the_integrity_check_covers_the_signed_originals(issued, secretariat, client_for):
    upload(client_for(secretariat), issued, b"%PDF-1.4\n%%EOF\n", kind="scan")
    original = SignedOriginal.objects.get()
    Path(original.file.path).write_bytes(b"%PDF-1.4\n% altered\n%%EOF\n")
    err = io.StringIO()

    with pytest.raises(CommandError):
        call_command("verify_documents", stderr=err)

    assert f"BỊ SỬA {issued.symbol}" in err.getvalue()
    assert original.file.name in err.getvalue()
