"""The forms that change a bloc-year's member list; each carries the list's version."""

from __future__ import annotations

from django import forms
from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from blocs.models import BlocYear, Membership
from core.forms import HiddenFieldsChecked
from units.models import Unit


class MembersVersionForm(HiddenFieldsChecked, forms.Form):
    """The version of the member list the user saw; a change since then refuses the form."""

    members_version = forms.IntegerField(widget=forms.HiddenInput)


class UnitChoiceField(forms.ModelChoiceField):
    """A unit, named with the bloc it is already in that year, if any."""

    def label_from_instance(self, obj) -> str:
        label = obj.short_name
        if obj.abbreviation:
            label += f" ({obj.abbreviation})"
        if getattr(obj, "bloc_this_year", None):
            label += " — " + gettext("in %(bloc)s") % {"bloc": obj.bloc_this_year}
        return label


class MemberAddForm(MembersVersionForm):
    """A unit of the province to add to the year."""

    unit = UnitChoiceField(queryset=Unit.objects.none(), label=_("Unit to add"))

    def __init__(self, *args, bloc_year: BlocYear, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members_version"].initial = bloc_year.members_version
        # Units in another bloc this year stay listed, marked with it: choosing one is refused
        # with the name of that bloc, which tells more than a missing entry.
        bloc_this_year = Membership.objects.filter(unit=OuterRef("pk"), year=bloc_year.year)
        self.fields["unit"].queryset = (
            Unit.objects.filter(province_id=bloc_year.bloc.province_id, merged_into=None)
            .exclude(memberships__bloc_year=bloc_year)
            .annotate(bloc_this_year=Subquery(bloc_this_year.values("bloc_year__bloc__name")[:1]))
            .order_by("short_name")
        )
