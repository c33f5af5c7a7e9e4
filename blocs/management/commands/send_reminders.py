"""Remind whom a step of the year waits on: a few working days before its date, and once it is
overdue. Run daily (a timer or cron); running it again tells nobody twice."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _

from blocs.models import BlocYear, DayOff, Membership
from blocs.selectors.progress import BOARD, DUE, OVERDUE, SECRETARIAT, year_progress
from core.formats import page_date
from core.workdays import working_days_between
from units.models import User
from units.services.notifications import notify


class Command(BaseCommand):
    help = (
        "Remind the secretariats (or the boards) of the steps of the year that are due within "
        "a few working days or overdue; each reminder is sent once."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--today",
            type=datetime.date.fromisoformat,
            help="The day to remind as of (YYYY-MM-DD); today by default.",
        )
        parser.add_argument(
            "--days-before",
            type=int,
            default=settings.REMINDER_WORKING_DAYS,
            help="Remind this many working days before a date (default: %(default)s).",
        )

    def handle(self, *args, today=None, days_before: int, **options):
        today = today or timezone.localdate()
        bloc_years = list(
            BlocYear.objects.filter(state=BlocYear.State.OPEN).select_related("bloc__province")
        )
        progress = year_progress(bloc_years, today=today)
        people = _people(bloc_years)
        days_off = defaultdict(set)
        for province_id, day in DayOff.objects.values_list("province_id", "day"):
            days_off[province_id].add(day)
        told = 0
        for bloc_year in bloc_years:
            province_id = bloc_year.bloc.province_id
            for item in progress[bloc_year.pk]:
                if item.state == DUE:
                    ahead = working_days_between(today, item.due_on, days_off[province_id])
                    if ahead > days_before:
                        continue
                elif item.state != OVERDUE:
                    continue
                waits_on = item.step.waits_on
                users = (
                    people["board", province_id]
                    if waits_on == BOARD
                    else people[SECRETARIAT, bloc_year.pk]
                )
                told += len(
                    notify(
                        users=users,
                        subject=_subject(item, bloc_year),
                        url=item.url,
                        key=f"{item.state}:{bloc_year.pk}:{item.step.key}:{item.due_on}",
                    )
                )
        self.stdout.write(_("%(count)d reminders sent.") % {"count": told})


def _subject(item, bloc_year: BlocYear) -> str:
    values = {
        "step": item.step.label,
        "bloc": bloc_year.bloc.name,
        "year": bloc_year.year,
        "date": page_date(item.due_on),
    }
    if item.state == OVERDUE:
        return _("Overdue since %(date)s: %(step)s, %(bloc)s, %(year)d") % values
    return _("Due by %(date)s: %(step)s, %(bloc)s, %(year)d") % values


def _people(bloc_years: list[BlocYear]) -> dict[tuple[str, int], list[User]]:
    """Return the active accounts of each bloc-year's secretariat and each province's board,
    in two queries."""
    people: dict[tuple[str, int], list[User]] = defaultdict(list)
    by_unit = defaultdict(list)
    for user in User.objects.filter(is_active=True).exclude(province=None, unit=None):
        if user.province_id:
            people["board", user.province_id].append(user)
        else:
            by_unit[user.unit_id].append(user)
    leaders = Membership.objects.filter(bloc_year__in=bloc_years).exclude(
        role=Membership.Role.MEMBER
    )
    for bloc_year_id, unit_id in leaders.values_list("bloc_year_id", "unit_id"):
        people[SECRETARIAT, bloc_year_id].extend(by_unit[unit_id])
    return people
