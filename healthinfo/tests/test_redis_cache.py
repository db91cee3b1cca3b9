"""A stopped or hung Redis makes the cache a no-op (logged), never an error for readers."""

import logging
import os
import socket
import subprocess
import sys
import uuid

import pytest
from django.conf import settings
from redis.exceptions import RedisError

from healthinfo.redis_cache import RedisOutage, ResilientRedisCache

# Ordinary tests may use this database of the machine's Redis (never flushed here).
TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/7")


@pytest.fixture(autouse=True)
def _fresh_outage_registry(monkeypatch):
    # Outages are remembered per process; each test starts with Redis presumed up.
    monkeypatch.setattr(RedisOutage, "_registry", {})


def make_cache(url, **options):
    return ResilientRedisCache(url, {"KEY_PREFIX": f"test-{uuid.uuid4().hex}", "OPTIONS": options})


@pytest.fixture
def closed_port():
    """A loopback port nothing listens on: connections are refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def hung_redis():
    """A server that accepts connections and never answers, like a frozen Redis."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(16)
        yield server


def pending_connections(server):
    server.setblocking(False)
    count = 0
    while True:
        try:
            connection, _ = server.accept()
        except BlockingIOError:
            return count
        connection.close()
        count += 1


def test_stopped_redis_behaves_like_no_cache(closed_port):
    cache = make_cache(f"redis://127.0.0.1:{closed_port}/0")
    assert cache.get("menu", "default") == "default"
    assert cache.set("menu", ["a"]) is None
    assert cache.add("token", "x") is True
    assert cache.get_many(["a", "b"]) == {}
    assert cache.has_key("menu") is False
    assert cache.delete("menu") is False
    assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
    assert cache.get_or_set("page", "rendered") == "rendered"
    with pytest.raises(ValueError):
        cache.incr("hits")


def test_stopped_redis_is_logged_once_without_the_password(closed_port, caplog):
    cache = make_cache(f"redis://:s3cret@127.0.0.1:{closed_port}/3", retry_interval=0)
    with caplog.at_level(logging.WARNING, logger="healthinfo.cache"):
        for _ in range(5):
            cache.get("menu")
    (record,) = caplog.records
    message = record.getMessage()
    assert f"Redis cache at 127.0.0.1:{closed_port}/3 is unavailable" in message
    assert "s3cret" not in message
    assert cache.available is False


def test_hung_redis_is_given_up_on_and_then_skipped_until_the_retry_interval(hung_redis):
    port = hung_redis.getsockname()[1]
    cache = make_cache(
        f"redis://127.0.0.1:{port}/0", socket_timeout=0.05, socket_connect_timeout=0.05
    )
    assert cache.get("menu") is None
    for _ in range(20):
        assert cache.get("menu") is None
        cache.set("menu", "x")
    # One connection for the first request; the next ones did not wait on Redis again.
    assert pending_connections(hung_redis) == 1


def test_every_thread_of_a_process_shares_what_it_knows_about_an_outage(closed_port):
    url = f"redis://127.0.0.1:{closed_port}/0"
    first, second = make_cache(url), make_cache(url)
    first.get("menu")
    assert second.available is False


def test_errors_that_are_not_about_reaching_redis_are_raised(closed_port):
    cache = make_cache(f"redis://127.0.0.1:{closed_port}/0")
    with pytest.raises(TypeError):
        cache.get_many(42)


@pytest.fixture
def live_cache():
    cache = make_cache(TEST_REDIS_URL)
    client = cache._cache.get_client(write=True)
    try:
        client.ping()
    except RedisError as error:
        pytest.skip(f"Redis is not reachable at {TEST_REDIS_URL}: {error}")
    yield cache
    client.delete(*(cache.make_key(name) for name in ("menu", "hits", "token")))


def test_live_redis_is_used_as_usual(live_cache):
    live_cache.set("menu", ["Pregnancy complications"])
    assert live_cache.get("menu") == ["Pregnancy complications"]
    assert live_cache.add("token", "first") is True
    assert live_cache.add("token", "second") is False
    live_cache.set("hits", 1)
    assert live_cache.incr("hits") == 2
    assert live_cache.available is True


def test_redis_url_selects_the_resilient_backend():
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])",
        ],
        cwd=settings.BASE_DIR,
        env={**os.environ, "REDIS_URL": "redis://127.0.0.1:6379/7"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    backend = result.stdout.strip().splitlines()[-1]
    assert backend == "healthinfo.redis_cache.ResilientRedisCache", result.stderr


def test_one_redis_client_serves_every_command():
    # Django's client builds a redis.Redis per command; building one costs more
    # than a GET on loopback, so the cache keeps one per connection pool.
    cache = make_cache(TEST_REDIS_URL)
    client = cache._cache.get_client("key")
    cache.set("key", "value")
    assert cache.get("key") == "value"
    assert cache.get_many(["key"]) == {"key": "value"}
    assert cache._cache.get_client("key", write=True) is client
