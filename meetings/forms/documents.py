"""The form that brings back an issued document's signed original."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import CleanTextMixin
from meetings.models import Attachment, SignedOriginal


class OriginalForm(CleanTextMixin, forms.Form):
    """A signed PDF or the scan of the signed paper, with a note for a scan."""

    kind = forms.ChoiceField(
        label=_("What comes back"),
        choices=SignedOriginal.Kind.choices,
        widget=forms.RadioSelect,
        initial=SignedOriginal.Kind.DIGITAL,
    )
    file = forms.FileField(
        label=_("File (PDF, at most 20 MB)"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=300,
        required=False,
        help_text=_("For a scan: who signed and sealed the paper, and when."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Keep the signed original")))


class AttachmentForm(CleanTextMixin, forms.ModelForm):
    """A file attached to the year's records: what it is, its title, the file."""

    file = forms.FileField(
        label=_("File (PDF, JPEG or PNG, at most 20 MB)"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png"}),
    )

    class Meta:
        model = Attachment
        fields = ["kind", "title"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
