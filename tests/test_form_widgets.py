"""Every date, month and time input renders a value the browser can show, whatever the page's language."""

import importlib
import inspect
import pathlib
import re
from datetime import date, datetime

import pytest
from django import forms
from django.utils import timezone, translation

from auxpolice.core.widgets import IsoDateInput, IsoDateTimeInput, IsoMonthInput

ROOT = pathlib.Path(__file__).resolve().parent.parent
FORM_MODULES = [
    ".".join(path.relative_to(ROOT).with_suffix("").parts)
    for pattern in ("*/forms.py", "*/*_forms.py", "auxpolice/*/forms.py")
    for path in ROOT.glob(pattern)
    if ".venv" not in path.parts and "tests" not in path.parts
]


def _form_classes():
    for name in FORM_MODULES:
        module = importlib.import_module(name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == name:
                yield cls


def _fields(cls):
    try:  # forms that add fields in __init__ show them when built without arguments
        return cls().fields
    except TypeError:
        return cls.base_fields


def test_the_walk_finds_the_forms_of_every_app():
    found = {cls.__module__.split(".")[0] for cls in _form_classes()}
    assert {"recruitment", "personnel", "assessment", "compensation", "headcount", "auxpolice"} <= found


@pytest.mark.django_db
def test_every_date_month_and_time_field_uses_an_iso_widget():
    wrong = []
    for cls in _form_classes():
        for name, field in _fields(cls).items():
            if isinstance(field, forms.DateTimeField):
                expected = (IsoDateTimeInput,)
            elif isinstance(field, forms.DateField):
                expected = (IsoDateInput, IsoMonthInput)
            else:
                continue
            if not isinstance(field.widget, expected):
                wrong.append(f"{cls.__module__}.{cls.__name__}.{name}: {type(field.widget).__name__}")
    assert not wrong, wrong


def test_a_saved_date_renders_as_iso_in_the_chinese_interface():
    class Sample(forms.Form):
        day = forms.DateField(widget=IsoDateInput())
        month = forms.DateField(widget=IsoMonthInput())
        at = forms.DateTimeField(widget=IsoDateTimeInput())

    moment = timezone.make_aware(datetime(2031, 6, 30, 9, 5), timezone.get_fixed_timezone(480))
    with translation.override("zh-hans"), timezone.override("Asia/Shanghai"):
        html = str(Sample(initial={"day": date(2031, 6, 30), "month": date(2031, 6, 1), "at": moment}))
    assert 'value="2031-06-30"' in html and 'value="2031-06"' in html and 'value="2031-06-30T09:05"' in html


def test_hand_written_date_inputs_in_templates_are_given_iso_values():
    wrong = []
    for path in (ROOT / "templates").rglob("*.html"):
        for tag in re.findall(r"<input[^>]*type=\"(?:date|month|datetime-local)\"[^>]*>", path.read_text()):
            value = re.search(r'value="([^"]*)"', tag)
            if value and value.group(1) and not re.search(r"date:'Y-m(-d)?'|\|iso", value.group(1)):
                wrong.append(f"{path.relative_to(ROOT)}: {tag}")
    assert not wrong, wrong
