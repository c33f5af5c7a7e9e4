"""The pages of accounts: a province's accounts as its board manages them, one account, a
person's own profile, and a new province with its first board account."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.errors import DomainError
from core.forms import VersionForm
from core.history import history_entries
from units.forms.accounts import AccountForm, FirstAccountForm, ProfileForm, ProvinceForm
from units.models import Province, User
from units.services import accounts as services

STATUSES = {"active": {"is_active": True}, "inactive": {"is_active": False}, "all": {}}


def base_url(request) -> str:
    """Return the app's address as the user reached it, for the links in its mails."""
    return request.build_absolute_uri("/").rstrip("/")


def _in_province(user, province_id: int | None) -> bool:
    return user.sees_every_province or (
        province_id is not None and user.home_province_id == province_id
    )


def province_for_accounts(request, code: str) -> Province:
    """Return the province whose accounts the page shows: 404 for someone of another province,
    403 for its own units' staff."""
    province = get_object_or_404(Province, code=code)
    if not _in_province(request.user, province.pk):
        raise Http404
    if not request.user.has_perm("units.manage_accounts", province):
        raise PermissionDenied
    return province


def account_for_user(request, pk: int) -> User:
    """Return an account the user may manage: 404 outside their province, 403 inside it."""
    account = get_object_or_404(User.objects.select_related("province", "unit__province"), pk=pk)
    # The accounts of national and IT staff belong to no province: the Django admin keeps them.
    if account.home_province_id is None or not _in_province(request.user, account.home_province_id):
        raise Http404
    if not request.user.has_perm("units.change_account", account):
        raise PermissionDenied
    return account


def account_list(request, code: str):
    """The accounts of the province: its board's staff and its units' focal points, with when
    each last logged in; found by name, login, e-mail or unit."""
    province = province_for_accounts(request, code)
    query = request.GET.get("q", "").strip()
    status = request.GET.get("status", "active")
    accounts = (
        User.objects.filter(Q(province=province) | Q(unit__province=province))
        .filter(**STATUSES.get(status, STATUSES["active"]))
        .select_related("unit")
        .order_by("unit__short_name", "full_name", "username")
    )
    if query:
        accounts = accounts.filter(
            Q(full_name__icontains=query)
            | Q(username__icontains=query)
            | Q(email__icontains=query)
            | Q(unit__short_name__icontains=query)
            | Q(unit__full_name__icontains=query)
        )
    context = {
        "province": province,
        "accounts": accounts,
        "query": query,
        "status": status if status in STATUSES else "active",
    }
    return render(request, "units/account_list.html", context)


def account_create(request, code: str):
    """Open an account of the province; its owner gets a link to set the password."""
    province = province_for_accounts(request, code)
    form = AccountForm(request.POST or None, province=province)
    if request.method == "POST" and form.is_valid():
        try:
            account = services.account_create(
                province=province,
                unit=form.unit,
                username=form.cleaned_data["username"],
                base_url=base_url(request),
                **form.service_fields(),
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _(
                    "The account %(name)s was opened; a link to set its password was sent to "
                    "%(email)s."
                )
                % {"name": account.get_full_name(), "email": account.email},
            )
            return redirect("units:account_list", code=province.code)
    return render(request, "units/account_form.html", {"province": province, "form": form})


def account_edit(request, pk: int):
    """Show and save an account: its details, where its owner works, its history."""
    account = account_for_user(request, pk)
    province = account.province or account.unit.province
    form = AccountForm(request.POST or None, instance=account, province=province)
    if request.method == "POST" and form.is_valid():
        try:
            services.account_update(
                account=account,
                version=form.cleaned_data["version"],
                province=province,
                unit=form.unit,
                **form.service_fields(),
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The account was saved."))
            return redirect("units:account_edit", pk=account.pk)
    account.refresh_from_db()
    context = {
        "province": province,
        "account": account,
        "form": form,
        "history": history_entries(account.history.all()),
        "awaits_password": not account.has_usable_password(),
    }
    return render(request, "units/account_edit.html", context)


@require_POST
def account_activate(request, pk: int):
    """Let an account log in again, or stop it from logging in."""
    account = account_for_user(request, pk)
    form = VersionForm(request.POST)
    active = request.POST.get("active") == "1"
    if not form.is_valid():
        messages.error(request, " ".join(form.non_field_errors()))
        return redirect("units:account_edit", pk=account.pk)
    try:
        services.account_activate(
            account=account, version=form.cleaned_data["version"], active=active, by=request.user
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("The account can log in again.")
            if active
            else _("The account can no longer log in."),
        )
    return redirect("units:account_edit", pk=account.pk)


@require_POST
def account_invite(request, pk: int):
    """Send the link to set the password again, to an account that has not set one."""
    account = account_for_user(request, pk)
    try:
        services.account_invite(account=account, base_url=base_url(request))
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("A new link to set the password was sent to %(email)s.") % {"email": account.email},
        )
    return redirect("units:account_edit", pk=account.pk)


def profile(request):
    """A person's own details and whether notifications come by e-mail."""
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.profile_update(
                account=request.user,
                version=form.cleaned_data["version"],
                **{name: form.cleaned_data[name] for name in services.PROFILE_FIELDS},
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your details were saved."))
            return redirect("profile")
    return render(request, "registration/profile.html", {"form": form})


def province_create(request):
    """Open a province and the first account of its board (the national admin)."""
    if not request.user.has_perm("units.open_province"):
        raise PermissionDenied
    province_form = ProvinceForm(request.POST or None, prefix="province")
    account_form = FirstAccountForm(request.POST or None, prefix="account")
    if request.method == "POST" and all([province_form.is_valid(), account_form.is_valid()]):
        try:
            province, account = services.province_create(
                province_fields=province_form.cleaned_data,
                account_fields=account_form.service_fields(),
                base_url=base_url(request),
            )
        except DomainError as error:
            province_form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _(
                    "The province %(province)s was opened; its first account %(name)s got a "
                    "link to set its password at %(email)s."
                )
                % {
                    "province": province.name,
                    "name": account.get_full_name(),
                    "email": account.email,
                },
            )
            return redirect(province)
    context = {"province_form": province_form, "account_form": account_form}
    return render(request, "units/province_form.html", context)
