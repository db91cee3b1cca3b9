"""
Several app servers behind a load balancer share PostgreSQL and Redis.

Two gunicorn servers on different ports run with the same settings, the
same private PostgreSQL and the same private Redis.
"""

import pytest

from bench.servers import fetch
from bench.tests.clients import DEMO_ADMIN, admin_login, admin_logout

pytestmark = pytest.mark.faults


@pytest.fixture(scope="module")
def two_app_servers(site_env, private_redis, start_app_server):
    env = {**site_env, "REDIS_URL": private_redis.url()}
    return start_app_server(env), start_app_server(env)


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
