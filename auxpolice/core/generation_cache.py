"""Reads cached under a generation: any change replaces the generation (at save and again at commit),
so a cached value is never served after a change is committed. Values are stored only outside a
transaction, so an uncommitted or rolled-back change is never cached.

For hot reads of rarely changed rows (agency settings, a position on the portal's apply path). Each process
also keeps the values it has seen with their generation: while the generation in the shared cache is the
same, a read costs one small GET instead of fetching and unpickling the value (model instances with their
related objects). Values are shared within the process: callers treat them as read-only.
"""

import uuid
from collections.abc import Callable

from django.core.cache import cache
from django.db import connection, transaction

LOCAL_ENTRIES = 1024
_local: dict[str, tuple[str, object]] = {}  # key -> (generation, value)


def cached(generation_key: str, key: str, compute: Callable[[], object], timeout: int = 3600):
    seen = _local.get(key)
    if seen is not None:
        generation = cache.get(generation_key)
        if generation is not None and seen[0] == generation:
            return seen[1]
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

    bump()
    transaction.on_commit(bump)
