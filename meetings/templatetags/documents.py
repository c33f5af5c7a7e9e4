"""Filters for official documents in the national format (Nghị định 30/2020/NĐ-CP)."""

from __future__ import annotations

import datetime

from django import template

register = template.Library()


@register.filter
def ngay_thang(day: datetime.date | None) -> str:
    """Write a date as documents do: "ngày 05 tháng 02 năm 2021", "ngày 15 tháng 3 năm 2021".

    Days below 10 and the months January and February take a leading zero; other months don't.
    """
    if not day:
        return "ngày …… tháng …… năm ……"
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


@register.filter
def gio_phut(moment: datetime.time | None) -> str:
    """Write a time of day as documents do: "14 giờ 30 phút", "8 giờ 00 phút"."""
    if not moment:
        return "…… giờ …… phút"
    return f"{moment.hour} giờ {moment.minute:02d} phút"
