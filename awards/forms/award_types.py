"""The form of a province's award type."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from awards.models import AwardType
from awards.services.award_types import AWARD_TYPE_EDITABLE_FIELDS
from core.forms import HiddenFieldsChecked


class AwardTypeForm(HiddenFieldsChecked, forms.ModelForm):
    """An award type's name, kind and order; the version guards against a stale save."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = AwardType
        fields = list(AWARD_TYPE_EDITABLE_FIELDS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        editing = self.instance.pk is not None
        self.fields["version"].required = editing
        self.fields["version"].initial = self.instance.version
        if not editing:
            # A new type goes after the others unless the board says otherwise.
            self.initial["position"] = AwardType.objects.next_position(self.instance.province_id)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Save")))
