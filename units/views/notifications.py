"""A person's notifications: the list, the count in the navigation bar, marking them read."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from units.models import Notification
from units.services.notifications import notifications_read

PER_PAGE = 30


def notification_list(request):
    """The user's notifications, newest first."""
    notifications = Notification.objects.filter(user=request.user)
    page = Paginator(notifications, PER_PAGE).get_page(request.GET.get("page"))
    context = {"page_obj": page, "unread_count": notifications.unread().count()}
    return render(request, "units/notification_list.html", context)


def notification_count(request):
    """The number of unread notifications, as the navigation bar shows it (fetched after the
    page, so that no page pays for it)."""
    count = Notification.objects.filter(user=request.user).unread().count()
    return render(request, "units/includes/notification_count.html", {"count": count})


@require_POST
def notification_open(request, pk: int):
    """Mark a notification read and go where it leads."""
    notification = get_object_or_404(Notification, pk=pk, user=request.user)
    notifications_read(user=request.user, pks=[notification.pk])
    safe = url_has_allowed_host_and_scheme(notification.url, allowed_hosts={request.get_host()})
    return redirect(notification.url if safe and notification.url else "units:notifications")


@require_POST
def notifications_read_all(request):
    """Mark all the user's notifications read."""
    notifications_read(user=request.user)
    return redirect("units:notifications")
