from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from auxpolice.core.models import ApiToken


class TokenRateThrottle(SimpleRateThrottle):
    """Requests per API token (API_TOKEN_RATE): one runaway script cannot crowd out the others.
    Sessions are not counted here (the login lockout and the per-address throttles guard them)."""

    scope = "token"

    def get_rate(self):
        return settings.API_TOKEN_RATE  # read per request: a deployment (or a test) may change it

    def get_cache_key(self, request, view):
        if not isinstance(request.auth, ApiToken):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.auth.pk}
