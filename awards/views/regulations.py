"""The province's award rules page: its rules by year, its award types, the legal texts, and
applying the rules to the blocs of a year."""

from __future__ import annotations

from collections import defaultdict

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from awards.forms.regulations import AwardRulesForm, LegalBasisForm
from awards.models import AwardRules, AwardType, LegalBasis
from awards.selectors.regulations import (
    regulation_for_year,
    regulation_periods,
    regulations_apply_plan,
    settings_differences,
)
from awards.services.regulations import (
    AWARD_RULES_FIELDS,
    LEGAL_BASIS_FIELDS,
    award_rules_save,
    legal_basis_save,
    regulations_apply,
)
from blocs.forms.years import YearForm
from blocs.models import BlocYear
from core.access import object_for_user
from core.errors import DomainError
from core.history import history_entries
from units.models import Province

VIEW = "awards.view_award_rules"
CHANGE = "awards.change_award_rules"


def _provinces_for(user) -> QuerySet:
    """Return the provinces whose rules the user may read: every one, or the one they work in."""
    if not user.is_authenticated:
        return Province.objects.none()
    if user.sees_every_province:
        return Province.objects.all()
    home = user.home_province_id
    return Province.objects.filter(pk=home) if home else Province.objects.none()


def _province_for(request, code: str, perm: str) -> Province:
    """Return the province of the URL: 404 outside the user's reach, 403 without the right."""
    province = get_object_or_404(_provinces_for(request.user), code=code)
    if not request.user.has_perm(perm, province):
        raise PermissionDenied
    return province


def _page_province(request) -> Province | None:
    """Return the province the page shows: the user's own, or the one national staff chose."""
    code = request.GET.get("province", "")
    provinces = _provinces_for(request.user).order_by("name")
    if code:
        province = get_object_or_404(provinces, code=code)
    else:
        province = provinces.first()
        if province is None and not request.user.sees_every_province:
            raise Http404
    if province is not None and not request.user.has_perm(VIEW, province):
        raise PermissionDenied
    return province


def regulations_url(province: Province | None) -> str:
    url = reverse("awards:regulations")
    return f"{url}?province={province.code}" if province is not None else url


def _year_rows(province: Province, rules_list: list[AwardRules]) -> list[dict]:
    """Return, for each year the province's blocs have, the rules that apply and who differs."""
    years: dict[int, dict] = defaultdict(
        lambda: {"open": 0, "closed": 0, "differing": [], "rules": None}
    )
    bloc_years = (
        BlocYear.objects.filter(bloc__province=province)
        .annotate(member_count=Count("memberships"), bloc_name=F("bloc__name"))
        .order_by("-year", "bloc__name")
    )
    for bloc_year in bloc_years:
        row = years[bloc_year.year]
        row["open" if bloc_year.is_open else "closed"] += 1
        rules = regulation_for_year(rules_list, bloc_year.year)
        row["rules"] = rules
        if rules is not None and bloc_year.is_open:
            wanted = rules.settings_for(bloc_year.member_count)
            if settings_differences(bloc_year, wanted):
                row["differing"].append(bloc_year.bloc_name)
    return [{"year": year, **row} for year, row in years.items()]


@require_safe
def regulations_page(request):
    """The province's award rules by year, its award types and the legal texts they rest on."""
    province = _page_province(request)
    user = request.user
    today = timezone.localdate()
    can_change = province is not None and user.has_perm(CHANGE, province)
    province_id = province.pk if province is not None else None
    bases = list(
        LegalBasis.objects.filter(Q(province__isnull=True) | Q(province_id=province_id)).order_by(
            "kind_order", "position", "effective_from"
        )
    )
    for basis in bases:
        basis.in_force_today = basis.is_in_force(today)
        basis.can_change = user.has_perm("awards.change_legalbasis", basis)
    rules_list, award_types, year_rows = [], [], []
    if province is not None:
        rules_list = list(AwardRules.objects.filter(province=province).select_related("basis"))
        award_types = AwardType.objects.filter(province=province).order_by("position", "name")
        # The other blocs' years are the board's business (and national staff's), not a unit's.
        if can_change or user.sees_every_province:
            year_rows = _year_rows(province, rules_list)
    history = history_entries(
        AwardRules.history.filter(province_id=province_id).annotate(history_label=F("from_year")),
        LegalBasis.history.filter(Q(province__isnull=True) | Q(province_id=province_id)).annotate(
            history_label=F("number")
        ),
    )
    context = {
        "province": province,
        "provinces": Province.objects.order_by("name") if user.sees_every_province else None,
        "today": today,
        "periods": regulation_periods(rules_list),
        "year_rows": year_rows,
        "award_types": award_types,
        "national_bases": [basis for basis in bases if basis.province_id is None],
        "province_bases": [basis for basis in bases if basis.province_id is not None],
        "can_change": can_change,
        "can_manage_award_types": province is not None
        and user.has_perm("awards.manage_award_types", province),
        "can_add_national": user.has_perm("awards.add_national_legal_basis"),
        "can_add_provincial": province is not None
        and user.has_perm("awards.add_province_legal_basis", province),
        "history": history,
    }
    return render(request, "awards/regulations.html", context)


def _rules_form_page(request, form, province: Province, rules: AwardRules | None):
    context = {
        "form": form,
        "province": province,
        "rules": rules,
        "back_url": regulations_url(province),
        "history": history_entries(rules.history.all()) if rules is not None else [],
    }
    return render(request, "awards/awardrules_form.html", context)


