"""Widgets whose value the browser reads whatever the page's language.

An `<input type="date">` accepts only YYYY-MM-DD (`month`: YYYY-MM, `datetime-local`: YYYY-MM-DDTHH:MM); the
zh-hans display format (2031/06/30) would show as empty and be lost on the next save. Every date, month and
time input of the application is one of these (tests/test_form_widgets.py walks every form)."""

from django import forms


class IsoDateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class IsoMonthInput(forms.DateInput):
    input_type = "month"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m")


class IsoDateTimeInput(forms.DateTimeInput):
    """The value is shown in the current time zone (Asia/Shanghai), as the person typed it."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


class AgencyPickerInput(forms.TextInput):
    """An agency typed or picked by code or name: the browser asks `agency_lookup` as the officer types (a
    province has 20,000 agencies: no page carries them all as options). Without script, typing the agency's
    code works the same (AgencyChoiceField reads a leading code)."""

    template_name = "widgets/agency_picker.html"

    def __init__(self, attrs=None):
        super().__init__(attrs={"autocomplete": "off", "data-agency-picker": "", **(attrs or {})})

    def format_value(self, value):
        if value in (None, ""):
            return ""
        from .models import Agency

        if isinstance(value, Agency):
            return agency_label(value)
        if isinstance(value, int) or (isinstance(value, str) and value.isdigit() and len(value) < 6):
            agency = Agency.objects.filter(pk=int(value)).first()  # an initial value given as a primary key
            return agency_label(agency) if agency is not None else str(value)
        return str(value)  # what was typed, shown again as typed


def agency_label(agency) -> str:
    return f"{agency.code} {agency.name}"
