"""Writes to accounts: a province with its first board account, the accounts its board manages,
and a person's own profile. No password is ever mailed: a new account gets a link to set its
own, made with Django's password-reset tokens."""

from __future__ import annotations

from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from core.errors import DomainError
from core.mail import mail_queue
from core.services import clean_or_refuse, versioned_for_update
from core.text import nfc
from units.models import Province, Unit, User

ACCOUNT_FIELDS = ("full_name", "job_title", "email", "phone")
PROFILE_FIELDS = (*ACCOUNT_FIELDS, "email_notifications")
PROVINCE_FIELDS = ("name", "kind", "code", "board_name")


def password_link(*, account: User, base_url: str, name: str = "password_set_confirm") -> str:
    """Return the one-time address at which the account sets its password."""
    uid = urlsafe_base64_encode(force_bytes(account.pk))
    token = default_token_generator.make_token(account)
    return base_url.rstrip("/") + reverse(name, args=[uid, token])


def account_invite(*, account: User, base_url: str) -> None:
    """Mail the account a link to set its password; an account that has one resets it instead."""
    if account.has_usable_password():
        raise DomainError(
            _(
                "This account has already set its password. If it is forgotten, its owner "
                "uses 'Forgot your password?' on the login page."
            )
        )
    if not account.email:
        raise DomainError(_("The account has no e-mail address to send the link to."))
    mail_queue(
        template="registration/password_set_email",
        context={"user": account, "url": password_link(account=account, base_url=base_url)},
        to=[account.email],
    )


def _account_place(*, account: User, province: Province, unit: Unit | None) -> None:
    if unit is not None and unit.province_id != province.pk:
        raise DomainError(_("Choose a unit of this province."))
    account.province, account.unit = (None, unit) if unit is not None else (province, None)


@transaction.atomic
def account_create(
    *,
    province: Province,
    unit: Unit | None,
    username: str,
    base_url: str,
    **fields: str,
) -> User:
    """Open an account on the province's board (no `unit`) or for one of its units, and mail
    its owner the link to set a password."""
    account = User(username=nfc(username))
    _account_place(account=account, province=province, unit=unit)
    for name in ACCOUNT_FIELDS:
        setattr(account, name, nfc(fields.get(name, "")))
    account.set_unusable_password()
    clean_or_refuse(account)
    account.save()
    account_invite(account=account, base_url=base_url)
    return account


@transaction.atomic
def account_update(
    *, account: User, version: int, province: Province, unit: Unit | None, **fields: str
) -> User:
    """Change an account's details and where its owner works, within the province."""
    account = versioned_for_update(User, pk=account.pk, version=version)
    _account_place(account=account, province=province, unit=unit)
    for name in ACCOUNT_FIELDS:
        if name in fields:
            setattr(account, name, nfc(fields[name]))
    account.version += 1
    clean_or_refuse(account)
    account.save()
    return account


@transaction.atomic
def account_activate(*, account: User, version: int, active: bool, by: User) -> User:
    """Let the account log in again, or stop it from logging in; its records stay."""
    if account.pk == by.pk and not active:
        raise DomainError(_("You cannot deactivate your own account."))
    account = versioned_for_update(User, pk=account.pk, version=version)
    account.is_active = active
    account.version += 1
    account.save()
    return account


@transaction.atomic
def profile_update(*, account: User, version: int, **fields) -> User:
    """Change what a person says of themselves: name, title, contacts, e-mail wishes."""
    account = versioned_for_update(User, pk=account.pk, version=version)
    for name in PROFILE_FIELDS:
        if name in fields:
            value = fields[name]
            setattr(account, name, nfc(value) if isinstance(value, str) else value)
    account.version += 1
    clean_or_refuse(account)
    account.save()
    return account


@transaction.atomic
def province_create(
    *, province_fields: dict, account_fields: dict, base_url: str
) -> tuple[Province, User]:
    """Open a province and the first account of its board, who then opens the others."""
    province = Province(**{name: nfc(province_fields.get(name, "")) for name in PROVINCE_FIELDS})
    clean_or_refuse(province)
    province.save()
    account = account_create(province=province, unit=None, base_url=base_url, **account_fields)
    return province, account
