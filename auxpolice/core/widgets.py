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
