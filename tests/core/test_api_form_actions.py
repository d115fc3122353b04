"""API writes go through the page's forms: JSON values that are not text (numbers, booleans, lists, objects,
null) are read as a browser would have posted them, so a wrong type is a field error, never a 500."""

import pytest
from django import forms

from auxpolice.core.api.actions import as_form_data, form_call


class Terms(forms.Form):
    name = forms.CharField(max_length=10)
    days = forms.IntegerField()
    urgent = forms.BooleanField(required=False)
    tags = forms.MultipleChoiceField(choices=[("a", "A"), ("b", "B")], required=False)


def test_json_values_become_what_a_browser_posts():
    posted = as_form_data({"name": 7, "days": 3, "urgent": True, "tags": ["a", "b"], "none": None})
    assert posted["name"] == "7" and posted["urgent"] == "true" and posted.getlist("tags") == ["a", "b"]
    assert posted["none"] == ""


@pytest.mark.parametrize("name", [["x", "y"], {"x": 1}, None, True])
def test_a_value_of_the_wrong_shape_is_a_field_error(name):
    from rest_framework.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        form_call(Terms({"name": name, "days": "x"}), lambda data: data)
    assert "days" in refused.value.detail


def test_a_valid_json_body_reaches_the_service_cleaned():
    data = form_call(Terms({"name": "巡逻", "days": 30, "urgent": False, "tags": ["b"]}), lambda data: data)
    assert data == {"name": "巡逻", "days": 30, "urgent": False, "tags": ["b"]}
