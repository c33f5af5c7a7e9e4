"""What the models of every app share; core has no tables of its own."""

from __future__ import annotations

import datetime
from typing import ClassVar

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import capfirst

from core.dates import year_window_error
from core.text import nfc


class CleanTextModel(models.Model):
    """A model whose text fields are stored trimmed and NFC-normalised."""

    class Meta:
        abstract = True

    def clean_fields(self, exclude=None):
        for field in self._meta.concrete_fields:
            if isinstance(field, models.CharField | models.TextField) and not field.choices:
                value = getattr(self, field.attname)
                if isinstance(value, str):
                    setattr(self, field.attname, nfc(value))
        super().clean_fields(exclude=exclude)


class YearDatedModel(CleanTextModel):
    """A record of a bloc-year whose dates, the fields `year_dates` names, lie in the period of
    its year (core.dates.year_window)."""

    year_dates: ClassVar[tuple[str, ...]] = ()

    class Meta:
        abstract = True

    def dated_year(self) -> int | None:
        """Return the year of the record's bloc-year, or None while it is not known yet; by
        default that of its `bloc_year`."""
        return self.bloc_year.year if self.bloc_year_id else None

    def clean_fields(self, exclude=None):
        errors: dict = {}
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        names = [name for name in self.year_dates if name not in set(exclude or ()) | errors.keys()]
        year = self.dated_year() if names else None
        for name in names if year else ():
            day = getattr(self, name)
            if not isinstance(day, datetime.date):
                continue
            label = capfirst(self._meta.get_field(name).verbose_name)
            message = year_window_error(day, year, label=label)
            if message:
                errors[name] = [ValidationError(message, code="date_out_of_year")]
        if errors:
            raise ValidationError(errors)
