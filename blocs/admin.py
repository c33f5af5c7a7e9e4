from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from blocs.models import (
    Bloc,
    BlocYear,
    Handover,
    HandoverItem,
    LeadershipDecision,
    Membership,
    Plan,
    Pledge,
    PledgeItem,
    PledgeSignature,
    RotationSlot,
    YearStateChange,
)
from core.admin import HistoryAdmin


class RotationSlotInline(admin.TabularInline):
    model = RotationSlot
    extra = 0
    autocomplete_fields = ["unit"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["unit", "decision"]
    fields = ["unit", "role", "deputy_rank", "basis", "decision", "elected_on", "note"]


class BlocYearInline(admin.TabularInline):
    model = BlocYear
    extra = 0
    fields = ["year", "state", "max_deputies", "flag_quota", "merit_quota", "score_scale"]
    show_change_link = True


@admin.register(Bloc)
class BlocAdmin(HistoryAdmin):
    list_display = ["name", "symbol", "kind", "province"]
    list_filter = ["province", "kind"]
    search_fields = ["name", "symbol"]
    list_select_related = ["province"]
    inlines = [RotationSlotInline, BlocYearInline]


@admin.register(BlocYear)
class BlocYearAdmin(HistoryAdmin):
    list_display = ["bloc", "year", "state", "max_deputies", "flag_quota", "merit_quota"]
    list_filter = ["state", "year", "bloc__province"]
    search_fields = ["bloc__name", "year"]
    list_select_related = ["bloc", "bloc__province"]
    inlines = [MembershipInline]
    fieldsets = [
        (None, {"fields": ["bloc", "year", "state", "note"]}),
        (
            _("Settings"),
            {
                "fields": [
                    "max_deputies",
                    "deputies_unknown",
                    ("quorum_numerator", "quorum_denominator"),
                    "vote_threshold_percent",
                    ("flag_quota", "merit_quota"),
                    "score_scale",
                    "rotation_lookback_years",
                ]
            },
        ),
    ]


@admin.register(Membership)
class MembershipAdmin(HistoryAdmin):
    list_display = ["unit", "bloc_year", "role", "deputy_rank", "basis"]
    list_filter = ["role", "basis", "year", "bloc_year__bloc__province"]
    search_fields = ["unit__short_name", "unit__full_name", "bloc_year__bloc__name"]
    list_select_related = ["unit", "bloc_year", "bloc_year__bloc"]
    autocomplete_fields = ["unit", "decision"]


@admin.register(LeadershipDecision)
class LeadershipDecisionAdmin(HistoryAdmin):
    list_display = ["number", "date", "signer", "province"]
    list_filter = ["province"]
    search_fields = ["number", "subject", "signer"]
    date_hierarchy = "date"


@admin.register(RotationSlot)
class RotationSlotAdmin(HistoryAdmin):
    list_display = ["bloc", "position", "unit"]
    list_filter = ["bloc__province", "bloc"]
    search_fields = ["bloc__name", "unit__short_name", "unit__full_name"]
    list_select_related = ["bloc", "unit"]
    autocomplete_fields = ["unit"]
    ordering = ["bloc", "position"]


class PledgeItemInline(admin.TabularInline):
    model = PledgeItem
    extra = 0


class PledgeSignatureInline(admin.TabularInline):
    model = PledgeSignature
    extra = 0
    autocomplete_fields = ["membership"]


@admin.register(Pledge)
class PledgeAdmin(HistoryAdmin):
    list_display = ["title", "bloc_year", "signed_on"]
    list_filter = ["bloc_year__bloc__province", "bloc_year__year"]
    search_fields = ["title", "bloc_year__bloc__name"]
    list_select_related = ["bloc_year", "bloc_year__bloc"]
    inlines = [PledgeItemInline, PledgeSignatureInline]


class HandoverItemInline(admin.TabularInline):
    model = HandoverItem
    extra = 0


@admin.register(Handover)
class HandoverAdmin(HistoryAdmin):
    list_display = ["bloc_year", "from_unit", "to_unit", "handed_over_on"]
    list_filter = ["bloc_year__bloc__province", "bloc_year__year"]
    search_fields = ["bloc_year__bloc__name", "from_unit__short_name", "to_unit__short_name"]
    list_select_related = ["bloc_year", "bloc_year__bloc", "from_unit", "to_unit"]
    autocomplete_fields = ["from_unit", "to_unit"]
    inlines = [HandoverItemInline]


@admin.register(YearStateChange)
class YearStateChangeAdmin(HistoryAdmin):
    list_display = ["bloc_year", "state", "changed_by", "changed_at"]
    list_filter = ["state", "bloc_year__bloc__province"]
    search_fields = ["bloc_year__bloc__name", "reason"]
    list_select_related = ["bloc_year", "bloc_year__bloc", "changed_by"]


@admin.register(Plan)
class PlanAdmin(HistoryAdmin):
    list_display = ["number", "issued_on", "subject", "bloc_year"]
    list_filter = ["bloc_year__bloc__province", "bloc_year__year"]
    search_fields = ["number", "subject", "bloc_year__bloc__name"]
    list_select_related = ["bloc_year", "bloc_year__bloc"]
