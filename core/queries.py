"""Query pieces every app's selectors use."""

from __future__ import annotations

from django.db.models import Count, IntegerField, Model, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce


def count_of(model: type[Model], relation: str) -> Coalesce:
    """Return, for annotating `model`, how many related rows `relation` (a reverse foreign key)
    has: a correlated count subquery, which stays cheap where COUNT(DISTINCT) over a join of
    several relations grows with their product."""
    field = model._meta.get_field(relation)
    key = field.field.name
    counted = (
        field.related_model._default_manager.filter(**{key: OuterRef("pk")})
        .order_by()
        .values(key)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))
