"""The form of a nominee's achievement report."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout
from django import forms
from django.utils.translation import gettext_lazy as _

from awards.models import AchievementReport, ReportFile
from core.forms import CleanTextMixin, HiddenFieldsChecked
from meetings.forms.documents import KeptFileField

TEXT_AREAS = ("particulars", "functions", "achievements", "measures", "party_work")
REPORT_FIELDS = [
    "parent_body",
    "date",
    *TEXT_AREAS,
    "earlier_honours",
    "head_title",
    "head_name",
]


class ReportForm(HiddenFieldsChecked, CleanTextMixin, forms.ModelForm):
    """The sections of the report as the national template orders them; the version guards
    against a stale save (0 while none is written)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    class Meta:
        model = AchievementReport
        fields = REPORT_FIELDS
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            **{name: forms.Textarea(attrs={"rows": 6}) for name in TEXT_AREAS},
            "earlier_honours": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version if self.instance.pk else 0
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Fieldset(_("Header and signature"), "parent_body", "date", "head_title", "head_name"),
            Fieldset(_("I. Particulars"), "particulars", "functions"),
            Fieldset(_("II. Achievements"), "achievements", "measures", "party_work"),
            Fieldset(_("III. Titles and awards received"), "earlier_honours"),
            "version",
        )


class ReportFileForm(forms.Form):
    """A nominee's signed report, as a PDF."""

    kind = forms.ChoiceField(label=_("What the file is"), choices=ReportFile.Kind.choices)
    file = KeptFileField(
        label=_("File (PDF, at most 20 MB)"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
