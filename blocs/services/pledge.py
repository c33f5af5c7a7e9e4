"""Writes to a bloc-year's emulation pledge: its header, its items, and the units' signatures."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from blocs.models import BlocYear, Membership, Pledge, PledgeItem, PledgeSignature
from core.errors import DomainError
from core.services import clean_or_refuse, numbered_items_save, stale, versioned_for_update

ITEM_FIELDS = ("content", "target")


@transaction.atomic
def pledge_save(
    *,
    bloc_year: BlocYear,
    version: int,
    title: str,
    preamble: str = "",
    signed_on: datetime.date | None = None,
    place: str = "",
) -> Pledge:
    """Create the pledge of a bloc-year (version 0) or change its header (its current version)."""
    # The bloc-year's row is the lock under which a pledge is created at most once.
    BlocYear.objects.select_for_update().get(pk=bloc_year.pk)
    pledge = Pledge.objects.filter(bloc_year=bloc_year).first()
    if pledge is None:
        if version != 0:
            raise stale()
        pledge = Pledge(bloc_year=bloc_year)
    elif version == 0:
        raise stale()  # created by someone else meanwhile
    else:
        pledge = versioned_for_update(Pledge, pk=pledge.pk, version=version)
        pledge.version += 1
    pledge.title, pledge.preamble, pledge.signed_on, pledge.place = (
        title,
        preamble,
        signed_on,
        place,
    )
    clean_or_refuse(pledge)
    pledge.save()
    return pledge


@transaction.atomic
def pledge_items_save(*, pledge: Pledge, version: int, items: Sequence[dict]) -> Pledge:
    """Replace the pledge's items by these, in this order (an item keeps its `id` when edited)."""
    pledge = versioned_for_update(Pledge, pk=pledge.pk, version=version)
    numbered_items_save(
        items=pledge.items.all(),
        make=lambda position: PledgeItem(pledge=pledge, position=position),
        rows=items,
        fields=ITEM_FIELDS,
    )
    pledge.version += 1
    pledge.save()
    return pledge


@transaction.atomic
def pledge_items_copy(*, pledge: Pledge, version: int) -> Pledge:
    """Give a pledge without items the items of the bloc's pledge of the year before."""
    pledge = versioned_for_update(Pledge, pk=pledge.pk, version=version)
    if pledge.items.exists():
        raise DomainError(_("This pledge already has items; copying would mix two lists."))
    year = BlocYear.objects.select_related("bloc").get(pk=pledge.bloc_year_id)
    previous = list(
        PledgeItem.objects.filter(
            pledge__bloc_year__bloc_id=year.bloc_id, pledge__bloc_year__year=year.year - 1
        ).order_by("position")
    )
    if not previous:
        raise DomainError(
            _("The pledge of %(year)d has no items to copy.") % {"year": year.year - 1}
        )
    rows = [{name: getattr(item, name) for name in ITEM_FIELDS} for item in previous]
    return pledge_items_save(pledge=pledge, version=pledge.version, items=rows)


@transaction.atomic
def pledge_sign(
    *,
    pledge: Pledge,
    membership: Membership,
    signatory_name: str,
    signatory_title: str,
    signed_on: datetime.date,
    version: int = 0,
) -> PledgeSignature:
    """Record (or correct) who signed the pledge for a member unit, with what title, and when.

    `version` is the signature's as the user loaded it (0: not signed yet); a save made on a
    copy someone else changed, added or removed meanwhile is refused.
    """
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.bloc_year_id != pledge.bloc_year_id:
        raise DomainError(_("The unit is not a member of this pledge's bloc-year."))
    signature = PledgeSignature.objects.filter(membership=membership).first()
    if (signature.version if signature is not None else 0) != version:
        raise stale()
    if signature is None:
        signature = PledgeSignature(pledge=pledge, membership=membership)
    else:
        signature.version += 1
    signature.signatory_name = signatory_name
    signature.signatory_title = signatory_title
    signature.signed_on = signed_on
    clean_or_refuse(signature)
    try:
        with transaction.atomic():
            signature.save()
    except IntegrityError as error:  # a concurrent first signature of the same unit
        raise stale() from error
    return signature


@transaction.atomic
def pledge_signature_remove(*, membership: Membership) -> None:
    """Withdraw a member unit's signature of the pledge (its history keeps what it was)."""
    signature = PledgeSignature.objects.select_for_update().filter(membership=membership).first()
    if signature is None:
        raise DomainError(_("This unit has not signed the pledge."))
    signature.delete()


@transaction.atomic
def pledge_signatures_save(*, pledge: Pledge, rows: Sequence[dict]) -> int:
    """Record the signatures of the rows ticked, all or none: each row names its membership,
    the version of its signature as the user loaded it, and who signed, with what title, when.
    Return how many signatures were recorded or corrected."""
    saved = 0
    for row in rows:
        membership = Membership.objects.filter(
            pk=row["membership"], bloc_year_id=pledge.bloc_year_id
        ).first()
        if membership is None:
            raise stale()  # a member removed meanwhile, or a row that is not the year's
        pledge_sign(
            pledge=pledge,
            membership=membership,
            signatory_name=row["signatory_name"],
            signatory_title=row["signatory_title"],
            signed_on=row["signed_on"],
            version=row["version"],
        )
        saved += 1
    return saved
