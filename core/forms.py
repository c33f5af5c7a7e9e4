"""What the forms of every app share: text kept as it will be stored, the version of the record
a form was loaded with, and the two steps of an Excel import."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from core.text import nfc


class CleanTextMixin:
    """Give back typed text NFC-normalised and trimmed, as it will be stored (some Vietnamese
    keyboards type letters decomposed)."""

    def clean(self):
        data = super().clean()
        for name, value in data.items():
            if isinstance(value, str):
                data[name] = nfc(value)
        return data


class VersionForm(forms.Form):
    """The version of the record the user loaded, sent back with the save (0: not created yet)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class RowVersionField(forms.IntegerField):
    """The version of the row a form edits, as the user loaded it, in a hidden input. None sent
    counts as 0, a row not recorded yet, so that a form of a row someone recorded meanwhile is
    refused by the service."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(min_value=0, required=False, **kwargs)

    def clean(self, value) -> int:
        return super().clean(value) or 0


class SpreadsheetUploadForm(forms.Form):
    """An Excel list to import; it is checked and previewed, not yet written."""

    file = forms.FileField(
        label=_("Excel file (.xlsx)"),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Check the list"), css_class="btn-secondary"))


class ImportConfirmForm(forms.Form):
    """The confirmation of a previewed import: the checked rows travel signed."""

    token = forms.CharField(widget=forms.HiddenInput)
