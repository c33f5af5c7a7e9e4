from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from awards.models import (
    AwardRules,
    AwardType,
    Ballot,
    BallotCounter,
    BallotVote,
    Criterion,
    Decision,
    LegalBasis,
    Nomination,
    Registration,
    Score,
    Submission,
)
from core.admin import HistoryAdmin, ReadOnlyAdmin


@admin.register(AwardType)
class AwardTypeAdmin(HistoryAdmin):
    list_display = [
        "name",
        "short_name",
        "kind",
        "province",
        "proposable_by_bloc",
        "position",
        "is_active",
    ]
    list_filter = ["province", "kind", "proposable_by_bloc", "is_active"]
    search_fields = ["name", "short_name"]
    list_select_related = ["province"]
    ordering = ["province__name", "position", "name"]


@admin.register(Registration)
class RegistrationAdmin(HistoryAdmin):
    list_display = ["unit", "award_type", "bloc_year", "registered_on", "document_number"]
    list_filter = [
        "award_type__kind",
        "membership__year",
        "membership__bloc_year__bloc__province",
    ]
    search_fields = [
        "membership__unit__short_name",
        "membership__unit__full_name",
        "membership__bloc_year__bloc__name",
        "award_type__name",
        "document_number",
    ]
    list_select_related = ["membership__unit", "membership__bloc_year__bloc", "award_type"]
    autocomplete_fields = ["membership", "award_type"]
    date_hierarchy = "registered_on"

    @admin.display(description=_("unit"), ordering="membership__unit__short_name")
    def unit(self, obj: Registration):
        return obj.membership.unit

    @admin.display(description=_("bloc-year"), ordering="membership__bloc_year")
    def bloc_year(self, obj: Registration):
        return obj.membership.bloc_year


class ScoreInline(admin.TabularInline):
    model = Score
    extra = 0
    autocomplete_fields = ["membership"]


@admin.register(Criterion)
class CriterionAdmin(HistoryAdmin):
    list_display = ["title", "kind", "max_points", "position", "parent", "bloc_year"]
    list_filter = ["kind", "bloc_year__bloc__province", "bloc_year__year"]
    search_fields = ["title", "bloc_year__bloc__name"]
    list_select_related = ["bloc_year", "bloc_year__bloc", "parent"]
    inlines = [ScoreInline]


@admin.register(Score)
class ScoreAdmin(HistoryAdmin):
    list_display = ["membership", "criterion", "self_score", "bloc_score"]
    list_filter = ["criterion__bloc_year__bloc__province", "criterion__bloc_year__year"]
    search_fields = ["membership__unit__short_name", "criterion__title"]
    list_select_related = ["membership__unit", "criterion"]
    autocomplete_fields = ["membership"]


class BallotVoteInline(admin.TabularInline):
    model = BallotVote
    extra = 0
    autocomplete_fields = ["unit", "award_type"]


class BallotCounterInline(admin.TabularInline):
    model = BallotCounter
    extra = 0
    autocomplete_fields = ["unit"]


@admin.register(Ballot)
class BallotAdmin(HistoryAdmin):
    list_display = ["meeting", "round_number", "issued", "returned", "valid", "invalid"]
    list_filter = ["meeting__bloc_year__bloc__province", "meeting__bloc_year__year"]
    search_fields = ["meeting__title", "meeting__bloc_year__bloc__name"]
    list_select_related = ["meeting", "meeting__bloc_year__bloc"]
    inlines = [BallotCounterInline, BallotVoteInline]


@admin.register(BallotVote)
class BallotVoteAdmin(HistoryAdmin):
    list_display = ["ballot", "unit", "award_type", "votes"]
    list_filter = ["award_type", "ballot__meeting__bloc_year__year"]
    search_fields = ["unit__short_name", "award_type__name"]
    list_select_related = ["ballot", "unit", "award_type"]
    autocomplete_fields = ["unit", "award_type"]


@admin.register(LegalBasis)
class LegalBasisAdmin(HistoryAdmin):
    list_display = [
        "number",
        "kind",
        "province",
        "effective_from",
        "effective_to",
        "cite_in_documents",
    ]
    list_filter = ["kind", "province", "cite_in_documents"]
    search_fields = ["number", "citation"]
    list_select_related = ["province"]


@admin.register(AwardRules)
class AwardRulesAdmin(HistoryAdmin):
    list_display = [
        "province",
        "from_year",
        "vote_threshold_percent",
        "flags_per_bloc",
        "merits_per_bloc",
        "nomination_without_ballot",
    ]
    list_filter = ["province"]
    search_fields = ["province__name", "note"]
    list_select_related = ["province", "basis"]
    autocomplete_fields = ["basis"]


@admin.register(Nomination)
class NominationAdmin(ReadOnlyAdmin, HistoryAdmin):
    """Nominations change through the bloc's and the board's pages, which check the rules."""

    list_display = ["unit", "award_type", "bloc_year", "status", "decision"]
    list_filter = ["status", "award_type__kind", "bloc_year__year", "bloc_year__bloc__province"]
    search_fields = ["unit__short_name", "unit__full_name", "award_type__name", "decision__number"]
    list_select_related = ["unit", "award_type", "bloc_year__bloc", "decision"]
    autocomplete_fields = ["unit", "award_type", "decided_award_type", "decision"]
    raw_id_fields = ["membership", "ballot", "submission", "bloc_year"]


@admin.register(Decision)
class DecisionAdmin(HistoryAdmin):
    list_display = ["number", "date", "signer", "province"]
    list_filter = ["province"]
    search_fields = ["number", "signer", "note"]
    list_select_related = ["province"]
    date_hierarchy = "date"

    # A decision is an official record: corrected, never deleted.
    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Submission)
class SubmissionAdmin(ReadOnlyAdmin, HistoryAdmin):
    """A submission is prepared and sent through the bloc's pages, with its tờ trình."""

    list_display = ["bloc_year", "date", "signer_name", "submitted_at"]
    list_filter = ["bloc_year__year", "bloc_year__bloc__province"]
    search_fields = ["bloc_year__bloc__name", "signer_name", "summary"]
    list_select_related = ["bloc_year__bloc"]
    raw_id_fields = ["bloc_year", "submitted_by"]
