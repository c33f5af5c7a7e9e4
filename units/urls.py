from django.urls import path

from units.views import accounts, imports, notifications, provinces, units

app_name = "units"

urlpatterns = [
    path("provinces/", provinces.ProvinceListView.as_view(), name="province_list"),
    path("provinces/new/", accounts.province_create, name="province_create"),
    path("provinces/<slug:code>/accounts/", accounts.account_list, name="account_list"),
    path("provinces/<slug:code>/accounts/new/", accounts.account_create, name="account_create"),
    path("accounts/<int:pk>/", accounts.account_edit, name="account_edit"),
    path("accounts/<int:pk>/active/", accounts.account_activate, name="account_activate"),
    path("accounts/<int:pk>/invite/", accounts.account_invite, name="account_invite"),
    path("provinces/<slug:code>/", provinces.ProvinceDetailView.as_view(), name="province_detail"),
    path("provinces/<slug:code>/terms/", provinces.province_terms, name="province_terms"),
    path("provinces/<slug:code>/new-unit/", units.unit_create, name="unit_create"),
    path("provinces/<slug:code>/import/", imports.units_import, name="units_import"),
    path(
        "provinces/<slug:code>/import/confirm/",
        imports.units_import_confirm,
        name="units_import_confirm",
    ),
    path(
        "provinces/<slug:code>/import/template.xlsx",
        imports.units_import_template,
        name="units_import_template",
    ),
    path("notifications/", notifications.notification_list, name="notifications"),
    path("notifications/count/", notifications.notification_count, name="notification_count"),
    path(
        "notifications/<int:pk>/open/",
        notifications.notification_open,
        name="notification_open",
    ),
    path("notifications/read/", notifications.notifications_read_all, name="notifications_read"),
    path("<int:pk>/", units.UnitDetailView.as_view(), name="unit_detail"),
    path("<int:pk>/edit/", units.unit_edit, name="unit_edit"),
]
