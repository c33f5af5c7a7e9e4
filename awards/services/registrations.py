"""Writes to the titles member units register for."""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from awards.models import AwardType, Registration
from blocs.models import BlocYear, Membership
from core.errors import DomainError
from core.services import clean_or_refuse
from units.models import Unit


@transaction.atomic
def registration_create(
    *,
    bloc_year: BlocYear,
    unit: Unit,
    award_type: AwardType,
    registered_on: datetime.date,
    document_number: str = "",
    note: str = "",
) -> Registration:
    """Record that a member unit registers for a title this bloc-year."""
    membership = (
        Membership.objects.filter(bloc_year=bloc_year, unit=unit)
        .select_related("bloc_year__bloc", "unit")
        .first()
    )
    unit_name = unit.name_in_year(bloc_year.year).short_name
    if membership is None:
        raise DomainError(
            _("%(unit)s is not a member of %(bloc)s in %(year)d.")
            % {"unit": unit_name, "bloc": bloc_year.bloc, "year": bloc_year.year}
        )
    duplicate = DomainError(
        _("%(unit)s has already registered for “%(award)s” in %(year)d.")
        % {"unit": unit_name, "award": award_type.name, "year": bloc_year.year},
        field="award_type",
    )
    if Registration.objects.filter(membership=membership, award_type=award_type).exists():
        raise duplicate
    registration = Registration(
        membership=membership,
        award_type=award_type,
        registered_on=registered_on,
        document_number=document_number,
        note=note,
    )
    clean_or_refuse(registration)
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError as error:  # the same registration saved at the same moment
        raise duplicate from error
    return registration


@transaction.atomic
def registration_delete(*, registration: Registration) -> None:
    """Withdraw a registration; its history keeps who entered and who removed it."""
    registration.delete()
