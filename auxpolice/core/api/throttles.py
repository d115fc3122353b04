import time
import uuid

from django.conf import settings
from django.core.cache import caches
from rest_framework.throttling import SimpleRateThrottle

from auxpolice.core.models import ApiToken
from auxpolice.core.redis_cache import RedisCache

# DRF's sliding log (drop the requests older than the window, refuse at the limit, else log this one) as one
# Redis call: DRF's own reads the whole log and writes it back, two round trips and a pickled list of up to
# 1,200 timestamps on every request. Answers {1, 0} (allowed) or {0, milliseconds until a place frees}.
SLIDING_LOG = """
local now, window, limit = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) >= limit then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return {0, math.max(0, tonumber(oldest[2]) + window - now)}
end
redis.call('ZADD', KEYS[1], now, ARGV[4])
redis.call('PEXPIRE', KEYS[1], window)
return {1, 0}
"""


class TokenRateThrottle(SimpleRateThrottle):
    """Requests per API token (API_TOKEN_RATE): one runaway script cannot crowd out the others.
    Sessions are not counted here (the login lockout and the per-address throttles guard them)."""

    scope = "token"
    _scripts: dict = {}

    def get_rate(self):
        return settings.API_TOKEN_RATE  # read per request: a deployment (or a test) may change it

    def get_cache_key(self, request, view):
        if not isinstance(request.auth, ApiToken):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.auth.pk}

    def allow_request(self, request, view):
        backend = caches["default"]
        if self.rate is None or not isinstance(backend, RedisCache):
            return super().allow_request(request, view)  # a cache without scripts (development)
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        client = backend._cache.get_client(write=True)
        script = self._scripts.get(id(client)) or self._scripts.setdefault(
            id(client), client.register_script(SLIDING_LOG)
        )
        now = int(time.time() * 1000)
        allowed, self._wait_ms = script(
            # Not DRF's key: during an upgrade, nodes still on DRF's throttle keep a pickled list under it.
            keys=[backend.make_and_validate_key(f"{self.key}:log")],
            args=[now, self.duration * 1000, self.num_requests, f"{now}:{uuid.uuid4().hex[:12]}"],
        )
        return bool(allowed)

    def wait(self):
        if getattr(self, "_wait_ms", None) is None:
            return super().wait()
        return self._wait_ms / 1000
