"""The one way views load an object: scoped to the user (404 outside), checked by rules (403)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.shortcuts import get_object_or_404


def object_for_user(queryset: QuerySet, user, perm: str | None = None, **lookup) -> Model:
    """Return the object if the user may see it (else 404) and holds the perm (else 403)."""
    obj = get_object_or_404(queryset.for_user(user), **lookup)
    if perm is not None and not user.has_perm(perm, obj):
        raise PermissionDenied
    return obj
