"""Forms of the province's award rules and of its legal texts."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Fieldset, Layout, Submit
from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from awards.models import AwardRules, LegalBasis
from awards.services.regulations import (
    AWARD_RULES_FIELDS,
    LEGAL_BASIS_FIELDS,
    NATIONAL_KINDS,
    PROVINCE_KINDS,
)
from blocs.models import MAX_YEAR, MIN_YEAR
from core.forms import HiddenFieldsChecked


class AwardRulesForm(HiddenFieldsChecked, forms.ModelForm):
    """The rules a province sets from a year on; the version guards against a stale save."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = AwardRules
        fields = list(AWARD_RULES_FIELDS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        editing = self.instance.pk is not None
        self.fields["version"].required = editing
        self.fields["version"].initial = self.instance.version
        year = self.fields["from_year"]
        year.validators += [MinValueValidator(MIN_YEAR), MaxValueValidator(MAX_YEAR)]
        year.widget.attrs.update(min=MIN_YEAR, max=MAX_YEAR)
        self.fields["vote_threshold_percent"].validators.append(MaxValueValidator(100))
        self.fields["vote_threshold_percent"].widget.attrs["max"] = 100
        self.fields["basis"].queryset = LegalBasis.objects.filter(
            province_id=self.instance.province_id
        )
        self.helper = FormHelper()
        self.helper.layout = Layout(
            "version",
            Div(Div(Field("from_year"), css_class="col-sm-4"), css_class="row"),
            Fieldset(
                _("Conference and vote"),
                Div(
                    Div(Field("quorum_numerator"), css_class="col"),
                    Div(Field("quorum_denominator"), css_class="col"),
                    css_class="row",
                ),
                "vote_threshold_percent",
                "nomination_without_ballot",
            ),
            Fieldset(
                _("Quotas"),
                "flags_per_bloc",
                Div(
                    Div(Field("large_bloc_members"), css_class="col"),
                    Div(Field("flags_per_large_bloc"), css_class="col"),
                    css_class="row",
                ),
                "merits_per_bloc",
            ),
            "basis",
            "note",
        )
        self.helper.add_input(Submit("submit", _("Save")))

    def clean(self):
        data = super().clean()
        large, flags = data.get("large_bloc_members"), data.get("flags_per_large_bloc")
        if (large is None) != (flags is None) and not self.has_error("large_bloc_members"):
            message = _("Give both the size of a large bloc and its flag quota, or neither.")
            self.add_error(
                "large_bloc_members" if large is None else "flags_per_large_bloc", message
            )
        numerator, denominator = data.get("quorum_numerator"), data.get("quorum_denominator")
        if None not in (numerator, denominator) and not 1 <= numerator <= denominator:
            self.add_error("quorum_numerator", _("The quorum must be a fraction between 0 and 1."))
        return data


class LegalBasisForm(HiddenFieldsChecked, forms.ModelForm):
    """A legal text with the dates it applies; national texts and the province's own differ in
    their kinds."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = LegalBasis
        fields = list(LEGAL_BASIS_FIELDS)
        widgets = {
            "effective_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "effective_to": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "citation": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        editing = self.instance.pk is not None
        self.fields["version"].required = editing
        self.fields["version"].initial = self.instance.version
        kinds = NATIONAL_KINDS if self.instance.province_id is None else PROVINCE_KINDS
        self.fields["kind"].choices = [
            (value, label) for value, label in LegalBasis.Kind.choices if value in kinds
        ]
        if not editing and self.instance.province_id is not None:
            self.initial.setdefault("kind", LegalBasis.Kind.PROVINCE)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            "version",
            Div(
                Div(Field("kind"), css_class="col-sm-6"),
                Div(Field("number"), css_class="col-sm-6"),
                css_class="row",
            ),
            "citation",
            Div(
                Div(Field("effective_from"), css_class="col-sm-6"),
                Div(Field("effective_to"), css_class="col-sm-6"),
                css_class="row",
            ),
            "cite_in_documents",
            "position",
            "note",
        )
        self.helper.add_input(Submit("submit", _("Save")))

    def clean(self):
        data = super().clean()
        starts, ends = data.get("effective_from"), data.get("effective_to")
        if None not in (starts, ends) and ends < starts:
            self.add_error("effective_to", _("A text cannot stop applying before it starts."))
        return data
