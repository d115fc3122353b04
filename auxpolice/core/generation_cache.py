"""Reads cached under a generation: any change replaces the generation (at save and again at commit),
so a cached value is never served after a change is committed. Values are stored only outside a
transaction, so an uncommitted or rolled-back change is never cached.

For hot reads of rarely changed rows (agency settings, a position on the portal's apply path). Each process
also keeps the values it has seen with their generation: while the generation in the shared cache is the
same, a read costs one small GET instead of fetching and unpickling the value (model instances with their
related objects). Values are shared within the process: callers treat them as read-only.

Within a web request the generations are read together: the first check fetches every generation the process
has met so far in one MGET, and the request keeps them until it ends (the portal's apply path checks two: one
round trip instead of two). A request thus sees the generations as they were at its first check, as if it had
read everything then; a change it makes itself is seen at once (`invalidate` drops the kept one). Outside a
request (tasks, commands) each check reads the shared cache.
"""

import uuid
from collections.abc import Callable
from contextvars import ContextVar

from django.core.cache import cache
from django.db import connection, transaction

LOCAL_ENTRIES = 1024
_local: dict[str, tuple[str, object]] = {}  # key -> (generation, value)
_known: set[str] = set()  # the generation keys this process has checked
# The generations one request has read (key -> value, None where the shared cache has none); None outside a
# request.
_request_generations: ContextVar[dict[str, str | None] | None] = ContextVar(
    "request_generations", default=None
)


def request_started(**_kwargs) -> None:
    _request_generations.set({})


def request_finished(**_kwargs) -> None:
    _request_generations.set(None)


def _generation(generation_key: str) -> str | None:
    seen = _request_generations.get()
    if seen is None:
        return cache.get(generation_key)
    if generation_key not in seen:
        _known.add(generation_key)
        # tuple(): copied in one step, so a thread adding a key meanwhile (gthread workers) cannot upset it
        keys = [key for key in tuple(_known) if key not in seen]
        found = cache.get_many(keys)
        seen.update((key, found.get(key)) for key in keys)
    return seen[generation_key]


def _forget(generation_key: str) -> None:
    seen = _request_generations.get()
    if seen is not None:
        seen.pop(generation_key, None)


def cached(generation_key: str, key: str, compute: Callable[[], object], timeout: int = 3600):
    seen = _local.get(key)
    if seen is not None:
        generation = _generation(generation_key)
        if generation is not None and seen[0] == generation:
            return seen[1]
    _forget(generation_key)  # read afresh below, with the value
    found = cache.get_many([generation_key, key])
    generation, hit = found.get(generation_key), found.get(key)
    if generation is not None and hit is not None and hit[0] == generation:
        _keep(key, hit)
        return hit[1]
    value = compute()
    if not connection.in_atomic_block:
        if generation is None:
            cache.add(generation_key, uuid.uuid4().hex, None)
            generation = cache.get(generation_key)
        cache.set(key, (generation, value), timeout)
        _keep(key, (generation, value))
    return value


def _keep(key: str, entry: tuple) -> None:
    if len(_local) >= LOCAL_ENTRIES:
        _local.clear()  # rare (a thousand positions open at once): start again rather than track use
    _local[key] = entry


def invalidate(generation_key: str) -> None:
    def bump():
        cache.set(generation_key, uuid.uuid4().hex, None)
        _forget(generation_key)

    bump()
    transaction.on_commit(bump)
