"""Writes to a bloc's own details (its rotation order has its own module)."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from blocs.models import Bloc
from core.errors import DomainError
from core.services import clean_or_refuse, versioned_for_update


@transaction.atomic
def bloc_update(
    *, bloc: Bloc, version: int, name: str, kind: str, symbol: str, description: str = ""
) -> Bloc:
    """Change a bloc's name, kind, document symbol and description."""
    bloc = versioned_for_update(Bloc, pk=bloc.pk, version=version)
    bloc.name, bloc.kind, bloc.symbol, bloc.description = name, kind, symbol, description
    bloc.version += 1
    clean_or_refuse(bloc)
    try:
        with transaction.atomic():
            bloc.save()
    except IntegrityError as error:  # another bloc took the name or symbol meanwhile
        raise DomainError(
            _("Another bloc of this province already has this name or document symbol.")
        ) from error
    return bloc
