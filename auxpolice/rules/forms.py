from django import forms
from django.utils.translation import gettext_lazy as _

from .settings_registry import SPECS


class AgencySettingForm(forms.Form):
    key = forms.ChoiceField(label=_("Setting"), choices=[(key, spec.label) for key, spec in SPECS.items()])
    value = forms.CharField(
        label=_("Value"),
        max_length=500,
        help_text=_("A number, yes/no, or codes separated by commas, as the setting needs."),
    )
    basis = forms.CharField(
        label=_("Basis"),
        max_length=200,
        help_text=_("Who decided it and where it is written, e.g. a document number."),
    )
