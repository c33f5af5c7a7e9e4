"""The forms of a bloc-year: the dashboard's year and the rules a bloc-year follows."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Fieldset, Layout, Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from blocs.models import BlocYear
from blocs.services.blocs import SETTINGS_FIELDS
from core.forms import HiddenFieldsChecked


class YearForm(forms.Form):
    """The year a board's dashboard shows."""

    year = forms.IntegerField(label=_("Year"), min_value=1990, max_value=2100)


class BlocYearSettingsForm(HiddenFieldsChecked, forms.ModelForm):
    """The rules a bloc-year follows: deputies, quorum, vote threshold, quotas, score scale."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = BlocYear
        fields = list(SETTINGS_FIELDS)
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version
        self.helper = FormHelper()
        self.helper.layout = Layout(
            "version",
            Fieldset(
                _("Leadership"), "max_deputies", "deputies_unknown", "rotation_lookback_years"
            ),
            Fieldset(
                _("Conference and vote"),
                Div(
                    Div(Field("quorum_numerator"), css_class="col"),
                    Div(Field("quorum_denominator"), css_class="col"),
                    css_class="row",
                ),
                "vote_threshold_percent",
            ),
            Fieldset(_("Quotas and scores"), "flag_quota", "merit_quota", "score_scale"),
            "note",
        )
        self.helper.add_input(Submit("submit", _("Save")))
