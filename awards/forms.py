from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from awards.models import AwardType, Registration
from awards.services import AWARD_TYPE_EDITABLE_FIELDS
from blocs.models import Membership


class AwardTypeForm(forms.ModelForm):
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


class RegistrationForm(forms.ModelForm):
    """A title a member unit registers for: one of the province's award types in use."""

    class Meta:
        model = Registration
        fields = ["award_type", "registered_on", "document_number", "note"]
        widgets = {"registered_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, membership: Membership, **kwargs):
        bloc_year = membership.bloc_year
        kwargs.setdefault("instance", Registration(membership=membership))
        today = timezone.localdate()
        # Offer today only where it is a valid date, not when a past year is filled in.
        if today.year in (bloc_year.year - 1, bloc_year.year):
            kwargs.setdefault("initial", {"registered_on": today})
        super().__init__(*args, **kwargs)
        self.fields["award_type"].queryset = AwardType.objects.active().filter(
            province_id=bloc_year.bloc.province_id
        )
        self.fields["award_type"].empty_label = None
        self.helper = FormHelper()
        self.helper.form_action = reverse(
            "awards:registration_add", args=[bloc_year.bloc_id, bloc_year.year, membership.unit_id]
        )
        self.helper.add_input(Submit("submit", _("Register")))
