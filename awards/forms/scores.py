from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from awards.models import Criterion
from core.forms import HiddenFieldsChecked


class CriterionForm(forms.ModelForm):
    """A section (leave the section empty) or a criterion of a section."""

    max_points = forms.DecimalField(
        label=_("Max points"), min_value=0, max_digits=7, decimal_places=2, initial=0
    )

    class Meta:
        model = Criterion
        fields = ["parent", "title", "max_points", "kind"]
        labels = {"title": _("Section or criterion")}

    def __init__(self, *args, bloc_year, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.bloc_year = bloc_year
        self.fields["parent"].queryset = Criterion.objects.filter(
            bloc_year=bloc_year, parent=None
        ).order_by("position")
        self.fields["parent"].required = False
        self.fields["parent"].empty_label = _("(a new section)")
        self.helper = FormHelper()
        self.helper.form_action = reverse(
            "awards:criterion_add", args=[bloc_year.bloc_id, bloc_year.year]
        )
        self.helper.add_input(Submit("submit", _("Add")))


class CriterionEditForm(HiddenFieldsChecked, forms.Form):
    """A section's or criterion's title, max points and kind."""

    title = forms.CharField(label=_("Section or criterion"), max_length=500)
    max_points = forms.DecimalField(
        label=_("Max points"), min_value=0, max_digits=7, decimal_places=2
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=Criterion.Kind.choices)
    # A digest of the criterion as the form showed it: a concurrent edit is refused.
    fingerprint = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, criterion: Criterion, fingerprint: str, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "title": criterion.title,
                "max_points": criterion.max_points,
                "kind": criterion.kind,
                "fingerprint": fingerprint,
            },
        )
        super().__init__(*args, **kwargs)
        if not criterion.parent_id:  # a section is not scored: only its title matters
            self.fields["kind"].widget = forms.HiddenInput()
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Save")))


class ScoreSheetForm(HiddenFieldsChecked, forms.Form):
    """One unit's points on each criterion of the bloc-year: self-scores or bloc scores."""

    # A digest of the sheet as the form showed it: a sheet saved meanwhile is not overwritten.
    fingerprint = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, criteria, scores, which: str, fingerprint: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fingerprint"].initial = fingerprint
        self.criteria = [c for c in criteria if c.parent_id]
        for criterion in self.criteria:
            name = f"criterion_{criterion.pk}"
            score = scores.get(criterion.pk)
            self.fields[name] = forms.DecimalField(
                label=criterion.title,
                required=False,
                min_value=0,
                max_value=criterion.max_points,
                max_digits=7,
                decimal_places=2,
                help_text=_("At most %(max)s points.") % {"max": criterion.max_points},
            )
            if score is not None:
                self.initial[name] = getattr(score, which)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Save")))

    def values(self) -> dict:
        return {c.pk: self.cleaned_data[f"criterion_{c.pk}"] for c in self.criteria}
