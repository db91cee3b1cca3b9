"""
Faults in production's services: the site keeps answering and recovers by itself.

Each test runs real gunicorn servers against a private PostgreSQL and a
private Redis, and breaks those (never the machine's shared ones).
"""

import time

import pytest

from bench.servers import fetch, wait_until
from bench.tests.clients import DEMO_ADMIN, LoadRecorder, admin_login

pytestmark = pytest.mark.faults

ARTICLE = "/en/articles/cervical-insufficiency/"
FRIENDLY_503 = "Sorry, this page is not available right now"


def test_postgres_restart_during_load_gives_friendly_503s_and_the_app_recovers_by_itself(
    private_postgres, site_env, start_app_server
):
    server = start_app_server(site_env)
    urls = [server.url + path for path in (ARTICLE, "/en/search/?q=cervix", "/es/")]
    with LoadRecorder(urls, clients=4) as load:
        load.wait_for(lambda answer: answer.status == 200, count=20)
        private_postgres.stop()
        load.wait_for(lambda answer: answer.status == 503, count=10)
        private_postgres.start()
        back_at = time.monotonic()
        load.wait_for(lambda answer: answer.started > back_at and answer.status == 200, count=30)

    answers = load.answers
    assert {answer.status for answer in answers} == {200, 503}, sorted(
        {
            (answer.status, answer.body[:200])
            for answer in answers
            if answer.status not in {200, 503}
        }
    )
    for answer in (answer for answer in answers if answer.status == 503):
        assert FRIENDLY_503 in answer.body or "no está disponible" in answer.body
        assert answer.retry_after == "30"
        assert "Traceback" not in answer.body and "psycopg" not in answer.body
    # Persistent connections were replaced by the health check, not by a restart:
    # nothing that started after PostgreSQL came back failed, and no worker rebooted.
    assert [a.status for a in answers if a.started > back_at and a.status != 200] == []
    assert server.running and server.worker_boots() == server.workers
    assert "Database unavailable, answering 503" in server.log()


def test_stopped_redis_leaves_every_page_served_and_the_log_says_the_cache_is_down(
    site_env, private_redis, start_app_server
):
    server = start_app_server({**site_env, "REDIS_URL": private_redis.url()})
    pages = [ARTICLE, "/en/", "/es/", "/en/search/?q=cervix", "/en/categories/early-pregnancy/"]
    for path in pages:
        assert fetch(server.url + path)[0] == 200  # the cache is filled
    private_redis.stop()

    for path in pages * 2:
        assert fetch(server.url + path)[0] == 200, path
    assert f"Redis cache at 127.0.0.1:{private_redis.port}/0 is unavailable" in server.log()
    # Sessions live in the database: staff can still log in and work.
    cookie = admin_login(server, *DEMO_ADMIN)
    assert fetch(f"{server.url}/admin/", headers={"Cookie": cookie})[0] == 200

    private_redis.start()
    wait_until(
        lambda: fetch(server.url + ARTICLE)[0] == 200 and "available again" in server.log(),
        timeout=30,
        what="the app servers to use Redis again",
        log=server.log,
    )
