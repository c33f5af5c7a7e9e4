"""What the models of every app share; core has no tables of its own."""

from __future__ import annotations

from django.db import models

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
