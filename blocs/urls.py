from django.urls import path

from blocs import views

app_name = "blocs"

urlpatterns = [
    path("<int:pk>/", views.BlocDetailView.as_view(), name="bloc_detail"),
    path("<int:bloc_pk>/<int:year>/", views.BlocYearDetailView.as_view(), name="blocyear_detail"),
    path("<int:bloc_pk>/<int:year>/settings/", views.blocyear_settings, name="blocyear_settings"),
]
