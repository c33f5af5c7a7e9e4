"""The form of the bloc's submission (tờ trình) of its nominations."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Layout, Submit
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import HiddenFieldsChecked


class SendForm(forms.Form):
    """The day the dossier goes out: today, or the day a past year's record gives."""

    sent_on = forms.DateField(
        label=_("Date sent"),
        required=False,  # today
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class SubmissionForm(HiddenFieldsChecked, forms.Form):
    date = forms.DateField(
        label=_("Date of the submission"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    signer_name = forms.CharField(
        label=_("Signed by"),
        max_length=150,
        help_text=_("The head unit's leader, who signs for the bloc."),
    )
    signer_title = forms.CharField(
        label=_("Signer's title"), max_length=150, help_text=_("For example: Chỉ huy trưởng.")
    )
    summary = forms.CharField(
        label=_("Achievements"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "What the tờ trình says of the year's movement and the nominees' results; one "
            "paragraph a line."
        ),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, submit_label, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Div(
                Div("date", css_class="col-md-3"),
                Div("signer_name", css_class="col-md-4"),
                Div("signer_title", css_class="col-md-5"),
                css_class="row",
            ),
            "summary",
            "version",
        )
        self.helper.add_input(Submit("save", submit_label))
