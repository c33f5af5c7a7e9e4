"""Dates, times and numbers written the national way (Nghị định 30/2020/NĐ-CP), the same on a
page and in a document."""

from __future__ import annotations

import datetime
from decimal import Decimal


def ngay_thang(day: datetime.date | None) -> str:
    """Write a date as documents do: "ngày 05 tháng 02 năm 2021", "ngày 15 tháng 3 năm 2021".

    Days below 10 and the months January and February take a leading zero; other months don't.
    """
    if not day:
        return "ngày …… tháng …… năm ……"
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def gio_phut(moment: datetime.time | None) -> str:
    """Write a time of day as documents do: "14 giờ 30 phút", "8 giờ 00 phút"."""
    if not moment:
        return "…… giờ …… phút"
    return f"{moment.hour} giờ {moment.minute:02d} phút"


def and_list(items: list[str]) -> str:
    """Join names as a sentence does: "A", "A và B", "A, B và C"."""
    if len(items) < 3:
        return " và ".join(items)
    return f"{', '.join(items[:-1])} và {items[-1]}"


def page_date(day: datetime.date) -> str:
    """Write a date as the pages do, in a message: "21/05/2020" (documents use `ngay_thang`)."""
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def number_text(value: Decimal | float | int) -> str:
    """Write a number as Vietnamese documents do: a decimal comma, no trailing zeros
    (95.50 → "95,5", 66.666… → "66,67", 100.0 → "100")."""
    rounded = Decimal(str(round(float(value), 2))).quantize(Decimal("0.01"))
    text = f"{rounded:f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text.replace(".", ",")


def count_text(count: int) -> str:
    """Write a count of two digits at least, as documents do: 1 → "01", 12 → "12"."""
    return f"{count:02d}"
