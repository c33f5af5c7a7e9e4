from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from awards.models import AwardType, Registration


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
