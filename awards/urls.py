from django.urls import path

from awards import views

app_name = "awards"

urlpatterns = [
    path("types/", views.AwardTypeListView.as_view(), name="awardtype_list"),
    path("types/add/", views.awardtype_create, name="awardtype_create"),
    path("types/standard/", views.awardtype_add_standard, name="awardtype_add_standard"),
    path("types/<int:pk>/edit/", views.awardtype_edit, name="awardtype_edit"),
    path("types/<int:pk>/deactivate/", views.awardtype_deactivate, name="awardtype_deactivate"),
    path("types/<int:pk>/reactivate/", views.awardtype_reactivate, name="awardtype_reactivate"),
    path(
        "<int:bloc_pk>/<int:year>/registrations/",
        views.RegistrationListView.as_view(),
        name="registration_list",
    ),
    path(
        "<int:bloc_pk>/<int:year>/registrations/<int:unit_pk>/add/",
        views.registration_add,
        name="registration_add",
    ),
    path("registrations/<int:pk>/delete/", views.registration_delete, name="registration_delete"),
]
