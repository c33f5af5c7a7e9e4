"""The document registry: numbers per issuer, year and type, never reused; stored PDFs that are
never overwritten nor deleted; corrections as new versions."""

from __future__ import annotations

import datetime
import hashlib
import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import connection, connections, transaction

from blocs.models import Handover, Pledge
from core.errors import DomainError
from meetings.models import Document, DocumentSequence, Meeting
from meetings.services import meetings as services
from meetings.services.documents import document_issue, document_number_allocate
from tests.checks import assert_database_refuses
from tests.meetings.tiny_builders import TinyHandover, TinyMinutes, TinyPledge

pytestmark = pytest.mark.django_db


def a_meeting(bloc_year, day: datetime.date, title: str = "Hội nghị") -> Meeting:
    return services.meeting_create(
        bloc_year=bloc_year, kind=Meeting.Kind.OTHER, title=title, date=day, venue_kind="online"
    )


def issue(source, builder=TinyMinutes, user=None, replaces=None) -> Document:
    return document_issue(builder=builder(source), user=user, replaces=replaces)


def stored_bytes(document: Document) -> bytes:
    with default_storage.open(document.file.name, "rb") as stored:
        return stored.read()


class TestNumbering:
    def test_the_minutes_of_a_bloc_are_numbered_01_02_in_the_order_they_are_issued(
        self, fake_pdfs, bloc_year_1
    ):
        first = issue(a_meeting(bloc_year_1, datetime.date(2025, 3, 1)))
        second = issue(a_meeting(bloc_year_1, datetime.date(2025, 6, 1)))

        assert (first.number, first.symbol) == (1, "01/BB-KTĐ1")
        assert (second.number, second.symbol) == (2, "02/BB-KTĐ1")

    def test_another_type_of_document_starts_at_01(self, fake_pdfs, bloc_year_1):
        issue(a_meeting(bloc_year_1, datetime.date(2025, 3, 1)))
        pledge = Pledge.objects.create(
            bloc_year=bloc_year_1, title="Giao ước 2025", signed_on=datetime.date(2025, 2, 1)
        )

        document = issue(pledge, TinyPledge)

        assert (document.number, document.symbol) == (1, "01/GƯ-KTĐ1")

    def test_another_bloc_starts_at_01(self, fake_pdfs, bloc_year_1, bloc_year_2):
        issue(a_meeting(bloc_year_1, datetime.date(2025, 3, 1)))

        document = issue(a_meeting(bloc_year_2, datetime.date(2025, 3, 1)))

        assert (document.number, document.symbol) == (1, "01/BB-KTĐ2")

    def test_a_new_calendar_year_starts_at_01_even_within_the_same_bloc_year(
        self, fake_pdfs, bloc_year_1
    ):
        issue(a_meeting(bloc_year_1, datetime.date(2025, 6, 1)))
        issue(a_meeting(bloc_year_1, datetime.date(2025, 9, 1)))

        year_end = issue(a_meeting(bloc_year_1, datetime.date(2026, 1, 20)))

        assert (year_end.number_year, year_end.number, year_end.symbol) == (2026, 1, "01/BB-KTĐ1")

    def test_the_handover_record_shares_the_sequence_of_the_minutes_as_both_are_bien_ban(
        self, fake_pdfs, bloc_year_1, unit_h, unit_d
    ):
        issue(a_meeting(bloc_year_1, datetime.date(2025, 12, 20)))
        handover = Handover.objects.create(
            bloc_year=bloc_year_1,
            from_unit=unit_h,
            from_representative="Nguyễn Văn A",
            to_unit=unit_d,
            to_representative="Trần Văn B",
            handed_over_on=datetime.date(2025, 12, 30),
        )

        assert issue(handover, TinyHandover).symbol == "02/BB-KTĐ1"

    def test_the_allocator_keeps_one_sequence_per_issuer_year_and_type(self, bloc_1, bloc_2):
        numbers = [
            document_number_allocate(issuer=bloc_1, number_year=2025, doc_type="BB"),
            document_number_allocate(issuer=bloc_1, number_year=2025, doc_type="BB"),
            document_number_allocate(issuer=bloc_1, number_year=2025, doc_type="TTr"),
            document_number_allocate(issuer=bloc_1, number_year=2026, doc_type="BB"),
            document_number_allocate(issuer=bloc_2, number_year=2025, doc_type="BB"),
        ]

        assert numbers == [1, 2, 1, 1, 1]
        assert DocumentSequence.objects.count() == 4


