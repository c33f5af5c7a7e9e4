"""The forms of accounts: logging in, a password by e-mail, the accounts a board manages, a
person's own profile, and a new province with its first board account."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.forms import CleanTextMixin, HiddenFieldsChecked
from core.mail import mail_queue
from core.text import ascii_slug
from units.models import Province, Unit, User
from units.services.accounts import ACCOUNT_FIELDS, PROFILE_FIELDS, PROVINCE_FIELDS

BOARD = "board"
USERNAME_HELP = _("What the person types to log in: letters, digits, . and _.")


class UniqueEmailMixin:
    """Say on the e-mail field that another account uses the address (case is ignored)."""

    def clean_email(self):
        email = self.cleaned_data["email"]
        if not email:
            return email
        email = User.objects.normalize_email(email)
        others = User.objects.filter(email__iexact=email).exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(_("Another account already uses this e-mail address."))
        return email


class LoginForm(AuthenticationForm):
    """The login form, laid out by crispy forms."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Log in"), css_class="w-100"))


class PasswordByMailForm(PasswordResetForm):
    """Ask for a link to set a new password; the mail is queued for the worker.

    An account that never set its password (its invitation was lost or expired) may ask too.
    """

    def get_users(self, email):
        return User.objects.filter(email__iexact=email, is_active=True)

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        to_email = args[1] if len(args) > 1 else kwargs["to_email"]
        context["url"] = "{protocol}://{domain}{path}".format(
            path=reverse("password_reset_confirm", args=[context["uid"], context["token"]]),
            **context,
        )
        mail_queue(
            template=email_template_name.removesuffix(".txt"), context=context, to=[to_email]
        )


class AccountForm(UniqueEmailMixin, HiddenFieldsChecked, CleanTextMixin, forms.ModelForm):
    """An account of the province: where its owner works (the board or one of the province's
    units, by its full name), who they are and how to reach them."""

    workplace = forms.ChoiceField(label=_("Works at"))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = User
        fields = ["username", *ACCOUNT_FIELDS]
        help_texts = {"username": USERNAME_HELP}

    def __init__(self, *args, province: Province, **kwargs):
        super().__init__(*args, **kwargs)
        self.province = province
        self.units = {
            str(unit.pk): unit
            for unit in Unit.objects.filter(province=province, merged_into__isnull=True).order_by(
                "full_name"
            )
        }
        board = province.board_name or _("The emulation board of %(province)s") % {
            "province": province.full_name
        }
        self.fields["workplace"].choices = [
            ("", "—"),
            (BOARD, board),
            (_("Units"), [(pk, unit.full_name) for pk, unit in self.units.items()]),
        ]
        self.fields["email"].required = True
        self.fields["email"].help_text = _("The link to set the password is sent here.")
        if self.instance.pk:
            del self.fields["username"]
            self.fields["version"].initial = self.instance.version
            self.fields["workplace"].initial = (
                str(self.instance.unit_id) if self.instance.unit_id else BOARD
            )
        else:
            del self.fields["version"]
        self.fields["full_name"].required = True
        self.helper = FormHelper()
        self.helper.add_input(
            Submit("submit", _("Save") if self.instance.pk else _("Open the account"))
        )

    @property
    def unit(self) -> Unit | None:
        return self.units.get(self.cleaned_data["workplace"])

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in ACCOUNT_FIELDS}


class ProfileForm(UniqueEmailMixin, HiddenFieldsChecked, CleanTextMixin, forms.ModelForm):
    """What a person says of themselves."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = User
        fields = list(PROFILE_FIELDS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        self.fields["email"].help_text = _(
            "Notifications and the link to reset your password are sent here."
        )
        self.fields["version"].initial = self.instance.version
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Save")))


class ProvinceForm(CleanTextMixin, forms.ModelForm):
    """A new province: its name, kind, code in addresses and its board's name."""

    class Meta:
        model = Province
        fields = list(PROVINCE_FIELDS)
        help_texts = {
            "code": _(
                "Plain letters and hyphens, used in the addresses of its pages. Left empty, it "
                "is made from the name: Điện Biên gives dien-bien."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].required = False
        self.fields["board_name"].required = True
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean(self):
        data = super().clean()
        if not data.get("code") and data.get("name"):
            data["code"] = ascii_slug(data["name"])
            self.instance.code = data["code"]
            if Province.objects.filter(code=data["code"]).exists():
                self.add_error(
                    "code",
                    _("The code %(code)s is taken: type another one.") % {"code": data["code"]},
                )
        return data


class FirstAccountForm(UniqueEmailMixin, CleanTextMixin, forms.ModelForm):
    """The first account of a new province's board."""

    class Meta:
        model = User
        fields = ["username", *ACCOUNT_FIELDS]
        help_texts = {"username": USERNAME_HELP}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["full_name"].required = True
        self.fields["email"].required = True
        self.fields["email"].help_text = _("The link to set the password is sent here.")
        # Inside the page's one form, after the province's fields.
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.add_input(Submit("submit", _("Open the province")))

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in ("username", *ACCOUNT_FIELDS)}
