"""The national formats of dates, times and numbers as template filters."""

from __future__ import annotations

from django import template

from core import formats

register = template.Library()

register.filter("ngay_thang", formats.ngay_thang)
register.filter("gio_phut", formats.gio_phut)
register.filter("number_text", formats.number_text)
