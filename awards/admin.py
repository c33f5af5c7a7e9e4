from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from awards.models import AwardType, Ballot, BallotVote, Criterion, Registration, Score


@admin.register(AwardType)
class AwardTypeAdmin(SimpleHistoryAdmin):
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
class RegistrationAdmin(SimpleHistoryAdmin):
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
class CriterionAdmin(SimpleHistoryAdmin):
    list_display = ["title", "kind", "max_points", "position", "parent", "bloc_year"]
    list_filter = ["kind", "bloc_year__bloc__province", "bloc_year__year"]
    search_fields = ["title", "bloc_year__bloc__name"]
    list_select_related = ["bloc_year", "bloc_year__bloc", "parent"]
    inlines = [ScoreInline]


@admin.register(Score)
class ScoreAdmin(SimpleHistoryAdmin):
    list_display = ["membership", "criterion", "self_score", "bloc_score"]
    list_filter = ["criterion__bloc_year__bloc__province", "criterion__bloc_year__year"]
    search_fields = ["membership__unit__short_name", "criterion__title"]
    list_select_related = ["membership__unit", "criterion"]
    autocomplete_fields = ["membership"]


class BallotVoteInline(admin.TabularInline):
    model = BallotVote
    extra = 0
    autocomplete_fields = ["unit", "award_type"]


@admin.register(Ballot)
class BallotAdmin(SimpleHistoryAdmin):
    list_display = ["meeting", "round_number", "issued", "returned", "valid", "invalid"]
    list_filter = ["meeting__bloc_year__bloc__province", "meeting__bloc_year__year"]
    search_fields = ["meeting__title", "meeting__bloc_year__bloc__name"]
    list_select_related = ["meeting", "meeting__bloc_year__bloc"]
    inlines = [BallotVoteInline]


@admin.register(BallotVote)
class BallotVoteAdmin(SimpleHistoryAdmin):
    list_display = ["ballot", "unit", "award_type", "votes"]
    list_filter = ["award_type", "ballot__meeting__bloc_year__year"]
    search_fields = ["unit__short_name", "award_type__name"]
    list_select_related = ["ballot", "unit", "award_type"]
    autocomplete_fields = ["unit", "award_type"]
