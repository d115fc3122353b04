"""One way to choose an agency in any form: AgencyChoiceField over the agencies in the person's scope, shown
as a searchable picker (widgets.AgencyPickerInput + static/js/agency_picker.js + the `agency_lookup` view)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .widgets import AgencyPickerInput

LOOKUP_LIMIT = 20


class AgencyChoiceField(forms.ModelChoiceField):
    default_error_messages = {
        "invalid_choice": _(
            "No agency in your scope has this code; type a code or a name and pick from the list."
        ),
    }
    widget = AgencyPickerInput

    def to_python(self, value):
        if value in self.empty_values:
            return None
        found = agency_typed(self.queryset, str(value))
        if found is None:
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return found

    def prepare_value(self, value):
        return value.pk if hasattr(value, "pk") else value


def agency_typed(agencies, typed: str):
    """The agency meant by "510107 武侯区分局" (what the picker writes), a bare code, or a primary key (links
    and API clients); None when none in `agencies` is meant. Codes are read first: they have 6 digits or
    more, primary keys in links are short."""
    words = typed.split(maxsplit=1)
    if not words or agencies is None:
        return None
    found = agencies.filter(code=words[0]).first()
    if found is None and words[0].isdigit() and len(words) == 1:
        found = agencies.filter(pk=int(words[0])).first()
    return found


def agency_matches(agencies, typed: str, limit: int = LOOKUP_LIMIT):
    """Agencies whose code starts with the digits typed, or whose name contains the text typed (a scoped
    queryset; the tree order)."""
    text = typed.strip()
    if not text:
        return agencies.none()
    if text.isdigit():
        return agencies.filter(code__startswith=text).order_by("path")[:limit]
    return agencies.filter(name__contains=text).order_by("path")[:limit]