class TestNeverReused:
    def test_a_correction_takes_a_new_number_and_points_to_the_document_it_replaces(
        self, fake_pdfs, meeting, board
    ):
        original = issue(meeting, user=board)

        correction = issue(meeting, user=board, replaces=original)

        assert correction.symbol == "02/BB-KTĐ1"
        assert correction.replaces == original
        original.refresh_from_db()
        assert not original.is_current
        assert correction.is_current

    def test_the_replaced_document_keeps_its_file_and_its_hash(self, fake_pdfs, meeting):
        original = issue(meeting)
        name, sha256, content = original.file.name, original.sha256, stored_bytes(original)
        Meeting.objects.filter(pk=meeting.pk).update(title="Hội nghị (đã sửa)")
        meeting.refresh_from_db()

        correction = issue(meeting, replaces=original)

        original.refresh_from_db()
        assert (original.file.name, original.sha256) == (name, sha256)
        assert stored_bytes(original) == content
        assert hashlib.sha256(stored_bytes(original)).hexdigest() == sha256
        assert correction.file.name != name
        assert "Hội nghị (đã sửa)".encode() in stored_bytes(correction)

    def test_a_record_is_issued_once_then_only_corrected(self, fake_pdfs, meeting):
        issue(meeting)

        with pytest.raises(DomainError):
            issue(meeting)

        assert Document.objects.count() == 1
        assert DocumentSequence.objects.get().last_number == 1

    def test_only_the_current_version_can_be_corrected(self, fake_pdfs, meeting):
        original = issue(meeting)
        issue(meeting, replaces=original)

        with pytest.raises(DomainError):
            issue(meeting, replaces=original)

        assert Document.objects.count() == 2

    def test_a_record_without_a_date_is_not_issued(self, fake_pdfs, bloc_year_1):
        pledge = Pledge.objects.create(bloc_year=bloc_year_1, title="Giao ước 2025")

        with pytest.raises(DomainError):
            issue(pledge, TinyPledge)

        assert not Document.objects.exists()
        assert not DocumentSequence.objects.exists()

    def test_an_issued_document_cannot_be_deleted(self, fake_pdfs, meeting):
        document = issue(meeting)

        with pytest.raises(ValidationError):
            document.delete()
        with pytest.raises(ValidationError):
            Document.objects.filter(pk=document.pk).delete()

        assert Document.objects.filter(pk=document.pk).exists()
        assert default_storage.exists(document.file.name)

    def test_the_database_refuses_a_number_given_twice(self, fake_pdfs, meeting, bloc_year_1):
        document = issue(meeting)
        other = a_meeting(bloc_year_1, datetime.date(2025, 6, 1))
        twin = Document(
            bloc_year=bloc_year_1,
            kind="minutes",
            doc_type=document.doc_type,
            issuer=document.issuer,
            number_year=document.number_year,
            number=document.number,
            symbol=document.symbol,
            subject="Bản trùng số",
            date=other.date,
            source=other,
            file=document.file.name,
            sha256=document.sha256,
            size=document.size,
        )

        assert_database_refuses(twin)


class TestStorage:
    def test_the_stored_pdf_hash_is_the_sha256_of_its_bytes(self, tiny_builders, meeting):
        document = issue(meeting)

        content = stored_bytes(document)
        assert content.startswith(b"%PDF-")
        assert document.sha256 == hashlib.sha256(content).hexdigest()
        assert document.size == len(content)

    def test_an_issued_document_and_its_numbering_have_a_history_naming_the_issuer(
        self, fake_pdfs, meeting, board
    ):
        document = issue(meeting, user=board)

        [created] = document.history.all()
        assert (created.history_type, created.history_user, created.symbol) == (
            "+",
            board,
            document.symbol,
        )
        sequence = DocumentSequence.objects.get()
        assert [record.last_number for record in sequence.history.all()] == [1, 0]

    def test_the_storage_never_overwrites_a_file_whose_name_is_taken(self, fake_pdfs, bloc_year_1):
        # 01/BB-KTĐ1 of 2025 and 01/BB-KTĐ1 of 2026 would be stored under the same name.
        first = issue(a_meeting(bloc_year_1, datetime.date(2025, 6, 1), "Sơ kết"))
        second = issue(a_meeting(bloc_year_1, datetime.date(2026, 1, 20), "Tổng kết"))

        assert first.symbol == second.symbol
        assert first.file.name != second.file.name
        assert default_storage.exists(first.file.name)
        assert default_storage.exists(second.file.name)
        assert hashlib.sha256(stored_bytes(first)).hexdigest() == first.sha256
        assert hashlib.sha256(stored_bytes(second)).hexdigest() == second.sha256
        assert first.sha256 != second.sha256

    def test_the_documents_of_a_record_are_its_versions_newest_first(self, fake_pdfs, meeting):
        original = issue(meeting)
        correction = issue(meeting, replaces=original)

        assert list(Document.objects.of_record(meeting)) == [correction, original]


postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite serialises writes and ignores select_for_update: nothing to race",
)


def run_together(*work) -> list:
    """Run each callable in its own thread with its own connection; return results or errors."""
    results: list = [None] * len(work)
    start = threading.Barrier(len(work))

    def run(index: int) -> None:
        try:
            start.wait()
            results[index] = work[index]()
        except Exception as error:  # noqa: BLE001 (reported to the test)
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(len(work))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


@postgresql_only
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("sequence_exists", [False, True], ids=["new sequence", "existing"])
def test_two_users_allocating_at_once_get_two_distinct_numbers(world, sequence_exists):
    if sequence_exists:
        DocumentSequence.objects.create(issuer=world.bloc_1, number_year=2025, doc_type="BB")

    def allocate() -> int:
        with transaction.atomic():
            number = document_number_allocate(issuer=world.bloc_1, number_year=2025, doc_type="BB")
            time.sleep(0.2)  # hold the lock while the other one asks
            return number

    results = run_together(allocate, allocate)

    assert set(results) == {1, 2}
    assert DocumentSequence.objects.get(issuer=world.bloc_1).last_number == 2


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_two_users_issuing_the_same_record_at_once_give_it_one_document(
    world, monkeypatch, tiny_builders
):
    monkeypatch.setattr(TinyMinutes, "real_pdf", False)
    meeting = a_meeting(world.bloc_year_1, datetime.date(2025, 6, 1))

    def issue_it() -> Document:
        return issue(Meeting.objects.get(pk=meeting.pk))

    results = run_together(issue_it, issue_it)

    assert sum(isinstance(result, Document) for result in results) == 1
    assert sum(isinstance(result, DomainError) for result in results) == 1
    assert Document.objects.count() == 1
    assert DocumentSequence.objects.get().last_number == 1
