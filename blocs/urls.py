from django.urls import path

from blocs.views import blocs as blocs_views
from blocs.views import calendar as calendar_views
from blocs.views import handover as handover_views
from blocs.views import leadership as leadership_views
from blocs.views import members as members_views
from blocs.views import opening as opening_views
from blocs.views import plan as plan_views
from blocs.views import pledge as pledge_views
from blocs.views import rotation as rotation_views
from blocs.views import years as years_views

app_name = "blocs"

urlpatterns = [
    # Blocs, opening years, member lists (board)
    path("provinces/<slug:code>/new-bloc/", blocs_views.bloc_create, name="bloc_create"),
    path("<int:pk>/edit/", blocs_views.bloc_edit, name="bloc_edit"),
    path("<int:pk>/open-year/", opening_views.blocyear_open, name="blocyear_open"),
    path(
        "<int:pk>/open-year/confirm/",
        opening_views.blocyear_open_confirm,
        name="blocyear_open_confirm",
    ),
    path(
        "provinces/<slug:code>/open-year/",
        opening_views.province_years_open,
        name="province_years_open",
    ),
    path(
        "provinces/<slug:code>/open-year/confirm/",
        opening_views.province_years_open_confirm,
        name="province_years_open_confirm",
    ),
    path("<int:bloc_pk>/<int:year>/members/", members_views.member_list, name="members"),
    path("<int:bloc_pk>/<int:year>/members/add/", members_views.member_add_view, name="member_add"),
    path(
        "<int:bloc_pk>/<int:year>/members/<int:membership_pk>/remove/",
        members_views.member_remove_view,
        name="member_remove",
    ),
    path(
        "<int:bloc_pk>/<int:year>/members/import/",
        members_views.members_import,
        name="members_import",
    ),
    path(
        "<int:bloc_pk>/<int:year>/members/import/confirm/",
        members_views.members_import_confirm,
        name="members_import_confirm",
    ),
    path(
        "<int:bloc_pk>/<int:year>/members/import/template.xlsx",
        members_views.members_import_template,
        name="members_import_template",
    ),
    path("<int:pk>/", blocs_views.BlocDetailView.as_view(), name="bloc_detail"),
    path(
        "<int:bloc_pk>/<int:year>/",
        years_views.BlocYearDetailView.as_view(),
        name="blocyear_detail",
    ),
    # The year's calendar
    path(
        "provinces/<slug:code>/calendar/<int:year>/",
        calendar_views.calendar_edit,
        name="calendar",
    ),
    path(
        "provinces/<slug:code>/calendar/<int:year>/days-off/",
        calendar_views.day_off_add,
        name="day_off_add",
    ),
    path(
        "provinces/<slug:code>/calendar/<int:year>/days-off/<int:pk>/remove/",
        calendar_views.day_off_remove,
        name="day_off_remove",
    ),
    path("<int:bloc_pk>/<int:year>/dates/", calendar_views.own_date_set, name="own_date_set"),
    path(
        "<int:bloc_pk>/<int:year>/settings/",
        years_views.blocyear_settings,
        name="blocyear_settings",
    ),
    # Leadership and rotation
    path(
        "<int:bloc_pk>/<int:year>/leadership/",
        leadership_views.LeadershipView.as_view(),
        name="blocyear_leadership",
    ),
    path(
        "<int:bloc_pk>/<int:year>/leadership/confirm/",
        leadership_views.leadership_confirm,
        name="leadership_confirm",
    ),
    path(
        "<int:bloc_pk>/<int:year>/leadership/elect/",
        leadership_views.leadership_elect,
        name="leadership_elect",
    ),
    path(
        "<int:bloc_pk>/<int:year>/leadership/decide/",
        leadership_views.leadership_decide,
        name="leadership_decide",
    ),
    path(
        "leadership/<int:year>/",
        leadership_views.ProvinceLeadershipView.as_view(),
        name="province_leadership",
    ),
    # Pledge
    path(
        "<int:bloc_pk>/<int:year>/pledge/",
        pledge_views.PledgeDetailView.as_view(),
        name="pledge_detail",
    ),
    path("<int:bloc_pk>/<int:year>/plan/", plan_views.plan_edit, name="plan_edit"),
    path("<int:bloc_pk>/<int:year>/pledge/edit/", pledge_views.pledge_edit, name="pledge_edit"),
    path("<int:bloc_pk>/<int:year>/pledge/items/", pledge_views.pledge_items, name="pledge_items"),
    path(
        "<int:bloc_pk>/<int:year>/pledge/signatures/",
        pledge_views.pledge_signatures,
        name="pledge_signatures",
    ),
    path(
        "<int:bloc_pk>/<int:year>/pledge/items/copy/",
        pledge_views.pledge_items_copy,
        name="pledge_items_copy",
    ),
    path(
        "<int:bloc_pk>/<int:year>/pledge/signatures/<int:membership_pk>/",
        pledge_views.pledge_sign,
        name="pledge_sign",
    ),
    path(
        "<int:bloc_pk>/<int:year>/pledge/signatures/<int:membership_pk>/remove/",
        pledge_views.pledge_signature_remove,
        name="pledge_signature_remove",
    ),
    # Handover and the year's state
    path(
        "<int:bloc_pk>/<int:year>/handover/",
        handover_views.HandoverDetailView.as_view(),
        name="handover_detail",
    ),
    path(
        "<int:bloc_pk>/<int:year>/handover/record/",
        handover_views.handover_record,
        name="handover_record",
    ),
    path(
        "<int:bloc_pk>/<int:year>/reopen/", handover_views.blocyear_reopen, name="blocyear_reopen"
    ),
    path("<int:bloc_pk>/<int:year>/close/", handover_views.blocyear_close, name="blocyear_close"),
    path("<int:pk>/rotation/", rotation_views.bloc_rotation, name="bloc_rotation"),
    path(
        "<int:pk>/rotation/order/",
        rotation_views.bloc_rotation_order,
        name="bloc_rotation_order",
    ),
    path(
        "<int:pk>/rotation/change/",
        rotation_views.bloc_rotation_change,
        name="bloc_rotation_change",
    ),
]
