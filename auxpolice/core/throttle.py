"""Counting attempts in the shared cache (Redis in production, so every web node counts together)."""

from django.core.cache import cache
from django.utils.translation import gettext as _

from .errors import DomainError


class Throttled(DomainError):
    status_code = 429
    default_code = "throttled"


def spend(key: str, *, limit: int, window: int) -> None:
    """Count one attempt under `key`; refuse once more than `limit` fall within `window` seconds."""
    full = f"auxpolice:throttle:{key}"
    cache.add(full, 0, timeout=window)
    try:
        count = cache.incr(full)
    except ValueError:  # expired between add and incr
        cache.set(full, 1, timeout=window)
        count = 1
    if count > limit:
        raise Throttled(
            _("Too many attempts. Wait %(minutes)s minutes and try again.")
            % {"minutes": max(1, window // 60)}
        )


def address_of(request) -> str:
    return request.META.get("REMOTE_ADDR") or "unknown"
