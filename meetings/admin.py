from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from meetings.models import AgendaItem, Attendance, Chair, Guest, Meeting, Opinion


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
class MeetingAdmin(SimpleHistoryAdmin):
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
