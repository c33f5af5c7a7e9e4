from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from blocs.views.dashboard import dashboard
from meetings.views import verify as verify_views
from units.forms.accounts import LoginForm, PasswordByMailForm
from units.views import accounts

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
    path("accounts/profile/", accounts.profile, name="profile"),
    path(
        "accounts/password/",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "accounts/password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        "accounts/password/forgot/",
        auth_views.PasswordResetView.as_view(
            form_class=PasswordByMailForm,
            subject_template_name="registration/password_reset_email_subject.txt",
            email_template_name="registration/password_reset_email.txt",
        ),
        name="password_reset",
    ),
    path(
        "accounts/password/forgot/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "accounts/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    # A new account's first password: the same one-time link, said as a welcome.
    path(
        "accounts/set/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            extra_context={"first_password": True}, post_reset_login=False
        ),
        name="password_set_confirm",
    ),
    path(
        "accounts/password/set/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    # Public: anyone checks a copy of an issued document by the code printed on it.
    path("verify/", verify_views.verify_lookup, name="verify_lookup"),
    path("verify/<str:code>/", verify_views.verify, name="verify"),
    path("units/", include("units.urls")),
    path("blocs/", include("blocs.urls")),
    path("", include("meetings.urls")),
    path("", include("awards.urls")),
    path("admin/", admin.site.urls),
]
