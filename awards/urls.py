from django.urls import path

from awards import (
    views,
    views_ballots,
    views_counters,
    views_nominations,
    views_rules,
    views_scores,
    views_submissions,
)

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
        "<int:bloc_pk>/<int:year>/scores/criteria/<int:pk>/edit/",
        views_scores.criterion_edit,
        name="criterion_edit",
    ),
    path(
        "<int:bloc_pk>/<int:year>/scores/criteria/<int:pk>/move/",
        views_scores.criterion_move,
        name="criterion_move",
    ),
    path(
        "<int:bloc_pk>/<int:year>/scores/criteria/<int:pk>/delete/",
        views_scores.criterion_delete,
        name="criterion_delete",
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
    path("nominations/<int:pk>/edit/", views_nominations.nomination_edit, name="nomination_edit"),
    path(
        "nominations/<int:pk>/delete/",
        views_nominations.nomination_delete_view,
        name="nomination_delete",
    ),
    path("rules/", views_rules.rules_page, name="rules"),
    path("rules/<int:pk>/edit/", views_rules.awardrules_edit, name="awardrules_edit"),
    path(
        "rules/national/texts/add/",
        views_rules.legalbasis_create_national,
        name="legalbasis_create_national",
    ),
    path("rules/texts/<int:pk>/edit/", views_rules.legalbasis_edit, name="legalbasis_edit"),
    path("rules/<slug:code>/add/", views_rules.awardrules_create, name="awardrules_create"),
    path("rules/<slug:code>/texts/add/", views_rules.legalbasis_create, name="legalbasis_create"),
    path("rules/<slug:code>/apply/", views_rules.rules_apply, name="rules_apply"),
    path(
        "rules/<slug:code>/apply/confirm/",
        views_rules.rules_apply_confirm,
        name="rules_apply_confirm",
    ),
    path(
        "<int:bloc_pk>/<int:year>/ballots/<int:ballot_pk>/counters/",
        views_counters.counter_list,
        name="counter_list",
    ),
    path(
        "<int:bloc_pk>/<int:year>/ballots/<int:ballot_pk>/counters/add/",
        views_counters.counter_add_view,
        name="counter_add",
    ),
    path(
        "<int:bloc_pk>/<int:year>/ballots/<int:ballot_pk>/counters/<int:pk>/edit/",
        views_counters.counter_edit,
        name="counter_edit",
    ),
    path(
        "<int:bloc_pk>/<int:year>/ballots/<int:ballot_pk>/counters/<int:pk>/delete/",
        views_counters.counter_delete_view,
        name="counter_delete",
    ),
    path(
        "<int:bloc_pk>/<int:year>/submission/",
        views_submissions.submission_page,
        name="submission",
    ),
    path(
        "<int:bloc_pk>/<int:year>/submission/<int:pk>/submit/",
        views_submissions.submission_submit_view,
        name="submission_submit",
    ),
]
