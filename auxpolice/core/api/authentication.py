"""`Authorization: Token ap_…` (or `Bearer ap_…`): the API tokens of auxpolice.core.api_tokens."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.permissions import SAFE_METHODS

from auxpolice.core import api_tokens
from auxpolice.core.models import TokenScope

KEYWORDS = (b"token", b"bearer")


class ReadOnlyToken(exceptions.PermissionDenied):
    default_code = "read_only_token"
    default_detail = _("This token is read-only: it cannot change anything.")


class ApiTokenAuthentication(BaseAuthentication):
    """A view may name what its requests read with the token, in the same query: `token_related`."""

    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() not in KEYWORDS:
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(_("Send one token after the word Token."))
        try:
            secret = parts[1].decode()
        except UnicodeError:
            raise exceptions.AuthenticationFailed(_("The token is not valid.")) from None
        view = (request.parser_context or {}).get("view")
        token = api_tokens.token_for_secret(secret, related=getattr(view, "token_related", ("user",)))
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("The token is not valid, expired or revoked."))
        # Every check of scope in one place, whatever a view's own permission classes say.
        if token.scope == TokenScope.READ and request.method not in SAFE_METHODS:
            raise ReadOnlyToken
        # simple-history's middleware keeps this request for the thread: history rows name the token.
        request._request.api_token_id = token.pk
        return token.user, token

    def authenticate_header(self, request):
        return "Token"


class ApiTokenScheme(OpenApiAuthenticationExtension):
    """The token in the OpenAPI description: `Authorization: Bearer ap_…`, as the interactive docs send it."""

    target_class = ApiTokenAuthentication
    name = "apiToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "bearerFormat": "ap_…",
            "description": "An API token (POST /api/v1/auth/token/, or the API tokens page).",
        }
