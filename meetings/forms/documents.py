"""The forms of issued documents: bringing back a signed original, attaching a file, and the
public check of a copy."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import CleanTextMixin
from meetings.models import Attachment, SignedOriginal
from meetings.models.documents import KeptFile


class KeptFileField(forms.FileField):
    """A file up to the size the app keeps, refused before it is read when larger."""

    def validate(self, value):
        super().validate(value)
        if value and value.size > KeptFile.MAX_SIZE:
            raise forms.ValidationError(_("The file is larger than 20 MB."))


class OriginalForm(CleanTextMixin, forms.Form):
    """A signed PDF or the scan of the signed paper, with a note for a scan."""

    kind = forms.ChoiceField(
        label=_("What comes back"),
        choices=SignedOriginal.Kind.choices,
        widget=forms.RadioSelect,
        initial=SignedOriginal.Kind.DIGITAL,
    )
    file = KeptFileField(
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

    file = KeptFileField(
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


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Verification code"),
        max_length=20,
        help_text=_("Printed beside the QR code at the foot of the document."),
    )


class CopyForm(forms.Form):
    file = KeptFileField(
        label=_("The file to check"),
        help_text=_("The PDF you received or downloaded, at most 20 MB."),
    )
