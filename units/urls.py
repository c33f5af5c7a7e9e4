from django.urls import path

from units import views

app_name = "units"

urlpatterns = [
    path("provinces/", views.ProvinceListView.as_view(), name="province_list"),
    path("provinces/<slug:code>/", views.ProvinceDetailView.as_view(), name="province_detail"),
    path("<int:pk>/", views.UnitDetailView.as_view(), name="unit_detail"),
    path("<int:pk>/edit/", views.unit_edit, name="unit_edit"),
]
