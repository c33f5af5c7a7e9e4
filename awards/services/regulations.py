"""Writes to the province's award regulations and the legal texts they rest on, and applying
the regulations to the blocs' years."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from awards.models import AwardRules, LegalBasis
from awards.selectors.regulations import RULED_SETTINGS, RegulationsApplied, regulations_apply_plan
from core.errors import DomainError
from core.services import clean_or_refuse, versioned_for_update
from core.text import nfc
from units.models import Province

AWARD_RULES_FIELDS = (
    "from_year",
    "quorum_numerator",
    "quorum_denominator",
    "vote_threshold_percent",
    "flags_per_bloc",
    "large_bloc_members",
    "flags_per_large_bloc",
    "merits_per_bloc",
    "nomination_without_ballot",
    "basis",
    "note",
)
LEGAL_BASIS_FIELDS = (
    "kind",
    "number",
    "citation",
    "effective_from",
    "effective_to",
    "cite_in_documents",
    "position",
    "note",
)
# A national text is a law, a decree, a circular; a province's own is its regulation or decision.
NATIONAL_KINDS = (
    LegalBasis.Kind.LAW,
    LegalBasis.Kind.DECREE,
    LegalBasis.Kind.CIRCULAR,
    LegalBasis.Kind.OTHER,
)
PROVINCE_KINDS = (LegalBasis.Kind.PROVINCE, LegalBasis.Kind.OTHER)


def _check_rules(rules: AwardRules) -> None:
    """Refuse what the constraints would refuse, naming the field a person has to correct."""
    numerator, denominator = rules.quorum_numerator, rules.quorum_denominator
    if None not in (numerator, denominator) and not 1 <= numerator <= denominator:
        raise DomainError(
            _("The quorum must be a fraction between 0 and 1."), field="quorum_numerator"
        )
    if rules.vote_threshold_percent is not None and rules.vote_threshold_percent > 100:
        raise DomainError(
            _("The threshold is a percentage from 0 to 100."), field="vote_threshold_percent"
        )
    large, flags = rules.large_bloc_members, rules.flags_per_large_bloc
    if (large is None) != (flags is None):
        raise DomainError(
            _("Give both the size of a large bloc and its flag quota, or neither."),
            field="large_bloc_members" if large is None else "flags_per_large_bloc",
        )
    if large is not None and large < 2:
        raise DomainError(_("A large bloc has at least two members."), field="large_bloc_members")
    if flags is not None and flags <= (rules.flags_per_bloc or 0):
        raise DomainError(
            _("A large bloc's flag quota must be larger than the usual one (%(flags)d).")
            % {"flags": rules.flags_per_bloc},
            field="flags_per_large_bloc",
        )
    if rules.basis_id is not None and rules.basis.province_id != rules.province_id:
        raise DomainError(_("The rules rest on a text of the province itself."), field="basis")


@transaction.atomic
def award_rules_save(
    *,
    province: Province,
    rules: AwardRules | None = None,
    version: int | None = None,
    **fields,
) -> AwardRules:
    """Add the province's rules from a year on, or change them, refusing a stale copy."""
    taken = DomainError(_("The province already has rules from this year."), field="from_year")
    if rules is None:
        rules = AwardRules(province=province)
    else:
        rules = versioned_for_update(AwardRules, pk=rules.pk, version=version)
        if rules.province_id != province.pk:
            raise DomainError(_("These rules belong to another province."))
        rules.version += 1
    for name in AWARD_RULES_FIELDS:
        if name in fields:
            setattr(rules, name, fields[name])
    _check_rules(rules)
    others = AwardRules.objects.filter(province=province).exclude(pk=rules.pk)
    if others.filter(from_year=rules.from_year).exists():
        raise taken
    clean_or_refuse(rules)
    try:
        with transaction.atomic():
            rules.save()
    except IntegrityError as error:  # the same year saved by someone else at the same moment
        raise taken from error
    return rules


@transaction.atomic
def legal_basis_save(
    *,
    province: Province | None,
    basis: LegalBasis | None = None,
    version: int | None = None,
    **fields,
) -> LegalBasis:
    """Add a legal text (national when `province` is None) or change one, refusing a stale copy."""
    taken = DomainError(
        _("A national text of this number is already recorded.")
        if province is None
        else _("The province already has a text of this number."),
        field="number",
    )
    province_id = province.pk if province is not None else None
    if basis is None:
        basis = LegalBasis(province_id=province_id)
    else:
        basis = versioned_for_update(LegalBasis, pk=basis.pk, version=version)
        if basis.province_id != province_id:
            raise DomainError(_("A text stays national, or stays the province's own."))
        basis.version += 1
    for name in LEGAL_BASIS_FIELDS:
        if name in fields:
            setattr(basis, name, fields[name])
    kinds = NATIONAL_KINDS if province is None else PROVINCE_KINDS
    if basis.kind not in kinds:
        raise DomainError(
            _("A national text is a law, a decree, a circular or another text.")
            if province is None
            else _("A province's own text is its regulation, its decision or another text."),
            field="kind",
        )
    starts, ends = basis.effective_from, basis.effective_to
    if None not in (starts, ends) and ends < starts:
        raise DomainError(_("A text cannot stop applying before it starts."), field="effective_to")
    same_number = LegalBasis.objects.filter(
        province_id=province_id, number=nfc(basis.number or "")
    ).exclude(pk=basis.pk)
    if same_number.exists():
        raise taken
    clean_or_refuse(basis)
    try:
        with transaction.atomic():
            basis.save()
    except IntegrityError as error:  # the same number saved by someone else at the same moment
        raise taken from error
    return basis


@transaction.atomic
def regulations_apply(*, province: Province, year: int) -> RegulationsApplied:
    """Set each open bloc-year of the province and year to what the rules give its size.

    A closed year, and a year whose nominations are already submitted or decided, keeps its
    settings; the result names them with the reason. Each change is kept in the history.
    """
    plan = regulations_apply_plan(province=province, year=year, lock=True)
    if plan.rules is None:
        raise DomainError(
            _("The province has recorded no rules that apply to %(year)d: add them first.")
            % {"year": year}
        )
    reason = _("Set to the province's award rules from %(year)d.") % {"year": plan.rules.from_year}
    for row in plan.updated:
        bloc_year = row.bloc_year
        for name in RULED_SETTINGS:
            setattr(bloc_year, name, row.settings[name])
        bloc_year.version += 1
        bloc_year._change_reason = reason[:100]
        clean_or_refuse(bloc_year)
        bloc_year.save()
    plan.done = True
    return plan
