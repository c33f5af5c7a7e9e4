from __future__ import annotations

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.admin import HistoryAdmin, ReadOnlyAdmin
from meetings.models import (
    AgendaItem,
    Attendance,
    Chair,
    Document,
    DocumentSequence,
    Guest,
    Meeting,
    Opinion,
)


class ChairInline(admin.TabularInline):
    model = Chair
    extra = 0
    autocomplete_fields = ["unit"]


class GuestInline(admin.TabularInline):
    model = Guest
    extra = 0


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    autocomplete_fields = ["unit"]
    fields = ["unit", "present", "representative_name", "representative_title", "absence_reason"]


class OpinionInline(admin.StackedInline):
    model = Opinion
    extra = 0
    autocomplete_fields = ["unit"]
    fields = ["position", ("unit", "speaker_name", "speaker_title"), "content"]


@admin.register(Meeting)
class MeetingAdmin(HistoryAdmin):
    list_display = ["title", "kind", "date", "bloc_year", "host_unit"]
    list_filter = ["kind", "bloc_year__year", "bloc_year__bloc__province"]
    search_fields = ["title", "bloc_year__bloc__name", "report_title"]
    list_select_related = ["bloc_year", "bloc_year__bloc", "host_unit"]
    autocomplete_fields = ["host_unit", "secretary_unit"]
    date_hierarchy = "date"
    inlines = [ChairInline, GuestInline, AgendaItemInline, AttendanceInline, OpinionInline]
    fieldsets = [
        (None, {"fields": ["bloc_year", "kind", "title", ("date", "start_time", "end_time")]}),
        (_("Venue"), {"fields": ["venue_kind", "host_unit", "venue", "basis"]}),
        (_("Secretary"), {"fields": [("secretary_name", "secretary_title", "secretary_unit")]}),
        (_("Outcome"), {"fields": ["report_title", "report_summary", "conclusions", "note"]}),
    ]


@admin.register(Document)
class DocumentAdmin(ReadOnlyAdmin):
    list_display = ["symbol", "subject", "doc_type", "date", "bloc_year", "issued_by", "issued_at"]
    list_filter = ["doc_type", "number_year", "issuer__province"]
    search_fields = ["symbol", "subject", "bloc_year__bloc__name", "sha256"]
    list_select_related = ["bloc_year", "bloc_year__bloc", "issued_by"]
    date_hierarchy = "issued_at"
    fields = [
        "bloc_year",
        ("issuer", "number_year", "doc_type", "number"),
        "symbol",
        "subject",
        "date",
        ("kind", "source_type", "source_id"),
        "download",
        ("sha256", "size"),
        ("replaces", "replaced_by_link"),
        ("issued_by", "issued_at"),
    ]
    readonly_fields = [
        name for entry in fields for name in (entry if isinstance(entry, tuple) else (entry,))
    ]

    @admin.display(description=_("file"))
    def download(self, obj: Document) -> str:
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), obj.file.name)

    @admin.display(description=_("replaced by"))
    def replaced_by_link(self, obj: Document) -> str:
        try:
            return str(obj.replaced_by)
        except Document.DoesNotExist:
            return "—"


@admin.register(DocumentSequence)
class DocumentSequenceAdmin(ReadOnlyAdmin):
    list_display = ["issuer", "number_year", "doc_type", "last_number"]
    list_filter = ["number_year", "doc_type", "issuer__province"]
    search_fields = ["issuer__name", "issuer__symbol"]
    list_select_related = ["issuer", "issuer__province"]
