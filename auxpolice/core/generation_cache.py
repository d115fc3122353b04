"""Reads cached under a generation: any change replaces the generation (at save and again at commit),
so a cached value is never served after a change is committed. Values are stored only outside a
transaction, so an uncommitted or rolled-back change is never cached.

For hot reads of rarely changed rows (agency settings, a position on the portal's apply path).
"""

import uuid
from collections.abc import Callable

from django.core.cache import cache
from django.db import connection, transaction


def cached(generation_key: str, key: str, compute: Callable[[], object], timeout: int = 3600):
    found = cache.get_many([generation_key, key])
    generation, hit = found.get(generation_key), found.get(key)
    if generation is not None and hit is not None and hit[0] == generation:
        return hit[1]
    value = compute()
    if not connection.in_atomic_block:
        if generation is None:
            cache.add(generation_key, uuid.uuid4().hex, None)
            generation = cache.get(generation_key)
        cache.set(key, (generation, value), timeout)
    return value


def invalidate(generation_key: str) -> None:
    def bump():
        cache.set(generation_key, uuid.uuid4().hex, None)

    bump()
    transaction.on_commit(bump)
