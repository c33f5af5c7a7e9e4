"""The people who log in: staff of a province's board, of a unit, national staff."""

from __future__ import annotations

from django.contrib import auth
from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from units.models.units import Province, Unit


class User(AbstractUser):
    """A person who logs in: staff of a province's board, of a unit, or national staff.

    IT staff who run the installation are superusers: they work in the Django admin, and the
    pages give them the rights of their board or unit, if any, and nothing more.
    """

    full_name = models.CharField(_("person's full name"), max_length=150, blank=True)
    job_title = models.CharField(_("job title"), max_length=150, blank=True)
    province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="board_staff",
        verbose_name=_("board of province"),
        help_text=_("For staff of a province's emulation board."),
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        verbose_name=_("unit"),
        help_text=_("For staff of a member unit; its role in a bloc-year gives the rights."),
    )
    is_national = models.BooleanField(
        _("national staff"),
        default=False,
        help_text=_("Reads every province and manages the provinces; not an IT superuser."),
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email_notifications = models.BooleanField(
        _("notifications by e-mail"),
        default=True,
        help_text=_("Besides the list in the app, send each notification to the e-mail address."),
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["password", "last_login"])
    objects = UserManager()

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            # A password reset finds its account by the address: one account per address.
            models.UniqueConstraint(
                Lower("email"),
                condition=~Q(email=""),
                name="units_user_email_unique",
                violation_error_message=_("Another account already uses this e-mail address."),
            ),
            models.CheckConstraint(
                condition=Q(province__isnull=True) | Q(unit__isnull=True),
                name="units_user_board_or_unit",
                violation_error_message=_("A user belongs to a province's board or to a unit."),
            ),
            models.CheckConstraint(
                condition=Q(is_national=False) | Q(province__isnull=True, unit__isnull=True),
                name="units_user_national_has_no_home",
                violation_error_message=_(
                    "A national admin belongs to neither a province's board nor a unit."
                ),
            ),
            models.CheckConstraint(
                condition=Q(is_national=False) | Q(is_superuser=False),
                name="units_user_national_is_not_superuser",
                violation_error_message=_(
                    "National staff are not superusers: IT staff run the installation with "
                    "accounts of their own."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.full_name or self.username

    def get_full_name(self) -> str:
        return self.full_name or super().get_full_name() or self.username

    @property
    def sees_every_province(self) -> bool:
        return self.is_national

    def has_perm(self, perm: str, obj=None) -> bool:
        """Whether the user has the permission, for a record when `obj` is given.

        The rules answer for everyone: a superuser's blanket rights are the Django admin's
        model permissions (ModelBackend gives a superuser all of them), not a right over every
        record of every province in the pages.
        """
        if not self.is_active:
            return False
        for backend in auth.get_backends():
            if not hasattr(backend, "has_perm"):
                continue
            try:
                if backend.has_perm(self, perm, obj):
                    return True
            except PermissionDenied:
                return False
        return False

    @property
    def is_board(self) -> bool:
        return self.province_id is not None

    @property
    def home_province_id(self) -> int | None:
        """Return the province the user works in, through the board or the unit."""
        if self.province_id:
            return self.province_id
        if self.unit_id:
            return self.unit.province_id
        return None
