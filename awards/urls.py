"""The award pages: a bloc-year's registrations, scores, ballots, nominations and submission
under the bloc-year's address, and the province's award types, regulations and nominations."""

from django.urls import include, path, re_path

from awards.views import (
    award_types,
    ballots,
    counters,
    moved,
    nominations,
    registrations,
    regulations,
    reports,
    scores,
    submissions,
)

app_name = "awards"

bloc_year_patterns = [
    path(
        "registrations/",
        registrations.RegistrationListView.as_view(),
        name="registration_list",
    ),
    path(
        "registrations/<int:unit_pk>/add/",
        registrations.registration_add,
        name="registration_add",
    ),
    path("scores/", scores.ScoreListView.as_view(), name="score_list"),
    path("scores/criteria/add/", scores.criterion_add, name="criterion_add"),
    path("scores/criteria/copy/", scores.criteria_copy, name="criteria_copy"),
    path("scores/criteria/<int:pk>/edit/", scores.criterion_edit, name="criterion_edit"),
    path("scores/criteria/<int:pk>/move/", scores.criterion_move, name="criterion_move"),
    path("scores/criteria/<int:pk>/delete/", scores.criterion_delete, name="criterion_delete"),
    path("scores/export/", scores.score_export, name="score_export"),
    path(
        "scores/<int:unit_pk>/self/",
        scores.score_sheet,
        {"which": "self"},
        name="score_sheet_self",
    ),
    path(
        "scores/<int:unit_pk>/bloc/",
        scores.score_sheet,
        {"which": "bloc"},
        name="score_sheet_bloc",
    ),
    path("ballots/", ballots.ballot_list, name="ballot_list"),
    path("ballots/print/", ballots.ballot_print, name="ballot_print"),
    path("ballots/meeting/<int:meeting_pk>/add/", ballots.ballot_edit, name="ballot_add"),
    path(
        "ballots/meeting/<int:meeting_pk>/<int:pk>/edit/",
        ballots.ballot_edit,
        name="ballot_edit",
    ),
    path("ballots/<int:pk>/", ballots.ballot_result_view, name="ballot_result"),
    path("ballots/<int:ballot_pk>/counters/", counters.counter_list, name="counter_list"),
    path(
        "ballots/<int:ballot_pk>/counters/all/",
        counters.committee_edit,
        name="counter_committee",
    ),
    path(
        "ballots/<int:ballot_pk>/counters/add/",
        counters.counter_add_view,
        name="counter_add",
    ),
    path(
        "ballots/<int:ballot_pk>/counters/<int:pk>/edit/",
        counters.counter_edit,
        name="counter_edit",
    ),
    path(
        "ballots/<int:ballot_pk>/counters/<int:pk>/delete/",
        counters.counter_delete_view,
        name="counter_delete",
    ),
    path("nominations/", nominations.nomination_list, name="nomination_list"),
    path(
        "nominations/from-ballot/<int:ballot_pk>/",
        nominations.nominations_from_ballot_view,
        name="nominations_from_ballot",
    ),
    path("nominations/<int:pk>/report/", reports.report_edit, name="report_edit"),
    path(
        "nominations/unit/<int:unit_pk>/report/",
        reports.report_of_unit,
        name="report_of_unit",
    ),
    path("nominations/<int:pk>/report/pdf/", reports.report_download, name="report_pdf"),
    path("nominations/<int:pk>/report/signed/", reports.report_file_view, name="report_file"),
    path(
        "nominations/<int:pk>/report/signed/<int:file_pk>/",
        reports.report_file_download,
        name="report_file_download",
    ),
    path(
        "nominations/<int:pk>/report/word/",
        reports.report_download,
        {"word": True},
        name="report_word",
    ),
    path("submission/", submissions.submission_page, name="submission"),
    path(
        "submission/<int:pk>/submit/",
        submissions.submission_submit_view,
        name="submission_submit",
    ),
]

province_patterns = [
    path("types/", award_types.AwardTypeListView.as_view(), name="awardtype_list"),
    path("types/add/", award_types.awardtype_create, name="awardtype_create"),
    path("types/standard/", award_types.awardtype_add_standard, name="awardtype_add_standard"),
    path("types/<int:pk>/edit/", award_types.awardtype_edit, name="awardtype_edit"),
    path(
        "types/<int:pk>/deactivate/",
        award_types.awardtype_deactivate,
        name="awardtype_deactivate",
    ),
    path(
        "types/<int:pk>/reactivate/",
        award_types.awardtype_reactivate,
        name="awardtype_reactivate",
    ),
    path(
        "registrations/<int:pk>/delete/",
        registrations.registration_delete,
        name="registration_delete",
    ),
    path(
        "nominations/<int:year>/",
        nominations.province_nominations,
        name="province_nominations",
    ),
    path(
        "nominations/<int:year>/export/",
        nominations.province_nominations_export,
        name="province_nominations_export",
    ),
    path(
        "nominations/return/<int:pk>/",
        nominations.nomination_return_view,
        name="nomination_return",
    ),
    path("nominations/<int:pk>/edit/", nominations.nomination_edit, name="nomination_edit"),
    path(
        "nominations/<int:pk>/delete/",
        nominations.nomination_delete_view,
        name="nomination_delete",
    ),
    path("rules/", regulations.regulations_page, name="regulations"),
    path("rules/<int:pk>/edit/", regulations.awardrules_edit, name="awardrules_edit"),
    path(
        "rules/national/texts/add/",
        regulations.legalbasis_create_national,
        name="legalbasis_create_national",
    ),
    path("rules/texts/<int:pk>/edit/", regulations.legalbasis_edit, name="legalbasis_edit"),
    path("rules/<slug:code>/add/", regulations.awardrules_create, name="awardrules_create"),
    path("rules/<slug:code>/texts/add/", regulations.legalbasis_create, name="legalbasis_create"),
    path(
        "rules/<slug:code>/apply/",
        regulations.regulations_apply_view,
        name="regulations_apply",
    ),
    path(
        "rules/<slug:code>/apply/confirm/",
        regulations.regulations_apply_confirm,
        name="regulations_apply_confirm",
    ),
    # A bloc-year's award pages lived here before they moved under the bloc-year's address.
    re_path(
        r"^(?P<bloc_pk>[0-9]+)/(?P<year>[0-9]+)/(?P<rest>.*)$",
        moved.bloc_year_page_moved,
        name="bloc_year_page_moved",
    ),
]

urlpatterns = [
    path("blocs/<int:bloc_pk>/<int:year>/", include(bloc_year_patterns)),
    path("awards/", include(province_patterns)),
]
