"""What the forms of every app share: text kept as it will be stored, the version of the record
a form was loaded with, and the two steps of an Excel import."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _

from core.text import nfc


class HiddenFieldsChecked:
    """Say so when a field the page sends by itself (a version, a row's id, a signed token) comes
    back missing or altered: the user never sees that field, so its own error would re-render
    the form without a word. Its errors become one message at the top of the form; nothing is
    saved, and what the user typed stays on the form."""

    def full_clean(self):
        super().full_clean()
        if not self.is_bound or not self._errors:
            return
        hidden = [
            name
            for name in self._errors
            if name in self.fields and self.fields[name].widget.is_hidden
        ]
        for name in hidden:
            del self._errors[name]
        if hidden:
            self.add_error(None, ValidationError(HIDDEN_FIELDS_ALTERED, code="hidden_altered"))


HIDDEN_FIELDS_ALTERED = _(
    "The page sent this form incomplete or altered, so nothing was saved. Reload the page, then "
    "enter your changes again."
)


class CheckedFormSet(forms.BaseFormSet):
    """A list of rows that says, once above the list, that the page sent it incomplete or
    altered: its management data or a row's hidden field."""

    default_error_messages = {"missing_management_form": HIDDEN_FIELDS_ALTERED}

    def clean(self):
        super().clean()
        if any(form.has_error(NON_FIELD_ERRORS, "hidden_altered") for form in self.forms):
            raise ValidationError(HIDDEN_FIELDS_ALTERED, code="hidden_altered")


class CleanTextMixin:
    """Give back typed text NFC-normalised and trimmed, as it will be stored (some Vietnamese
    keyboards type letters decomposed)."""

    def clean(self):
        data = super().clean()
        for name, value in data.items():
            if isinstance(value, str):
                data[name] = nfc(value)
        return data


class VersionForm(HiddenFieldsChecked, forms.Form):
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


class ImportConfirmForm(HiddenFieldsChecked, forms.Form):
    """The confirmation of a previewed import: the checked rows travel signed."""

    token = forms.CharField(widget=forms.HiddenInput)
