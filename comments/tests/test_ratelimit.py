"""The question rate limit: exact under concurrency, can be off, held per process without cache."""

import logging
import socket
import threading

import pytest
from django.test import override_settings

from comments import ratelimit
from healthinfo.redis_cache import RedisOutage


@pytest.fixture(autouse=True)
def three_per_ten_minutes(settings):
    settings.QUESTIONS_RATE_LIMIT = 3
    settings.QUESTIONS_RATE_LIMIT_SECONDS = 600


def test_an_identity_gets_exactly_its_slots_and_others_keep_theirs():
    assert [ratelimit.take(["ip:a"]) for _ in range(5)] == [True, True, True, False, False]
    assert ratelimit.take(["ip:b"])


def test_a_refusal_for_one_identity_still_counts_against_the_other():
    for _ in range(3):
        assert ratelimit.take(["ip:a"])
    assert not ratelimit.take(["ip:a", "session:s"])
    assert [ratelimit.take(["session:s"]) for _ in range(3)] == [True, True, False]


def test_concurrent_questions_from_one_identity_never_exceed_the_limit(settings):
    settings.QUESTIONS_RATE_LIMIT = 5
    answers = []
    start = threading.Barrier(20)

    def post():
        start.wait()
        answers.append(ratelimit.take(["ip:flood"]))

    threads = [threading.Thread(target=post) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers.count(True) == 5


def test_a_limit_of_zero_turns_the_limit_off(settings):
    settings.QUESTIONS_RATE_LIMIT = 0
    assert all(ratelimit.take(["ip:a"]) for _ in range(10))


@pytest.fixture
def stopped_redis(monkeypatch):
    """Settings of a ResilientRedisCache whose Redis is not running."""
    monkeypatch.setattr(RedisOutage, "_registry", {})
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    return {
        "default": {
            "BACKEND": "healthinfo.redis_cache.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port}/0",
        }
    }


def test_a_stopped_redis_still_limits_a_flood_by_the_process_count_and_says_so(
    stopped_redis, caplog
):
    with override_settings(CACHES=stopped_redis), caplog.at_level(logging.INFO):
        answers = [ratelimit.take(["ip:a"]) for _ in range(10)]
    assert answers == [True] * 3 + [False] * 7
    assert "the shared count in the cache is unavailable, so each app server process" in (
        caplog.text
    )
    assert "this process's own count (3 per 600 s) is full; the shared count is unavailable" in (
        caplog.text
    )
    # Warned once, not once per post.
    assert caplog.text.count("the shared count in the cache is unavailable, so") == 1


def test_a_cache_that_raises_still_limits_by_the_process_count():
    dead_redis = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/5",
        }
    }
    with override_settings(CACHES=dead_redis):
        assert [ratelimit.take(["ip:a"]) for _ in range(5)] == [True] * 3 + [False] * 2


def test_a_reader_limited_during_an_outage_stays_limited_when_redis_comes_back_empty(
    stopped_redis,
):
    with override_settings(CACHES=stopped_redis):
        assert [ratelimit.take(["ip:a"]) for _ in range(4)] == [True] * 3 + [False]
    # The cache is back, but restarted without the counts (here: the empty locmem cache).
    assert not ratelimit.take(["ip:a"])
    assert ratelimit.take(["ip:b"])


def test_while_the_cache_works_its_shared_count_refuses_and_the_log_says_so(caplog):
    from django.core.cache import cache

    with caplog.at_level(logging.INFO):
        for _ in range(3):
            assert ratelimit.take(["ip:a"])
        ratelimit.local_counts.clear()  # as if the next post reached another app server
        assert not ratelimit.take(["ip:a"])
    assert "the shared count in the cache (3 per 600 s) is full" in caplog.text
    assert cache.get("questions-rate:ip:a:0") is not None


def test_the_process_count_forgets_the_least_recently_seen_readers_beyond_its_bound():
    counts = ratelimit.LocalCounts(max_identities=100)
    for number in range(1000):
        counts.take("questions", f"ip:{number}", 3, 600, now=1.0)
    assert len(counts._times) == 100


def test_attempts_are_limited_to_five_per_allowed_question_and_can_be_set(settings):
    settings.QUESTIONS_ATTEMPT_LIMIT = None
    assert [ratelimit.take_attempt(["ip:a"]) for _ in range(16)] == [True] * 15 + [False]
    settings.QUESTIONS_ATTEMPT_LIMIT = 2
    assert [ratelimit.take_attempt(["ip:b"]) for _ in range(3)] == [True, True, False]
    settings.QUESTIONS_ATTEMPT_LIMIT = 0
    assert all(ratelimit.take_attempt(["ip:c"]) for _ in range(30))
