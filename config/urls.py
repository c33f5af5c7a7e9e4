from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from blocs.views.dashboard import dashboard
from units.forms.accounts import LoginForm

admin.site.site_header = _("Emulation blocs — administration")
admin.site.site_title = _("Emulation blocs")


@login_not_required
def favicon(request):
    """Send a browser asking for /favicon.ico to the app's icon."""
    return redirect(static("favicon.svg"), permanent=True)


urlpatterns = [
    path("favicon.ico", favicon),
    path("", dashboard, name="dashboard"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(
            authentication_form=LoginForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("units/", include("units.urls")),
    path("blocs/", include("blocs.urls")),
    path("", include("meetings.urls")),
    path("", include("awards.urls")),
    path("admin/", admin.site.urls),
]
