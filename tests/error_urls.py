"""The app's addresses and one that fails, to see the server-error page as a user does."""

from django.urls import path

from config.urls import urlpatterns as app_urlpatterns


def fail(request):
    raise RuntimeError("a failure the page must not show")


urlpatterns = [*app_urlpatterns, path("fail/", fail)]
