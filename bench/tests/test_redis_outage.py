"""
Redis stops: pages are served without the cache, and the rate limit still holds.

A real gunicorn server uses a private Redis (never the machine's shared one),
which the test stops and starts again.
"""

import uuid

import pytest

from bench.servers import fetch, wait_until
from bench.tests.clients import DEMO_ADMIN, admin_login, open_forms, stored_questions

pytestmark = pytest.mark.faults

SLUG = "cervical-insufficiency"
ARTICLE = f"/en/articles/{SLUG}/"
PAGES = [ARTICLE, "/en/", "/es/", "/en/search/?q=cervix", "/en/categories/early-pregnancy/"]


def test_stopped_redis_leaves_the_site_serving_and_a_flood_still_limited_with_log_lines(
    site_env, private_redis, start_app_server
):
    env = {**site_env, "REDIS_URL": private_redis.url(), "QUESTIONS_RATE_LIMIT": "1"}
    server = start_app_server(env)
    for path in PAGES:
        assert fetch(server.url + path)[0] == 200  # the cache is filled
    reader = open_forms(server, SLUG, ["192.0.2.50"])[0]
    marker = uuid.uuid4().hex[:12]
    assert reader.ask(server, SLUG, f"First {marker}: is spotting normal at 8 weeks?") == 302
    assert reader.ask(server, SLUG, f"Second {marker}: and cramps at 8 weeks?") == 429

    private_redis.stop()

    for path in PAGES * 2:
        assert fetch(server.url + path)[0] == 200, path
    assert f"Redis cache at 127.0.0.1:{private_redis.port}/0 is unavailable" in server.log()
    # The shared count is gone, but each app server process keeps its own: a
    # flood from the reader gets at most the limit through per process (the
    # process that took the first question has none left).
    flood = [reader.ask(server, SLUG, f"Flood {marker}-{n}: and backache?") for n in range(12)]
    assert set(flood) <= {302, 429} and flood.count(302) <= server.workers - 1, flood
    log = server.log()
    assert "the shared count in the cache is unavailable, so each app server process" in log
    assert "this process's own count (1 per 600 s) is full; the shared count is unavailable" in log
    assert len(stored_questions(env, marker)) == 1 + flood.count(302)
    # Sessions live in the database: staff can still log in and work.
    cookie = admin_login(server, *DEMO_ADMIN)
    assert fetch(f"{server.url}/admin/", headers={"Cookie": cookie})[0] == 200

    # Redis comes back empty (it keeps nothing on disk): the counts it had are
    # lost, and the reader is still limited by the processes' own counts.
    private_redis.start()
    wait_until(
        # A search uses the cache on every request (a shared page may come from memory).
        lambda: fetch(server.url + PAGES[3])[0] == 200 and "available again" in server.log(),
        timeout=30,
        what="the app servers to use Redis again",
        log=server.log,
    )
    after = [reader.ask(server, SLUG, f"After {marker}-{n}: and nausea?") for n in range(8)]
    # The bound is per process, over the outage and the empty cache after it: with N
    # workers at most N times the limit (1) in all. A process that no post of the flood
    # reached (gunicorn's sync workers do not take turns) may still take one question.
    assert set(after) <= {302, 429}, after
    assert 1 + flood.count(302) + after.count(302) <= server.workers, (flood, after)
    assert len(stored_questions(env, f"After {marker}")) == after.count(302)
