"""Every API error has one shape:

{"error": {"status": 400, "code": "...", "message": "...", "fields": {"name": ["..."]}, "citations": [...]}}
"""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from auxpolice.core.errors import DomainError


def _body(status_code: int, code: str, message: str, fields=None, citations=()) -> dict:
    return {
        "error": {
            "status": status_code,
            "code": code,
            "message": message,
            "fields": fields or {},
            "citations": list(citations),
        }
    }


def _flatten(detail) -> dict[str, list[str]]:
    if isinstance(detail, dict):
        return {
            key: [str(item) for item in (value if isinstance(value, list) else [value])]
            for key, value in detail.items()
        }
    return {"non_field_errors": [str(item) for item in (detail if isinstance(detail, list) else [detail])]}


def exception_handler(exc, context):
    if isinstance(exc, DomainError):
        data = exc.as_dict()
        fields = {data["field"]: [data["message"]]} if data["field"] else {}
        return Response(
            _body(exc.status_code, data["code"], data["message"], fields, data["citations"]),
            status=exc.status_code,
        )
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages)
    if isinstance(exc, DataError):
        # A value the database cannot hold (the input fields are bounded; this is the net under them).
        exc = exceptions.ValidationError({"non_field_errors": [_("A value is out of range.")]})
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    if isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()

    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        fields = _flatten(exc.detail)
        first = next(iter(fields.values()))[0] if fields else _("Invalid input.")
        response.data = _body(status.HTTP_400_BAD_REQUEST, "invalid", first, fields)
    else:
        detail = exc.detail if isinstance(exc, exceptions.APIException) else str(exc)
        code = getattr(detail, "code", None) or getattr(exc, "default_code", "error")
        response.data = _body(response.status_code, str(code), str(detail))
    return response
