"""The question rate limit: exact under concurrency, can be off, open (and logged) without cache."""

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


def test_a_stopped_resilient_redis_lets_questions_through_and_says_so(monkeypatch, caplog):
    monkeypatch.setattr(RedisOutage, "_registry", {})
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    stopped_redis = {
        "default": {
            "BACKEND": "healthinfo.redis_cache.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port}/0",
        }
    }
    with override_settings(CACHES=stopped_redis), caplog.at_level(logging.WARNING):
        assert all(ratelimit.take(["ip:a"]) for _ in range(5))
    assert "Question rate limit skipped: the cache is unavailable" in caplog.text
