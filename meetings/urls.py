"""Pages of a bloc-year's meetings and documents, and the province's annex of heads and deputies."""

from django.urls import include, path

from meetings.views import annex, documents, meetings

app_name = "meetings"

meeting_patterns = [
    path("", meetings.MeetingListView.as_view(), name="meeting_list"),
    path("new/", meetings.meeting_new, name="meeting_new"),
    path("<int:pk>/", meetings.MeetingDetailView.as_view(), name="meeting_detail"),
    path("<int:pk>/edit/", meetings.meeting_edit, name="meeting_edit"),
    path("<int:pk>/attendance/", meetings.meeting_attendance, name="meeting_attendance"),
    path("<int:pk>/delete/", meetings.meeting_confirm_delete, name="meeting_confirm_delete"),
    path("<int:pk>/delete/confirm/", meetings.meeting_delete, name="meeting_delete"),
]
document_patterns = [
    path("", documents.DocumentListView.as_view(), name="document_list"),
    path(
        "preview/<slug:kind>/<int:source_pk>/",
        documents.document_preview,
        name="document_preview",
    ),
    path(
        "preview/<slug:kind>/<int:source_pk>/word/",
        documents.document_preview,
        {"word": True},
        name="document_preview_word",
    ),
    path(
        "issue/<slug:kind>/<int:source_pk>/", documents.document_issue_view, name="document_issue"
    ),
    path("<int:pk>/", documents.document_download, name="document_download"),
    path("<int:pk>/word/", documents.document_word, name="document_word"),
    path("<int:pk>/signed/", documents.document_original, name="document_original"),
    path("attachments/add/", documents.attachment_add, name="attachment_add"),
    path("attachments/<int:pk>/", documents.attachment_download, name="attachment_download"),
    path(
        "<int:pk>/signed/<int:original_pk>/",
        documents.original_download,
        name="original_download",
    ),
    path("<int:pk>/correct/", documents.document_correct, name="document_correct"),
]

urlpatterns = [
    path("blocs/<int:bloc_pk>/<int:year>/meetings/", include(meeting_patterns)),
    path("blocs/<int:bloc_pk>/<int:year>/documents/", include(document_patterns)),
    path(
        "blocs/leadership/<int:year>/annex/<slug:province>/",
        annex.leadership_annex,
        name="leadership_annex",
    ),
    path(
        "blocs/leadership/<int:year>/annex/<slug:province>/word/",
        annex.leadership_annex,
        {"word": True},
        name="leadership_annex_word",
    ),
]
