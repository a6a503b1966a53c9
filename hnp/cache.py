"""Django's Redis cache backend, made to keep the site up while Redis is away.

Django's ``RedisCache`` raises on every cache call when Redis cannot be reached, which would
turn a cache outage into a site outage. ``ResilientRedisCache`` is that backend with one
change: a Redis error is logged once and the call then behaves as if the cache were empty and
forgetful. Pages are still served (from the database, slower) while Redis is down.

What that means for code using ``django.core.cache.cache`` during an outage (fail open):

- ``get``/``get_many``/``has_key`` miss; ``set``/``set_many``/``delete``/``touch`` do nothing;
- ``add`` reports success and ``incr``/``decr`` count from zero, as for a key just created;
- so the comment rate limit (``comments.antispam.rate_limit_exceeded``) lets every post
  through. That is deliberate: the captcha, flood and duplicate checks live in the database
  and still hold, and every comment waits for a moderator anyway.

After an error the client does not try Redis again for ``retry_after`` seconds, so an
unreachable Redis costs one connection timeout per process every few seconds, not one per
cache call. That outage state is shared by every thread of the process (Django makes one cache
object per thread): once any thread sees Redis again, all of them use it again. The health
check (``/healthz``) still reports the cache as down.
"""

import logging
import time

from django.conf import settings
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


class _Outage:
    """Until when a process leaves one Redis alone; shared by the threads' cache clients."""

    def __init__(self):
        self.until = 0.0


_outages: dict[tuple[str, ...], _Outage] = {}


class ResilientRedisCacheClient(RedisCacheClient):
    retry_after = 5.0  # seconds without trying Redis after an error

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._outage = _outages.setdefault(tuple(self._servers), _Outage())
        self._clients = {}
        # Prometheus counts (hnp/metrics.py), only when metrics are on: /metrics is allowed.
        self._count = None
        if settings.METRICS_ALLOWED_IPS:
            from hnp.metrics import count_cache

            self._count = count_cache

    def get_client(self, key=None, *, write=False):
        # Django's client makes a new redis.Redis for every call, which registers some 170
        # response callbacks each time: 0.2-0.5 ms, several times the round trip to Redis, on
        # every cache call of every page. One per connection pool is enough: a client only
        # borrows connections from its pool, and redis-py clients are thread-safe.
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client

    def _call(self, method: str, fallback, *args):
        outage = self._outage
        if outage.until and time.monotonic() < outage.until:
            if self._count:
                self._count(method, "skipped")
            return fallback
        try:
            result = getattr(super(), method)(*args)
        except RedisError as exc:
            if not outage.until:
                logger.warning(
                    "Redis cache unreachable (%s); serving without the cache.",
                    type(exc).__name__,
                )
            outage.until = time.monotonic() + self.retry_after
            if self._count:
                self._count(method, "error")
            return fallback
        if outage.until:
            logger.warning("Redis cache reachable again.")
            outage.until = 0.0
        if self._count:
            if method == "get":
                self._count(method, "miss" if result is args[-1] else "hit")
            elif method == "get_many":
                self._count(method, "hit", len(result))
                self._count(method, "miss", len(args[0]) - len(result))
            else:
                self._count(method, "ok")
        return result

    def add(self, key, value, timeout):
        return self._call("add", True, key, value, timeout)

    def get(self, key, default):
        return self._call("get", default, key, default)

    def set(self, key, value, timeout):
        return self._call("set", None, key, value, timeout)

    def touch(self, key, timeout):
        return self._call("touch", False, key, timeout)

    def delete(self, key):
        return self._call("delete", False, key)

    def get_many(self, keys):
        return self._call("get_many", {}, keys)

    def has_key(self, key):
        return self._call("has_key", False, key)

    def incr(self, key, delta):
        return self._call("incr", delta, key, delta)

    def set_many(self, data, timeout):
        return self._call("set_many", None, data, timeout)

    def delete_many(self, keys):
        return self._call("delete_many", None, keys)

    def clear(self):
        return self._call("clear", False)


class ResilientRedisCache(RedisCache):
    """See the module docstring."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ResilientRedisCacheClient
