"""
A Redis cache that degrades to "no cache" instead of failing requests.

The cache only makes pages faster: when Redis stops, readers must still get
their pages. Django's ``RedisCache`` raises on a connection error and, with
redis-py's defaults, waits up to five seconds for a server that does not
answer. ``ResilientRedisCache`` uses short socket timeouts, logs the outage,
and then behaves exactly like Django's ``DummyCache`` (gets miss, sets are
dropped, ``add`` succeeds, ``incr`` raises ``ValueError``) for a few seconds
before trying Redis again, so a dead or hung Redis costs a request
milliseconds, not seconds. Errors that are not about reaching Redis (a
serialisation bug, an invalid key) are raised as usual.

Settings (``CACHES["default"]["OPTIONS"]``), all optional:

- ``socket_connect_timeout``, ``socket_timeout``: seconds (default 0.25 and 0.5).
- ``retry_interval``: seconds to serve without Redis after a failure before
  trying it again (default 5).
"""

import logging
import threading
import time
from urllib.parse import urlsplit

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("healthinfo.cache")

# Reaching Redis failed: refused, reset, unresolvable, timed out, still loading.
UNAVAILABLE_ERRORS = (RedisConnectionError, RedisTimeoutError)

DEFAULT_OPTIONS = {"socket_connect_timeout": 0.25, "socket_timeout": 0.5}
DEFAULT_RETRY_INTERVAL = 5.0
# While Redis stays down, repeat the warning this often, not on every request.
REPEAT_WARNING_AFTER = 60.0


def describe_location(url):
    """``host:port/db`` of a Redis URL, without the password that may be in it."""
    parts = urlsplit(url)
    return f"{parts.hostname or 'localhost'}:{parts.port or 6379}{parts.path or '/0'}"


class RedisOutage:
    """
    Whether one Redis server is currently treated as down, shared by a process's threads.

    Django makes one cache object per thread; the outage is a fact about the
    server, so every thread of the process skips Redis once one has seen it fail.
    """

    _registry = {}
    _registry_lock = threading.Lock()

    def __init__(self, location):
        self.location = location
        self._lock = threading.Lock()
        self.down_since = None
        self.retry_at = 0.0
        self.warned_at = 0.0

    @classmethod
    def for_location(cls, location):
        with cls._registry_lock:
            if location not in cls._registry:
                cls._registry[location] = cls(location)
            return cls._registry[location]

    @property
    def is_down(self):
        return self.down_since is not None

    def should_skip(self):
        """True while Redis failed recently: serve without it instead of waiting on it again."""
        return self.down_since is not None and time.monotonic() < self.retry_at

    def record_failure(self, error, retry_interval):
        now = time.monotonic()
        with self._lock:
            first = self.down_since is None
            if first:
                self.down_since = now
            self.retry_at = now + retry_interval
            if first or now - self.warned_at >= REPEAT_WARNING_AFTER:
                self.warned_at = now
                logger.warning(
                    "Redis cache at %s is unavailable (%s: %s); serving pages without the "
                    "cache and trying Redis again every %g s.",
                    self.location,
                    type(error).__name__,
                    error,
                    retry_interval,
                )

    def record_success(self):
        if self.down_since is None:
            return
        with self._lock:
            if self.down_since is not None:
                logger.warning(
                    "Redis cache at %s is available again after %.0f s.",
                    self.location,
                    time.monotonic() - self.down_since,
                )
                self.down_since = None


class ReusingRedisCacheClient(RedisCacheClient):
    """
    Django's Redis cache client, keeping one ``redis.Redis`` per connection pool.

    Django's client builds a new ``redis.Redis`` for every command, and building
    one (it copies some 170 response callbacks) costs more than a GET on
    loopback; a cached page is served in two GETs, so it mattered.
    ``redis.Redis`` is safe to share between threads.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))  # pools live as long as this client
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    """Django's Redis cache, degrading to no cache (with a log line) while Redis is unreachable."""

    def __init__(self, server, params):
        options = {**DEFAULT_OPTIONS, **params.get("OPTIONS", {})}
        self.retry_interval = float(options.pop("retry_interval", DEFAULT_RETRY_INTERVAL))
        super().__init__(server, {**params, "OPTIONS": options})
        self._class = ReusingRedisCacheClient
        self.outage = RedisOutage.for_location(
            ",".join(describe_location(url) for url in self._servers)
        )

    @property
    def available(self):
        """False while Redis is treated as down (callers such as rate limits may say so)."""
        return not self.outage.is_down

    def _call(self, fallback, method, *args, **kwargs):
        if self.outage.should_skip():
            return fallback()
        try:
            result = method(*args, **kwargs)
        except UNAVAILABLE_ERRORS as error:
            self.outage.record_failure(error, self.retry_interval)
            return fallback()
        self.outage.record_success()
        return result

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(lambda: True, super().add, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._call(lambda: default, super().get, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(lambda: None, super().set, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(lambda: False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._call(lambda: False, super().delete, key, version)

    def get_many(self, keys, version=None):
        return self._call(dict, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._call(lambda: False, super().has_key, key, version)

    def incr(self, key, delta=1, version=None):
        def missing():
            raise ValueError(f"Key '{key}' not found (the cache is unavailable).")

        return self._call(missing, super().incr, key, delta, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        # The keys that could not be stored: all of them.
        return self._call(lambda: list(data), super().set_many, data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._call(lambda: None, super().delete_many, keys, version)

    def clear(self):
        return self._call(lambda: False, super().clear)
