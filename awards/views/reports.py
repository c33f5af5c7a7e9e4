"""A nominee's achievement report: written on its page by the unit's focal point (or the
secretariat) until the nomination is sent, read by everyone who reads the year, and downloaded
as a PDF to sign or a Word file to finish."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from awards.documents.report import report_html
from awards.forms.reports import REPORT_FIELDS, ReportFileForm, ReportForm
from awards.models import AchievementReport, Nomination, ReportFile
from awards.services.reports import report_file_add, report_save
from blocs.frame import bloc_year_for
from core.errors import DomainError
from core.files import kept_file_response, read_or_404
from core.text import ascii_slug
from meetings.documents.pdf import html_to_pdf
from meetings.documents.word import html_to_docx, media_type


def _nomination(request, bloc_pk: int, year: int, pk: int) -> Nomination:
    bloc_year = bloc_year_for(request, bloc_pk, year)
    nomination = get_object_or_404(
        Nomination.objects.select_related("unit", "award_type"), pk=pk, bloc_year=bloc_year
    )
    nomination.bloc_year = bloc_year
    return nomination


def _report(nomination: Nomination) -> AchievementReport | None:
    report = AchievementReport.objects.filter(nomination=nomination).first()
    if report is not None:
        report.nomination = nomination
    return report


@require_GET
def report_of_unit(request, bloc_pk: int, year: int, unit_pk: int):
    """Lead a unit's focal point from its to-do list to its nomination's report."""
    bloc_year = bloc_year_for(request, bloc_pk, year)
    nomination = get_object_or_404(Nomination, bloc_year=bloc_year, unit_id=unit_pk)
    return redirect("awards:report_edit", bloc_pk, year, nomination.pk)


def report_edit(request, bloc_pk: int, year: int, pk: int):
    """Show a nominee's report and its signed files; whoever may write it writes it here (GET
    shows, POST saves)."""
    nomination = _nomination(request, bloc_pk, year, pk)
    report = _report(nomination)
    can_write = request.user.has_perm("awards.write_report", nomination)
    if request.method == "POST" and not can_write:
        raise PermissionDenied
    form = None
    if can_write:
        instance = report or AchievementReport(nomination=nomination)
        form = ReportForm(request.POST or None, instance=instance)
        if request.method == "POST" and form.is_valid():
            try:
                report_save(
                    nomination=nomination,
                    user=request.user,
                    version=form.cleaned_data["version"],
                    **{name: form.cleaned_data[name] for name in REPORT_FIELDS},
                )
            except DomainError as refusal:
                form.add_error(None, refusal.message)
            else:
                messages.success(request, _("The achievement report was saved."))
                return redirect("awards:report_edit", bloc_pk, year, pk)
    return _page(request, nomination, report, form, ReportFileForm() if can_write else None)


def _page(request, nomination, report, form, file_form):
    return render(
        request,
        "awards/report_form.html",
        {
            "bloc_year": nomination.bloc_year,
            "section": "nominations",
            "nomination": nomination,
            "report": report,
            "form": form,
            "file_form": file_form,
            "files": nomination.report_files.select_related("uploaded_by"),
        },
    )


@require_POST
def report_file_view(request, bloc_pk: int, year: int, pk: int):
    """Keep the nominee's signed report (the signed scan, or the unit's own)."""
    nomination = _nomination(request, bloc_pk, year, pk)
    if not request.user.has_perm("awards.write_report", nomination):
        raise PermissionDenied
    form = ReportFileForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            report_file_add(
                nomination=nomination,
                kind=form.cleaned_data["kind"],
                data=form.cleaned_data["file"].read(),
                user=request.user,
            )
        except DomainError as refusal:
            form.add_error("file", refusal.message)
        else:
            messages.success(request, _("The signed achievement report is kept."))
            return redirect("awards:report_edit", bloc_pk, year, pk)
    report = _report(nomination)
    # The refused file beside the report as it is saved.
    instance = report or AchievementReport(nomination=nomination)
    return _page(request, nomination, report, ReportForm(instance=instance), form)


@require_GET
def report_file_download(request, bloc_pk: int, year: int, pk: int, file_pk: int):
    """Send a kept signed report, checked against its SHA-256."""
    nomination = _nomination(request, bloc_pk, year, pk)
    kept = get_object_or_404(ReportFile, pk=file_pk, nomination=nomination)
    content = read_or_404(kept.file, kept.sha256, f"signed report {kept.pk}")
    name = kept.file.name.rsplit("/", 1)[-1]
    return kept_file_response(content, filename=name, content_type="application/pdf")


@require_GET
def report_download(request, bloc_pk: int, year: int, pk: int, word: bool = False):
    """Send the report as a PDF to print and sign, or as a Word file to finish."""
    nomination = _nomination(request, bloc_pk, year, pk)
    report = _report(nomination)
    if report is None:
        raise Http404(_("No achievement report was written for this nominee."))
    html = report_html(report)
    name = ascii_slug(nomination.unit.short_name) or "don-vi"
    filename = f"bao-cao-thanh-tich-{name}-{year}.{'docx' if word else 'pdf'}"
    response = HttpResponse(
        html_to_docx(html) if word else html_to_pdf(html), content_type=media_type(filename)
    )
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["X-Content-Type-Options"] = "nosniff"
    add_never_cache_headers(response)
    return response
