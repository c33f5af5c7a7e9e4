"""The forms of issued documents: bringing back a signed original, attaching a file, and the
public check of a copy."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import CleanTextMixin
from meetings.attachables import record_choices, record_chosen
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
    """A file attached to the year's records: what it is, the record it belongs to, its title,
    the file."""

    record = forms.ChoiceField(
        label=_("Belongs to"),
        required=False,
        error_messages={"invalid_choice": _("This record is not one of the year's.")},
        help_text=_(
            "The decision or ballot round of the year this file is the paper of, when it is "
            "recorded here."
        ),
    )
    file = KeptFileField(
        label=_("File (PDF, JPEG or PNG, at most 20 MB)"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png"}),
    )

    field_order = ["kind", "record", "title", "file"]

    class Meta:
        model = Attachment
        fields = ["kind", "title"]

    def __init__(self, *args, bloc_year, **kwargs):
        super().__init__(*args, **kwargs)
        self.bloc_year = bloc_year
        self.fields["record"].choices = [
            ("", _("— none of the recorded ones —")),
            *record_choices(bloc_year),
        ]
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean(self):
        cleaned = super().clean()
        value = cleaned.get("record")
        cleaned["record"] = None
        if value:
            chosen = record_chosen(self.bloc_year, value)
            if chosen is None:
                self.add_error("record", _("This record is not one of the year's."))
            elif cleaned.get("kind") and chosen[0] != cleaned["kind"]:
                self.add_error("record", _("This record is not of the kind of file chosen above."))
            else:
                cleaned["record"] = chosen[1]
        return cleaned


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
