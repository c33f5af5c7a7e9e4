"""The pledge's forms: its header, its items as a list, and a member unit's signature."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Layout, Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from blocs.models import Pledge, PledgeSignature
from core.forms import CheckedFormSet, CleanTextMixin, HiddenFieldsChecked, RowVersionField

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PledgeForm(HiddenFieldsChecked, CleanTextMixin, forms.ModelForm):
    """The pledge's header: its title, preamble, and where and when it was signed."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    class Meta:
        model = Pledge
        fields = ["title", "preamble", "signed_on", "place"]
        widgets = {"preamble": forms.Textarea(attrs={"rows": 5}), "signed_on": DATE_INPUT}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version if self.instance.pk else 0
        self.helper = FormHelper()
        self.helper.layout = Layout(
            "version",
            "title",
            "preamble",
            Div(
                Div(Field("signed_on"), css_class="col-md-4"),
                Div(Field("place"), css_class="col-md-8"),
                css_class="row",
            ),
        )
        self.helper.add_input(Submit("submit", _("Save")))


class PledgeItemForm(HiddenFieldsChecked, CleanTextMixin, forms.Form):
    """One content of the pledge and its target."""

    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    content = forms.CharField(label=_("Content"), widget=forms.Textarea(attrs={"rows": 2}))
    target = forms.CharField(
        label=_("Target"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ItemsFormSet(CheckedFormSet):
    """A numbered list: the ORDER column renumbers it, DELETE takes an item out."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        # New rows come numbered after the existing ones, so that typing into one is enough.
        if index is not None and index >= self.initial_form_count():
            form.fields["ORDER"].initial = index + 1
        form.fields["ORDER"].widget.attrs.update({"class": "order-input"})

    def rows(self) -> list[dict]:
        """Return the items to keep, in their new order, as the services take them."""
        return [
            {
                name: value
                for name, value in form.cleaned_data.items()
                if name not in ("ORDER", "DELETE")
            }
            for form in self.ordered_forms
        ]


def items_formset(form_class, *, extra: int = 3):
    """Return a formset class for a numbered list of these forms, laid out as a table."""
    return forms.formset_factory(
        form_class, formset=ItemsFormSet, extra=extra, can_order=True, can_delete=True
    )


PledgeItemFormSet = items_formset(PledgeItemForm)


def table_helper() -> FormHelper:
    """Lay a formset out as a table inside a form the template writes."""
    helper = FormHelper()
    helper.form_tag = False
    helper.template = "bootstrap5/table_inline_formset.html"
    return helper


class PledgeSignatureForm(HiddenFieldsChecked, CleanTextMixin, forms.ModelForm):
    """Who signed the pledge for a member unit, with what title, and when."""

    version = RowVersionField()

    class Meta:
        model = PledgeSignature
        fields = ["signatory_name", "signatory_title", "signed_on"]
        widgets = {"signed_on": DATE_INPUT}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A title without a name says nothing; the name alone may be missing from a past year's
        # record (the model's help text says so), and then the title too.
        self.fields["version"].initial = self.instance.version if self.instance.pk else 0
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Save the signature")))

    def clean(self):
        data = super().clean()
        if data.get("signatory_title") and not data.get("signatory_name"):
            self.add_error("signatory_name", _("Give the name of whoever signed with this title."))
        return data


class SignatureRowForm(HiddenFieldsChecked, CleanTextMixin, forms.Form):
    """A member unit's row on the form of all the signatures: ticked when it signed."""

    membership = forms.IntegerField(widget=forms.HiddenInput)
    version = RowVersionField()
    signed = forms.BooleanField(label=_("Signed"), required=False)
    signatory_name = forms.CharField(label=_("Signatory"), max_length=150, required=False)
    signatory_title = forms.CharField(label=_("Title"), max_length=150, required=False)
    signed_on = forms.DateField(label=_("Signed on"), required=False, widget=DATE_INPUT)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("signatory_name", "signatory_title", "signed_on"):
            self.fields[name].widget.attrs["class"] = "form-control form-control-sm"
        self.fields["signed"].widget.attrs["class"] = "form-check-input"

    def clean(self):
        data = super().clean()
        if data.get("signed") and not data.get("signed_on"):
            self.add_error("signed_on", _("Give the day the unit signed."))
        if data.get("signatory_title") and not data.get("signatory_name"):
            self.add_error("signatory_name", _("Give the name of whoever signed with this title."))
        return data


SignatureRowFormSet = forms.formset_factory(SignatureRowForm, formset=CheckedFormSet, extra=0)
