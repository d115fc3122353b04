"""Django's Redis cache, reusing one client per connection pool.

Django builds a new `redis.Redis` object for every cache call, and each one copies the library's ~170
response callbacks: on the portal's apply path that was a fifth of a millisecond per request. The pools
(and so the connections) were already shared; now the thin client objects are too.
"""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class ClientReusingRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ClientReusingRedisCacheClient
