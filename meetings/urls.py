"""Pages of a bloc-year's meetings, under blocs/<bloc>/<year>/meetings/."""

from django.urls import path

from meetings import views

app_name = "meetings"

urlpatterns = [
    path("", views.MeetingListView.as_view(), name="meeting_list"),
    path("new/", views.meeting_new, name="meeting_new"),
    path("<int:pk>/", views.MeetingDetailView.as_view(), name="meeting_detail"),
    path("<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path("<int:pk>/attendance/", views.meeting_attendance, name="meeting_attendance"),
    path("<int:pk>/delete/", views.meeting_confirm_delete, name="meeting_confirm_delete"),
    path("<int:pk>/delete/confirm/", views.meeting_delete, name="meeting_delete"),
]
