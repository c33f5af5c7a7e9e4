from django.urls import path

from units import views

app_name = "units"

urlpatterns = [
    path("provinces/", views.ProvinceListView.as_view(), name="province_list"),
    path("provinces/<slug:code>/", views.ProvinceDetailView.as_view(), name="province_detail"),
    path("provinces/<slug:code>/new-unit/", views.unit_create, name="unit_create"),
    path("provinces/<slug:code>/import/", views.units_import, name="units_import"),
    path(
        "provinces/<slug:code>/import/confirm/",
        views.units_import_confirm,
        name="units_import_confirm",
    ),
    path(
        "provinces/<slug:code>/import/template.xlsx",
        views.units_import_template,
        name="units_import_template",
    ),
    path("<int:pk>/", views.UnitDetailView.as_view(), name="unit_detail"),
    path("<int:pk>/edit/", views.unit_edit, name="unit_edit"),
]