def awardrules_create(request, code: str):
    """Show and save the province's rules from a year on (its board)."""
    province = _province_for(request, code, CHANGE)
    latest = AwardRules.objects.filter(province=province).order_by("-from_year").first()
    form = AwardRulesForm(
        request.POST or None,
        instance=AwardRules(province=province),
        initial={"from_year": timezone.localdate().year},
    )
    if latest is not None and request.method != "POST":
        # A change of rules usually keeps most of the former ones.
        form.initial.update({name: getattr(latest, name) for name in AWARD_RULES_FIELDS})
        form.initial["from_year"] = max(latest.from_year + 1, timezone.localdate().year)
    if request.method == "POST" and form.is_valid():
        try:
            rules = award_rules_save(
                province=province,
                **{name: form.cleaned_data[name] for name in AWARD_RULES_FIELDS},
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(
                request,
                _("The rules from %(year)d were saved.") % {"year": rules.from_year},
            )
            return redirect(regulations_url(province))
    return _rules_form_page(request, form, province, None)


def awardrules_edit(request, pk: int):
    """Show and save a change to the province's rules, with their history."""
    rules = object_for_user(
        AwardRules.objects.select_related("province", "basis"),
        request.user,
        "awards.change_awardrules",
        pk=pk,
    )
    province = rules.province
    form = AwardRulesForm(request.POST or None, instance=rules)
    if request.method == "POST" and form.is_valid():
        try:
            saved = award_rules_save(
                province=province,
                rules=rules,
                version=form.cleaned_data["version"],
                **{name: form.cleaned_data[name] for name in AWARD_RULES_FIELDS},
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(
                request,
                _("The rules from %(year)d were saved.") % {"year": saved.from_year},
            )
            return redirect(regulations_url(province))
    return _rules_form_page(request, form, province, AwardRules.objects.get(pk=rules.pk))


def _basis_form_page(request, form, province: Province | None, basis: LegalBasis | None, back):
    context = {
        "form": form,
        "province": province,
        "basis": basis,
        "back_url": back,
        "history": history_entries(basis.history.all()) if basis is not None else [],
    }
    return render(request, "awards/legalbasis_form.html", context)


def _save_basis(request, form, *, province, basis=None, back: str):
    """Save the form through the service; return the redirect, or None to show the form again."""
    if not (request.method == "POST" and form.is_valid()):
        return None
    data = form.cleaned_data
    try:
        saved = legal_basis_save(
            province=province,
            basis=basis,
            version=data["version"] if basis is not None else None,
            **{name: data[name] for name in LEGAL_BASIS_FIELDS},
        )
    except DomainError as error:
        form.add_error(error.field if error.field in form.fields else None, error.message)
        return None
    messages.success(request, _("“%(number)s” was saved.") % {"number": saved.number})
    return redirect(back)


def legalbasis_create_national(request):
    """Show and save a new national text (national staff)."""
    if not request.user.has_perm("awards.add_national_legal_basis"):
        raise PermissionDenied
    code = request.GET.get("province", "")
    back = reverse("awards:regulations") + (f"?{urlencode({'province': code})}" if code else "")
    form = LegalBasisForm(request.POST or None, instance=LegalBasis())
    return _save_basis(request, form, province=None, back=back) or _basis_form_page(
        request, form, None, None, back
    )


def legalbasis_create(request, code: str):
    """Show and save a new text of the province: its regulation or decision (its board)."""
    province = _province_for(request, code, "awards.add_province_legal_basis")
    back = regulations_url(province)
    form = LegalBasisForm(request.POST or None, instance=LegalBasis(province=province))
    return _save_basis(request, form, province=province, back=back) or _basis_form_page(
        request, form, province, None, back
    )


def legalbasis_edit(request, pk: int):
    """Show and save a change to a legal text, with its history."""
    basis = object_for_user(
        LegalBasis.objects.select_related("province"),
        request.user,
        "awards.change_legalbasis",
        pk=pk,
    )
    province = basis.province
    back = regulations_url(province) if province is not None else reverse("awards:regulations")
    form = LegalBasisForm(request.POST or None, instance=basis)
    return _save_basis(request, form, province=province, basis=basis, back=back) or (
        _basis_form_page(request, form, province, LegalBasis.objects.get(pk=basis.pk), back)
    )


def _chosen_year(data) -> int | None:
    form = YearForm(data)
    return form.cleaned_data["year"] if form.is_valid() else None


@require_safe
def regulations_apply_view(request, code: str):
    """Show, bloc by bloc, what applying the rules to a year would change, with the button."""
    province = _province_for(request, code, CHANGE)
    year = _chosen_year(request.GET) or timezone.localdate().year
    plan = regulations_apply_plan(province=province, year=year)
    return render(
        request,
        "awards/regulations_apply.html",
        {"province": province, "year": year, "plan": plan, "back_url": regulations_url(province)},
    )


@require_POST
def regulations_apply_confirm(request, code: str):
    """Set the open bloc-years of the year to the rules, and say who changed and who did not."""
    province = _province_for(request, code, CHANGE)
    year = _chosen_year(request.POST)
    if year is None:
        messages.error(request, _("Choose a year between 1990 and 2100."))
        return redirect(regulations_url(province))
    try:
        applied = regulations_apply(province=province, year=year)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect(reverse("awards:regulations_apply", args=[province.code]) + f"?year={year}")
    for level, text in applied.messages():
        getattr(messages, level)(request, text)
    return redirect(regulations_url(province))
