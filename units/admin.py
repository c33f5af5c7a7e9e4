from __future__ import annotations

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from core.admin import HistoryAdmin
from units.models import Province, Unit, UnitName, User


class UnitNameInline(admin.TabularInline):
    model = UnitName
    extra = 0
    fields = ["short_name", "full_name", "abbreviation", "valid_from", "valid_until", "basis"]


@admin.register(Province)
class ProvinceAdmin(HistoryAdmin):
    list_display = ["name", "code", "kind", "board_name"]
    list_filter = ["kind"]
    search_fields = ["name", "code", "board_name"]
    prepopulated_fields = {"code": ["name"]}


@admin.register(Unit)
class UnitAdmin(HistoryAdmin):
    list_display = ["short_name", "abbreviation", "province", "leader_name", "merged_into"]
    list_filter = ["province", ("merged_into", admin.EmptyFieldListFilter)]
    search_fields = ["short_name", "full_name", "abbreviation", "names__full_name"]
    list_select_related = ["province", "merged_into"]
    autocomplete_fields = ["merged_into"]
    inlines = [UnitNameInline]
    fieldsets = [
        (None, {"fields": ["province", "short_name", "full_name", "abbreviation", "address"]}),
        (_("Leader"), {"fields": ["leader_name", "leader_title"]}),
        (_("Merger"), {"fields": ["merged_into", "merged_on"]}),
    ]


@admin.register(UnitName)
class UnitNameAdmin(HistoryAdmin):
    list_display = ["short_name", "unit", "valid_from", "valid_until"]
    list_filter = ["unit__province"]
    search_fields = ["short_name", "full_name", "unit__short_name"]
    list_select_related = ["unit"]
    autocomplete_fields = ["unit"]


class UnitByFullNameField(forms.ModelChoiceField):
    """Units by their full names, which carry the province: "Công an tỉnh" exists in every one."""

    def label_from_instance(self, obj) -> str:
        return obj.full_name


@admin.register(User)
class UserAdmin(HistoryAdmin, BaseUserAdmin):
    list_display = ["username", "full_name", "province", "unit", "is_national", "is_active"]
    list_filter = ["province", "is_national", "is_staff", "is_superuser", "is_active"]
    search_fields = ["username", "full_name", "email", "unit__short_name"]
    list_select_related = ["province", "unit"]
    fieldsets = [
        *BaseUserAdmin.fieldsets,
        (
            _("Affiliation"),
            {"fields": ["full_name", "job_title", "province", "unit", "is_national"]},
        ),
    ]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "unit":
            kwargs["form_class"] = UnitByFullNameField
            kwargs["queryset"] = Unit.objects.select_related("province").order_by(
                "province__name", "full_name"
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    add_fieldsets = [
        *BaseUserAdmin.add_fieldsets,
        (
            _("Affiliation"),
            {"fields": ["full_name", "job_title", "province", "unit", "is_national"]},
        ),
    ]
