"""What the admin pages of every app share."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.utils import NestedObjects
from django.db import router
from django.utils.text import capfirst
from simple_history.admin import SimpleHistoryAdmin

from core.protection import deletion_refusals, guarded_models


class HistoryAdmin(SimpleHistoryAdmin):
    """The admin of a model with history; it deletes nothing a guard keeps (core.protection):
    the confirmation page lists those records as it lists what a PROTECT key keeps, and the
    deletion is not offered, whether of one record, a selection or a parent they cascade from."""

    def get_deleted_objects(self, objs, request):
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        guarded = guarded_models()
        if guarded:
            collector = NestedObjects(using=router.db_for_write(self.model))
            collector.collect(objs)
            kept = deletion_refusals(
                record
                for model, records in collector.data.items()
                if model in guarded
                for record in records
            )
            protected = [
                *protected,
                *(
                    f"{capfirst(record._meta.verbose_name)}: {record} — {reason}"
                    for record, reason in kept
                ),
            ]
        return deleted, counts, perms_needed, protected


class ReadOnlyAdmin(admin.ModelAdmin):
    """Show issued records and their numbering, never add, change or delete them: they are
    issued and corrected through the pages, and a number is never given twice."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
