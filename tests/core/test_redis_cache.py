import os

import pytest

from auxpolice.core.redis_cache import RedisCache

pytestmark = pytest.mark.redis


def test_the_redis_cache_reuses_one_client_and_behaves_like_djangos():
    cache = RedisCache(os.environ["TEST_REDIS_URL"], {"KEY_PREFIX": "test-redis-cache"})
    cache.set("a", {"x": 1}, 30)
    assert cache.get_many(["a", "b"]) == {"a": {"x": 1}}
    assert cache.add("a", 2) is False and cache.get("a") == {"x": 1}
    assert cache._cache.get_client() is cache._cache.get_client(write=True)  # one pool here, one client
    cache.delete("a")
    assert cache.get("a") is None
