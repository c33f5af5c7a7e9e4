"""The province-wide annex of heads and deputies: a PDF the board attaches to its decision."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.views.decorators.http import require_GET

from core.access import object_for_user
from meetings.documents.leadership_annex import annex_rows, leadership_annex_html
from meetings.documents.pdf import html_to_pdf
from meetings.documents.word import html_to_docx, media_type
from units.models import Province


@require_GET
def leadership_annex(request, year: int, province: str, word: bool = False):
    """Download the annex of the province's year (a PDF, or an editable Word file), for its
    board and the national admin; the province's blocs must have opened that year. Nothing is
    stored: it is drawn from the data."""
    province = object_for_user(
        Province.objects.all(), request.user, "units.view_province", code=province
    )
    rows = annex_rows(province=province, year=year)
    if not rows:
        raise Http404
    html = leadership_annex_html(province=province, year=year, rows=rows)
    filename = f"phu-luc-truong-pho-khoi-{province.code}-{year}.{'docx' if word else 'pdf'}"
    content = html_to_docx(html) if word else html_to_pdf(html)
    response = HttpResponse(content, content_type=media_type(filename))
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
