"""Write endpoints over the page's own forms and services: one validation, one service, two doors.

`form_input(Form)` derives the OpenAPI request schema from a Django form; `form_call(form, act)` validates
with the form (its own clean methods included) and runs the service, so a page and its API operation can never
check different things. Refusals come back as the API's structured errors (auxpolice.core.api.errors)."""

import json
from collections.abc import Callable
from functools import cache

from django import forms
from django.http import QueryDict
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import ValidationError


def _choices(field: forms.ChoiceField) -> list:
    return [(value, label) for value, label in field.choices if value != ""]


def _named_enum(base: type[serializers.Field], schema: dict, component: str, **kwargs) -> serializers.Field:
    """A choice field whose enum is a component of its own name: forms reuse field names (`kind`, `status`)
    for different choice sets, which the schema must not merge."""
    named = extend_schema_field(schema, component_name=component)(type(component, (base,), {}))
    return named(**kwargs)


def _field(field: forms.Field, component: str) -> serializers.Field:
    common = {"required": field.required, "help_text": field.help_text or None, "label": field.label}
    if isinstance(field, forms.ModelChoiceField):
        return serializers.CharField(**common | {"help_text": "its id (or, for an agency, its code)"})
    if isinstance(field, forms.MultipleChoiceField) and not _choices(field):
        return serializers.ListField(
            child=serializers.CharField(),
            **common | {"help_text": "codes among those the page offers for this object"},
        )
    if isinstance(field, forms.ChoiceField) and not _choices(field):
        # Choices that depend on the person (their duty catalogue, the training kinds of their jurisdiction).
        return serializers.CharField(**common | {"help_text": "one of the codes the page offers this person"})
    if isinstance(field, forms.MultipleChoiceField):
        values = [value for value, _label in _choices(field)]
        schema = {"type": "array", "items": {"type": "string", "enum": values}}
        return _named_enum(
            serializers.MultipleChoiceField, schema, component, choices=_choices(field), **common
        )
    if isinstance(field, forms.ChoiceField):
        values = [value for value, _label in _choices(field)] + ([] if field.required else [""])
        return _named_enum(
            serializers.ChoiceField,
            {"type": "string", "enum": values},
            component,
            choices=_choices(field),
            allow_blank=not field.required,
            **common,
        )
    if isinstance(field, forms.FileField):
        return serializers.FileField(**common)
    if isinstance(field, forms.DateTimeField):
        return serializers.DateTimeField(allow_null=not field.required, **common)
    if isinstance(field, forms.DateField):
        return serializers.DateField(allow_null=not field.required, **common)
    if isinstance(field, forms.DecimalField):
        return serializers.DecimalField(
            max_digits=field.max_digits,
            decimal_places=field.decimal_places,
            allow_null=not field.required,
            **common,
        )
    if isinstance(field, forms.IntegerField):
        return serializers.IntegerField(allow_null=not field.required, **common)
    if isinstance(field, forms.BooleanField):
        return serializers.BooleanField(**common | {"required": False})
    return serializers.CharField(
        max_length=getattr(field, "max_length", None), allow_blank=not field.required, **common
    )


@cache
def form_input(form_class: type[forms.Form], name: str, **form_kwargs) -> type[serializers.Serializer]:
    """A serializer describing the form's fields, named `name` in the schema (for documentation only)."""
    form = form_class(**form_kwargs)
    fields = {
        field_name: _field(field, f"{name}{field_name.title().replace('_', '')}Enum")
        for field_name, field in form.fields.items()
    }
    return type(name, (serializers.Serializer,), fields)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def as_form_data(data) -> QueryDict:
    """JSON as a browser would have posted it: every value a string, a list as repeated values. Forms read
    strings; a number, a boolean or a list where a form expects text must be a field error, not a 500."""
    if isinstance(data, QueryDict):
        return data
    posted = QueryDict(mutable=True)
    for key, value in data.items():
        posted.setlist(key, [_text(item) for item in (value if isinstance(value, list) else [value])])
    return posted


def form_call(form: forms.Form, act: Callable[[dict], object]):
    """The service's result for a valid form; an invalid one raises the API's 400 with each field's errors."""
    form.data = as_form_data(form.data)  # before validation: the form reads it only then
    if not form.is_valid():
        raise ValidationError({field: [str(e) for e in errors] for field, errors in form.errors.items()})
    return act(form.cleaned_data)


def formset_data(prefix: str, rows) -> QueryDict:
    """A list of objects as a formset's POST (management form included)."""
    if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
        raise ValidationError({prefix: ["a list of objects"]})
    data = {f"{prefix}-TOTAL_FORMS": len(rows), f"{prefix}-INITIAL_FORMS": 0}
    for index, row in enumerate(rows):
        data |= {f"{prefix}-{index}-{key}": value for key, value in row.items()}
    return as_form_data(data)


def formset_valid(formset: forms.BaseFormSet, prefix: str) -> list[dict]:
    """Each row's cleaned data; errors as `prefix[index].field` (and `prefix` for the whole list)."""
    if formset.is_valid():
        return formset.cleaned_data
    errors = {
        f"{prefix}[{index}].{field}": [str(e) for e in messages]
        for index, row in enumerate(formset.errors)
        for field, messages in row.items()
    }
    if formset.non_form_errors():
        errors[prefix] = [str(e) for e in formset.non_form_errors()]
    raise ValidationError(errors)
