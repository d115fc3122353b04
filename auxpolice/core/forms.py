from django import forms
from django.utils.translation import gettext_lazy as _

from . import access_log
from .errors import DomainError
from .models import Agency
from .services import AGENCY_EDITABLE_FIELDS
from .widgets import IsoDateInput


def apply_domain_error(form: forms.BaseForm, error: DomainError, request=None) -> None:
    """Show a refused service call on the form: on its field when the form has it. Given the request, a
    refusal that cites articles is also shown as a message, with its citations."""
    form.add_error(error.field if error.field in form.fields else None, str(error.message))
    if request is not None and error.citations:
        message_domain_error(request, error)


class AgencyForm(forms.Form):
    """The agency's editable details; a plain form so the service sees the unchanged instance."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(forms.fields_for_model(Agency, fields=AGENCY_EDITABLE_FIELDS))


class ApplicantRegistrationForm(forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150)
    full_name = forms.CharField(label=_("Full name"), max_length=60)
    phone = forms.CharField(
        label=_("Mobile phone"),
        max_length=20,
        help_text=_("A code is texted to this number to finish the registration."),
    )
    email = forms.EmailField(label=_("Email"), required=False)
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput, strip=False)
    password_again = forms.CharField(label=_("Password again"), widget=forms.PasswordInput, strip=False)

    def clean(self):
        data = super().clean()
        if data.get("password") and data.get("password") != data.get("password_again"):
            self.add_error("password_again", _("The two passwords differ."))
        return data


class RegistrationCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from the text message"),
        max_length=12,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )


def message_domain_error(request, error: DomainError) -> None:
    """A refused action as a page message, naming the articles it rests on."""
    from django.contrib import messages

    cited = "；".join(dict.fromkeys(c.label_zh for c in error.citations))
    messages.error(request, f"{error.message}" + (f"（依据：{cited}）" if cited else ""))


class AccessLogFilterForm(forms.Form):
    person = forms.CharField(label=_("Whose record (name begins with)"), required=False, max_length=60)
    user = forms.CharField(label=_("Who (username)"), required=False, max_length=150)
    kind = forms.ChoiceField(
        label=_("What"),
        required=False,
        choices=[("", "—"), *[(k, v) for k, v in access_log.KIND_LABELS.items() if ":" not in k]],
    )
    since = forms.DateField(label=_("From"), required=False, widget=IsoDateInput())
    until = forms.DateField(label=_("To"), required=False, widget=IsoDateInput())
