"""Widgets whose value the browser reads whatever the page's language."""

from django import forms


class IsoDateInput(forms.DateInput):
    """`<input type="date">` accepts only YYYY-MM-DD; the zh-hans display format (2031/06/30) would show empty
    and be lost on the next save."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")
