"""
Several app servers behind a load balancer share PostgreSQL and Redis.

Two gunicorn servers on different ports run with the same settings, the
same private PostgreSQL and the same private Redis.
"""

import time
import uuid

import pytest

from bench.servers import fetch
from bench.tests.clients import (
    DEMO_ADMIN,
    DEMO_MIDWIFE,
    Reader,
    admin_login,
    admin_logout,
    approve_and_reply,
    open_forms,
    question_number,
)

pytestmark = pytest.mark.faults

SLUG = "cervical-insufficiency"
ARTICLE = f"/en/articles/{SLUG}/"
LIMIT = 3


@pytest.fixture(scope="module")
def two_app_servers(site_env, private_redis, start_app_server):
    env = {**site_env, "REDIS_URL": private_redis.url(), "QUESTIONS_RATE_LIMIT": str(LIMIT)}
    # One worker each: a page cached by "the other server" is then certainly the
    # one the next request gets (with two, it might meet the worker that has none).
    return start_app_server(env, workers=1), start_app_server(env, workers=1)


def test_a_session_started_on_one_app_server_works_on_the_other(two_app_servers):
    first, second = two_app_servers
    cookie = admin_login(first, *DEMO_ADMIN)

    status, _, body = fetch(f"{second.url}/admin/", headers={"Cookie": cookie})
    assert status == 200
    assert b"Content and moderation" in body and b"Log out" in body


def test_logging_out_on_one_app_server_ends_the_session_on_the_other(two_app_servers):
    first, second = two_app_servers
    cookie = admin_login(first, *DEMO_ADMIN)
    assert fetch(f"{first.url}/admin/", headers={"Cookie": cookie})[0] == 200

    admin_logout(second, cookie)

    status, headers, _ = fetch(f"{first.url}/admin/", headers={"Cookie": cookie})
    assert status == 302
    assert headers["Location"].startswith("/admin/login/")


def test_a_question_approved_on_one_server_is_on_the_others_cached_page_within_a_second(
    two_app_servers, site_env
):
    # The other server uses cache generation tokens it read up to
    # SHARED_PAGE_RECHECK_SECONDS (0.5 s by default) ago.
    first, second = two_app_servers
    marker = uuid.uuid4().hex[:12]
    reader = open_forms(second, SLUG, ["203.0.113.77"])[0]
    assert reader.ask(second, SLUG, f"Question {marker}: can the stitch come out early?") == 302
    before = fetch(second.url + ARTICLE)[2].decode()  # cached now (for anonymous readers)
    assert marker not in before

    midwife = admin_login(first, *DEMO_MIDWIFE)
    approve_and_reply(first, midwife, question_number(site_env, marker), f"Reply {marker}: yes.")
    approved_at = time.monotonic()

    after = fetch(second.url + ARTICLE)[2].decode()
    while f"Question {marker}" not in after and time.monotonic() - approved_at < 1.0:
        time.sleep(0.05)
        after = fetch(second.url + ARTICLE)[2].decode()
    assert f"Question {marker}" in after and f"Reply {marker}: yes." in after


def test_the_rate_limit_counts_questions_sent_to_either_server(two_app_servers):
    first, second = two_app_servers
    marker = uuid.uuid4().hex[:12]
    reader = open_forms(first, SLUG, ["203.0.113.88"])[0]
    statuses = [
        reader.ask(server, SLUG, f"Question {marker}-{turn}: when is the stitch removed?")
        for turn, server in enumerate([first, second, first, second, first])
    ]
    assert statuses == [302] * LIMIT + [429, 429]

    # A new browser at the same address is limited too, on both servers.
    same_address = Reader("203.0.113.88").open_form(second, SLUG)
    same_address.form_token = reader.form_token  # opened long enough ago
    for server in (first, second):
        assert same_address.ask(server, SLUG, f"New browser {marker}: stitch?") == 429
