"""The API's JSON parser: every request body is a JSON object of bounded depth, or a 400 that says so."""

from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser


class ObjectJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:  # Python's decoder recurses once per level: 100,000 brackets exhaust the stack
            raise ParseError(_("The JSON body is nested too deeply.")) from None
        if not isinstance(data, dict):
            raise ParseError(_("The JSON body must be an object ({…})."))
        return data
