"""Issued documents and their numbering: never overwritten or deleted, no number given twice."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from blocs.models import BlocYear


class DocumentQuerySet(models.QuerySet):
    def for_user(self, user) -> DocumentQuerySet:
        """Return the documents of the bloc-years the user may read."""
        return self.filter(bloc_year__in=BlocYear.objects.for_user(user).values("pk"))

    def of_record(self, record: models.Model) -> DocumentQuerySet:
        """Return the documents issued for a record, its corrections included."""
        return self.filter(
            source_type=ContentType.objects.get_for_model(record), source_id=record.pk
        )

    def of_records(self, records: Iterable[models.Model] | models.QuerySet) -> DocumentQuerySet:
        """Return the documents issued for these records, all of one model (or a queryset)."""
        if isinstance(records, models.QuerySet):
            model, ids = records.model, records.values("pk")
        else:
            records = list(records)
            if not records:
                return self.none()
            model, ids = type(records[0]), [record.pk for record in records]
        return self.filter(source_type=ContentType.objects.get_for_model(model), source_id__in=ids)

    def of_kinds(self, *kinds) -> DocumentQuerySet:
        """Return the documents of these kinds (meetings.documents.registry)."""
        return self.filter(kind__in=[kind.code for kind in kinds])

    def current(self) -> DocumentQuerySet:
        """Return the versions in force: the documents no correction replaces."""
        return self.filter(replaced_by__isnull=True)

    def delete(self):
        # A bulk delete would skip Document.delete(): refuse it too.
        raise ValidationError(_("An issued document is never deleted; issue a correction."))


class Document(models.Model):
    """An issued official record: its number, its PDF and the PDF's SHA-256, never overwritten.

    A correction is a new document (with a new number) that points to the one it replaces.
    """

    class Type(models.TextChoices):
        # The codes of Nghị định 30/2020/NĐ-CP, Phụ lục III; GƯ for the emulation pledge.
        MINUTES = "BB", _("Minutes (biên bản)")
        SUBMISSION = "TTr", _("Submission (tờ trình)")
        REPORT = "BC", _("Report (báo cáo)")
        PLAN = "KH", _("Plan (kế hoạch)")
        PLEDGE = "GƯ", _("Pledge (giao ước)")

    bloc_year = models.ForeignKey(
        BlocYear, on_delete=models.PROTECT, related_name="documents", verbose_name=_("bloc-year")
    )
    kind = models.CharField(
        _("kind of record"), max_length=30, help_text=_("Which builder made it: minutes, …")
    )
    doc_type = models.CharField(_("type"), max_length=5, choices=Type)
    # The issuing bloc and the calendar year of the number: numbers restart every 1 January.
    issuer = models.ForeignKey(
        "blocs.Bloc", on_delete=models.PROTECT, related_name="documents", verbose_name=_("issuer")
    )
    number_year = models.PositiveSmallIntegerField(_("year of the number"))
    number = models.PositiveIntegerField(_("number"))
    symbol = models.CharField(_("number and symbol"), max_length=60)
    subject = models.CharField(_("subject"), max_length=400)
    date = models.DateField(_("date of the document"))
    source_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, related_name="+", verbose_name=_("record of")
    )
    source_id = models.PositiveBigIntegerField(_("record id"))
    source = GenericForeignKey("source_type", "source_id")
    file = models.FileField(_("file"), upload_to="documents/%Y/", max_length=300)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    # The editable Word file, made from the same render as the PDF (none for a document issued
    # before Word files were kept).
    word_file = models.FileField(
        _("Word file"), upload_to="documents/%Y/", max_length=300, blank=True
    )
    word_sha256 = models.CharField(_("SHA-256 of the Word file"), max_length=64, blank=True)
    # Printed with a QR code on the document: its public page checks a copy (proof.py).
    code = models.CharField(_("verification code"), max_length=11, unique=True)
    size = models.PositiveIntegerField(_("size (bytes)"))
    replaces = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaced_by",
        verbose_name=_("replaces"),
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("issued by"),
    )
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)

    history = HistoricalRecords()
    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["bloc_year", "-issued_at"]
        verbose_name = _("issued document")
        verbose_name_plural = _("issued documents")
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "number_year", "doc_type", "number"],
                name="meetings_document_number_never_reused",
                violation_error_message=_("This number was already given to another document."),
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1),
                name="meetings_document_number_positive",
                violation_error_message=_("Numbers start at 1."),
            ),
            models.CheckConstraint(
                condition=Q(doc_type__in=["BB", "TTr", "BC", "KH", "GƯ"]),
                name="meetings_document_type_valid",
                violation_error_message=_("Unknown document type."),
            ),
        ]
        indexes = [models.Index(fields=["source_type", "source_id"], name="meetings_doc_source")]

    def __str__(self) -> str:
        return f"{self.symbol} — {self.subject}"

    def get_absolute_url(self) -> str:
        return reverse(
            "meetings:document_download",
            args=[self.bloc_year.bloc_id, self.bloc_year.year, self.pk],
        )

    def delete(self, *args, **kwargs):
        raise ValidationError(_("An issued document is never deleted; issue a correction."))

    @property
    def is_current(self) -> bool:
        """Whether no correction replaces it (needs `replaced_by` loaded to avoid a query)."""
        try:
            return self.replaced_by is None
        except Document.DoesNotExist:
            return True


class DocumentSequence(models.Model):
    """The last number an issuer gave to a type of document in a year."""

    issuer = models.ForeignKey(
        "blocs.Bloc", on_delete=models.PROTECT, related_name="+", verbose_name=_("issuer")
    )
    number_year = models.PositiveSmallIntegerField(_("year"))
    doc_type = models.CharField(_("type"), max_length=5, choices=Document.Type)
    last_number = models.PositiveIntegerField(_("last number"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("number sequence")
        verbose_name_plural = _("number sequences")
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "number_year", "doc_type"],
                name="meetings_documentsequence_one_per_issuer_year_type",
                violation_error_message=_("This sequence exists already."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.issuer} {self.number_year} {self.doc_type}: {self.last_number}"


class KeptFile(models.Model):
    """A file that came from outside and is kept as it came: its SHA-256 and size, who brought
    it and when; never deleted."""

    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    never_deleted = _("A kept file is never deleted.")
    # The largest file kept: a scanned decision of many pages at office resolution.
    MAX_SIZE = 20 * 1024 * 1024

    class Meta:
        abstract = True

    def delete(self, *args, **kwargs):
        raise ValidationError(self.never_deleted)


class SignedOriginal(KeptFile):
    """The signed original of an issued document, kept beside the issued file: the PDF signed
    digitally (verified when it came back) or the scan of the signed and sealed paper."""

    class Kind(models.TextChoices):
        DIGITAL = "digital", _("Digitally signed PDF")
        SCAN = "scan", _("Scan of the signed paper")

    document = models.ForeignKey(
        Document, on_delete=models.PROTECT, related_name="originals", verbose_name=_("document")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind)
    file = models.FileField(_("file"), upload_to="originals/%Y/", max_length=300)
    # For a signed PDF: each signature's signer (from the certificate) and signing time.
    signers = models.JSONField(_("signers"), default=list, blank=True)
    note = models.CharField(
        _("note"),
        max_length=300,
        blank=True,
        help_text=_("For a scan: who signed and sealed the paper, and when."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["document", "uploaded_at"]
        verbose_name = _("signed original")
        verbose_name_plural = _("signed originals")

    def __str__(self) -> str:
        return f"{self.document.symbol} — {self.get_kind_display()}"

    never_deleted = _("A signed original is never deleted.")

    @property
    def signatures(self) -> list[dict]:
        """Return the signers with their signing time as a date and time, for the pages."""
        return [
            {
                **signer,
                "signed_at": (
                    datetime.datetime.fromisoformat(signer["signed_at"])
                    if signer.get("signed_at")
                    else None
                ),
            }
            for signer in self.signers
        ]


class Attachment(KeptFile):
    """A file of a bloc-year's records that the app does not issue: the scan of the province's
    decision or of the leadership decision, the signed paper tally sheet, other papers."""

    class Kind(models.TextChoices):
        AWARD_DECISION = "award_decision", _("The province's award decision (scan)")
        LEADERSHIP_DECISION = "leadership_decision", _("The leadership assignment decision (scan)")
        TALLY_SHEET = "tally_sheet", _("The signed paper tally sheet")
        OTHER = "other", _("Other file")

    bloc_year = models.ForeignKey(
        BlocYear, on_delete=models.PROTECT, related_name="attachments", verbose_name=_("bloc-year")
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind)
    # The record the file belongs to (the decision it is the scan of, the ballot whose tally
    # sheet it is), when the app holds it: meetings.attachables.
    record_type = models.ForeignKey(
        ContentType,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("record of"),
    )
    record_id = models.PositiveBigIntegerField(_("record id"), null=True, blank=True)
    record = GenericForeignKey("record_type", "record_id")
    title = models.CharField(
        pgettext_lazy("document", "title"),
        max_length=300,
        help_text=_("For example: Quyết định số 123/QĐ-UBND ngày 01/3/2026 (bản có dấu)."),
    )
    file = models.FileField(_("file"), upload_to="attachments/%Y/", max_length=300)
    media_type = models.CharField(_("type of file"), max_length=50)

    history = HistoricalRecords()

    class Meta:
        ordering = ["bloc_year", "uploaded_at"]
        verbose_name = _("attached file")
        verbose_name_plural = _("attached files")
        constraints = [
            models.CheckConstraint(
                condition=Q(record_type__isnull=True, record_id__isnull=True)
                | Q(record_type__isnull=False, record_id__isnull=False),
                name="meetings_attachment_record_whole",
                violation_error_message=_("A file belongs to a whole record or to none."),
            ),
        ]
        indexes = [
            models.Index(fields=["record_type", "record_id"], name="meetings_attachment_record")
        ]

    def __str__(self) -> str:
        return self.title

    never_deleted = _("An attached file is never deleted.")
