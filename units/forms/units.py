"""The forms of a unit: its details, a new unit, and a unit named as it was in a year."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from core.dates import sane_date
from core.forms import CleanTextMixin, HiddenFieldsChecked
from units.models import Province, Unit
from units.services.units import UNIT_EDITABLE_FIELDS


class UnitForm(HiddenFieldsChecked, CleanTextMixin, forms.ModelForm):
    """A unit's current details; a rename with a date keeps the old name as history."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    renamed_on = forms.DateField(
        label=_("The name changed on"),
        required=False,
        validators=[sane_date],
        help_text=_(
            "Fill in when the unit was renamed: the old name is kept for the records before "
            "that day. Leave empty to correct a typo."
        ),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    rename_basis = forms.CharField(label=_("Basis of the rename"), required=False, max_length=250)

    class Meta:
        model = Unit
        fields = list(UNIT_EDITABLE_FIELDS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Save")))


class UnitCreateForm(CleanTextMixin, forms.ModelForm):
    """A new unit of the province: its names, head office and leader."""

    class Meta:
        model = Unit
        fields = list(UNIT_EDITABLE_FIELDS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Create the unit")))


class UnitInYearChoiceField(forms.ModelChoiceField):
    """A unit, named as it was at the end of `year`: the name that year's records carry."""

    year: int | None = None

    def label_from_instance(self, obj) -> str:
        return obj.name_in_year(self.year).short_name if self.year else obj.short_name


class ProvinceTermsForm(HiddenFieldsChecked, CleanTextMixin, forms.ModelForm):
    """What the province's rules call a bloc's head and deputies."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Province
        fields = ["head_term", "deputy_term"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Save")))
