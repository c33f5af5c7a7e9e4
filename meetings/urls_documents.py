"""Pages of a bloc-year's documents, under blocs/<bloc>/<year>/documents/."""

from django.urls import path

from meetings import views_documents as views

app_name = "documents"

urlpatterns = [
    path("", views.DocumentListView.as_view(), name="list"),
    path("preview/<slug:kind>/<int:source_pk>/", views.document_preview, name="preview"),
    path("issue/<slug:kind>/<int:source_pk>/", views.document_issue_view, name="issue"),
    path("<int:pk>/", views.document_download, name="download"),
    path("<int:pk>/correct/", views.document_correct, name="correct"),
]
