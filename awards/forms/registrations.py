"""The form of a title a member unit registers for."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from awards.models import AwardType, Registration
from blocs.models import Membership


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
