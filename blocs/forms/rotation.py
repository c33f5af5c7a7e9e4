"""Changing a bloc's rotation order one step at a time: move a unit up or down, add, remove."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from blocs.models import Bloc
from core.forms import HiddenFieldsChecked
from units.models import Unit


class RotationChangeForm(HiddenFieldsChecked, forms.Form):
    """One change to the rotation order, made on the version of the order the user saw."""

    class Operation:
        UP, DOWN, REMOVE, ADD = "up", "down", "remove", "add"

    op = forms.ChoiceField(
        choices=[
            (Operation.UP, _("Move up")),
            (Operation.DOWN, _("Move down")),
            (Operation.REMOVE, _("Remove")),
            (Operation.ADD, _("Add at the end")),
        ],
        widget=forms.HiddenInput,
    )
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, bloc: Bloc, order: list[Unit], **kwargs):
        super().__init__(*args, **kwargs)
        self.bloc = bloc
        self.order = order
        self.fields["unit"].queryset = Unit.objects.filter(province_id=bloc.province_id)
        self.fields["version"].initial = bloc.version

    def clean(self):
        data = super().clean()
        op, unit = data.get("op"), data.get("unit")
        if op is None or unit is None:
            return data
        order = list(self.order)
        if op == self.Operation.ADD:
            if unit in order:
                self.add_error("unit", _("This unit is already in the rotation order."))
            order.append(unit)
        elif unit not in order:
            self.add_error("unit", _("This unit is not in the rotation order."))
        elif op == self.Operation.REMOVE:
            order.remove(unit)
        else:
            index = order.index(unit)
            other = index - 1 if op == self.Operation.UP else index + 1
            if 0 <= other < len(order):
                order[index], order[other] = order[other], order[index]
        data["new_order"] = order
        return data


class RotationAddForm(HiddenFieldsChecked, forms.Form):
    """The form that adds a unit of the province at the end of the order."""

    op = forms.CharField(widget=forms.HiddenInput, initial=RotationChangeForm.Operation.ADD)
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, bloc: Bloc, order: list[Unit], **kwargs):
        super().__init__(*args, **kwargs)
        in_order = [unit.pk for unit in order]
        self.fields["unit"].queryset = (
            Unit.objects.filter(province_id=bloc.province_id, merged_into__isnull=True)
            .exclude(pk__in=in_order)
            .order_by("short_name")
        )
        self.fields["version"].initial = bloc.version


class RotationOrderForm(HiddenFieldsChecked, forms.Form):
    """The whole rotation order on one form: a number for each unit in it, empty for a unit
    out of it; the units of the province not in the order can be numbered in."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, bloc: Bloc, order: list[Unit], **kwargs):
        super().__init__(*args, **kwargs)
        others = Unit.objects.filter(province_id=bloc.province_id, merged_into__isnull=True)
        others = others.exclude(pk__in=[unit.pk for unit in order]).order_by("short_name")
        self.units = [*order, *others]
        self.fields["version"].initial = bloc.version
        for index, unit in enumerate(self.units, start=1):
            self.fields[f"position_{unit.pk}"] = forms.IntegerField(
                label=str(unit),
                required=False,
                min_value=1,
                max_value=1000,
                initial=index if index <= len(order) else None,
                widget=forms.NumberInput(attrs={"class": "form-control form-control-sm"}),
            )

    def rows(self):
        """Return each unit with its number field, in the order the form lists them."""
        return [(unit, self[f"position_{unit.pk}"]) for unit in self.units]

    def clean(self):
        data = super().clean()
        numbered = [
            (data[f"position_{unit.pk}"], unit)
            for unit in self.units
            if data.get(f"position_{unit.pk}") is not None
        ]
        taken: dict[int, Unit] = {}
        for number, unit in numbered:
            if number in taken:
                self.add_error(
                    f"position_{unit.pk}",
                    _("%(other)s has number %(n)d already.")
                    % {"other": taken[number], "n": number},
                )
            taken[number] = unit
        data["new_order"] = [unit for _number, unit in sorted(numbered, key=lambda pair: pair[0])]
        return data
