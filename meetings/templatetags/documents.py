"""The document box of a record's page: preview the draft, issue it, the documents issued."""

from __future__ import annotations

from django import template

from meetings.documents.registry import kind_of
from meetings.models import Document

register = template.Library()


@register.inclusion_tag("meetings/includes/document_box.html", takes_context=True)
def document_box(context, source) -> dict:
    """Show the documents issued for `source`, of the kind its records have, with what the user
    may do.

    Needs `bloc_year` and `request` in the context.
    """
    request, bloc_year = context["request"], context["bloc_year"]
    kind = kind_of(source)
    documents = list(Document.objects.of_record(source).select_related("replaced_by", "issued_by"))
    return {
        "kind": kind,
        "source": source,
        "bloc_year": bloc_year,
        "documents": documents,
        "current": next((doc for doc in documents if doc.is_current), None),
        "has_date": kind.source.date_of(source) is not None,
        "can_issue": request.user.has_perm("meetings.issue_document", bloc_year),
        "next": request.get_full_path(),
        "csrf_token": context.get("csrf_token"),
    }
