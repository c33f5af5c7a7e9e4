"""The document box of a record's page: preview the draft, issue it, the documents issued.

Pages of apps below meetings (the pledge and handover pages of blocs) load this library in
their templates, so that blocs never imports meetings.
"""

from __future__ import annotations

from django import template

from meetings.documents.sources import SOURCES
from meetings.registry import documents_of

register = template.Library()


@register.inclusion_tag("meetings/includes/document_box.html", takes_context=True)
def document_box(context, kind: str, source) -> dict:
    """Show the documents of kind `kind` issued for `source`, with what the user may do.

    Needs `bloc_year` and `request` in the context.
    """
    request, bloc_year = context["request"], context["bloc_year"]
    documents = list(documents_of(source).filter(kind=kind))
    return {
        "kind": kind,
        "source": source,
        "bloc_year": bloc_year,
        "documents": documents,
        "current": next((doc for doc in documents if doc.is_current), None),
        "has_date": SOURCES[kind].date_of(source) is not None,
        "can_issue": request.user.has_perm("meetings.issue_document", bloc_year),
        "next": request.get_full_path(),
        "csrf_token": context.get("csrf_token"),
    }
