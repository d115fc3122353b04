"""Reads that may lag go to a read replica; everything else stays on the primary.

A view opts in with `@replica_reads` (lists, reports, exports, the workbench). Even then the primary answers:
- for any request that is not GET or HEAD (a write path reads what it is about to change);
- inside a transaction on the primary (it must see its own writes and its row locks);
- for a user who wrote within `REPLICA_PIN_SECONDS` (read-your-writes: the pin lives in the shared cache, so
  it holds whichever web node serves the next request).
Tasks, management commands and the portal never opt in and always read the primary.
"""

from __future__ import annotations

import contextvars
import functools
import itertools
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections

_lag_allowed: contextvars.ContextVar[bool] = contextvars.ContextVar("replica_lag_allowed", default=False)
_turns = itertools.count()
SAFE_METHODS = ("GET", "HEAD")


def replica_aliases() -> list[str]:
    return list(getattr(settings, "DATABASE_REPLICAS", ()))


def _pin_key(user_id: int) -> str:
    return f"auxpolice:replica-pin:{user_id}"


def pin_to_primary(user_id: int) -> None:
    """After a user's write, their reads go to the primary for a while, so they see what they just did."""
    cache.set(_pin_key(user_id), 1, timeout=settings.REPLICA_PIN_SECONDS)


def is_pinned(user_id: int) -> bool:
    return cache.get(_pin_key(user_id)) is not None


@contextmanager
def lagging_reads_allowed() -> Iterator[None]:
    token = _lag_allowed.set(True)
    try:
        yield
    finally:
        _lag_allowed.reset(token)


def may_read_lagging(request) -> bool:
    """Replicas exist, the request only reads, and its user has not written within the pin's time."""
    user = getattr(request, "user", None)
    return bool(
        replica_aliases()
        and request.method in SAFE_METHODS
        and not (user is not None and user.is_authenticated and is_pinned(user.pk))
    )


def replica_reads(view: Callable) -> Callable:
    """Lets the view's reads (and its template's, rendered here) come from a replica when that is safe."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not may_read_lagging(request):
            return view(request, *args, **kwargs)
        with lagging_reads_allowed():
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                response.render()
            return response

    return wrapper


class ReplicaListMixin:
    """For DRF list endpoints: the page is read (and serialized) from a replica when that is safe. Checked in
    list(), after DRF has authenticated the request, so a token user's own writes pin them too."""

    def list(self, request, *args, **kwargs):
        if not may_read_lagging(request):
            return super().list(request, *args, **kwargs)  # type: ignore[misc]
        with lagging_reads_allowed():
            return super().list(request, *args, **kwargs)  # type: ignore[misc]


class ReplicaRouter:
    """Routes reads to a replica only where the request allowed lag; writes and migrations to the primary."""

    def db_for_read(self, model, **hints):
        aliases = replica_aliases()
        if not aliases or not _lag_allowed.get() or connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        return aliases[next(_turns) % len(aliases)]

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, first, second, **hints):
        # A replica holds the same rows as the primary: objects read from either may be related.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS
