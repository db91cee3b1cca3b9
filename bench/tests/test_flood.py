"""
A flood of questions from one address: refused by the rate limit, cheaply enough
that a reader at another address is still served as fast as usual.

One bot at one address posts 1,000 questions over two connections, without
keeping its session cookie (as bots do), to an app server with three workers
and the shared Redis that counts the limit.
"""

import statistics
import time
import uuid

import pytest

from bench.tests.clients import LoadRecorder, open_forms, stored_questions

pytestmark = pytest.mark.faults

SLUG = "cervical-insufficiency"
FLOOD = 1000
LIMIT = 3
# The other reader reads the article and opens the question form (a page that
# queries the database on every request) while the bot posts.
READING = [f"/en/articles/{SLUG}/", f"/en/articles/{SLUG}/questions/"]
SAMPLES = 30


def reading_times(server, reader):
    """Seconds each of ``SAMPLES`` pages took for ``reader``; every page must be served."""
    times = []
    for turn in range(SAMPLES):
        started = time.monotonic()
        status, _, _ = reader.get(server.url + READING[turn % len(READING)])
        times.append(time.monotonic() - started)
        assert status == 200
    return times


def test_a_flood_from_one_address_is_limited_while_another_reader_is_served_as_usual(
    site_env, private_redis, start_app_server
):
    env = {**site_env, "REDIS_URL": private_redis.url(), "QUESTIONS_RATE_LIMIT": str(LIMIT)}
    server = start_app_server(env, workers=3)
    bot, reader = open_forms(server, SLUG, ["192.0.2.66", "198.51.100.200"])
    marker = uuid.uuid4().hex[:12]
    baseline = reading_times(server, reader)

    def spam(client, turn):
        body = f"Spam {marker}-{client}-{turn}: cheap pills here, buy now"
        # The bot never sends back a session cookie: only its address identifies it.
        return {**bot.ask_request(server, SLUG, body), "label": body}

    with LoadRecorder(spam, clients=2, per_client=FLOOD // 2) as flood:
        flood.wait_for(lambda answer: answer.status == 429, count=20)
        during = reading_times(server, reader)
        flood_still_running = len(flood.answers) < FLOOD
        answered = reader.ask(server, SLUG, f"Reader {marker}: is it safe to swim at 30 weeks?")
        flood.wait_until_done(timeout=240)

    statuses = [answer.status for answer in flood.answers]
    assert len(statuses) == FLOOD
    assert statuses.count(302) == LIMIT and statuses.count(429) == FLOOD - LIMIT
    refusal = next(answer.body for answer in flood.answers if answer.status == 429)
    assert "You have sent several questions" in refusal
    assert answered == 302
    assert len(stored_questions(env, marker)) == LIMIT + 1
    # Timings on a shared machine vary; compare the reader with itself, with room
    # for the CPU the flood's refusals take (the pages are not queued behind them).
    assert flood_still_running
    assert statistics.median(during) <= 5 * statistics.median(baseline), (baseline, during)
