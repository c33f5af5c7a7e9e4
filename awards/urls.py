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

from awards import views_scores  # noqa: E402

urlpatterns += [
    path(
        "<int:bloc_pk>/<int:year>/scores/", views_scores.ScoreListView.as_view(), name="score_list"
    ),
    path(
        "<int:bloc_pk>/<int:year>/scores/criteria/add/",
        views_scores.criterion_add,
        name="criterion_add",
    ),
    path(
        "<int:bloc_pk>/<int:year>/scores/criteria/copy/",
        views_scores.criteria_copy,
        name="criteria_copy",
    ),
    path(
        "<int:bloc_pk>/<int:year>/scores/export/",
        views_scores.score_export,
        name="score_export",
    ),
    path(
        "<int:bloc_pk>/<int:year>/scores/<int:unit_pk>/self/",
        views_scores.score_sheet,
        {"which": "self"},
        name="score_sheet_self",
    ),
    path(
        "<int:bloc_pk>/<int:year>/scores/<int:unit_pk>/bloc/",
        views_scores.score_sheet,
        {"which": "bloc"},
        name="score_sheet_bloc",
    ),
]

from awards import views_ballots  # noqa: E402 (the ballot pages, kept in their own module)

urlpatterns += [
    path("<int:bloc_pk>/<int:year>/ballots/", views_ballots.ballot_list, name="ballot_list"),
    path(
        "<int:bloc_pk>/<int:year>/ballots/print/",
        views_ballots.ballot_print,
        name="ballot_print",
    ),
    path(
        "<int:bloc_pk>/<int:year>/ballots/meeting/<int:meeting_pk>/add/",
        views_ballots.ballot_edit,
        name="ballot_add",
    ),
    path(
        "<int:bloc_pk>/<int:year>/ballots/meeting/<int:meeting_pk>/<int:pk>/edit/",
        views_ballots.ballot_edit,
        name="ballot_edit",
    ),
    path(
        "<int:bloc_pk>/<int:year>/ballots/<int:pk>/",
        views_ballots.ballot_result_view,
        name="ballot_result",
    ),
]

from awards import views_nominations  # noqa: E402 (the nomination pages, in their own module)

urlpatterns += [
    path(
        "<int:bloc_pk>/<int:year>/nominations/",
        views_nominations.nomination_list,
        name="nomination_list",
    ),
    path(
        "<int:bloc_pk>/<int:year>/nominations/from-ballot/<int:ballot_pk>/",
        views_nominations.nominations_from_ballot_view,
        name="nominations_from_ballot",
    ),
    path(
        "<int:bloc_pk>/<int:year>/nominations/submit/",
        views_nominations.nominations_submit_view,
        name="nominations_submit",
    ),
    path(
        "nominations/<int:year>/",
        views_nominations.province_nominations,
        name="province_nominations",
    ),
    path(
        "nominations/<int:year>/export/",
        views_nominations.province_nominations_export,
        name="province_nominations_export",
    ),
    path(
        "nominations/return/<int:pk>/",
        views_nominations.nomination_return_view,
        name="nomination_return",
    ),
]
