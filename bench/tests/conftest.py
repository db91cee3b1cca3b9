"""
Fixtures of the fault and scale-out tests: real gunicorn servers on a private
PostgreSQL and a private Redis, which the tests may stop and restart.

They run when the suite runs on PostgreSQL (``DATABASE_URL=postgres://…``, as
in CI) and skip with a reason on SQLite or when the server binaries are
missing. They never touch the machine's shared PostgreSQL or Redis.
"""

import os
import secrets
import shutil
import tempfile

import pytest
from django.conf import settings

from bench.servers import (
    AppServer,
    PrivatePostgres,
    PrivateRedis,
    manage,
    postgres_bindir,
    production_env,
    redis_server_path,
)
from bench.tests.clients import MIN_FILL_SECONDS

POSTGRESQL_ENGINES = ("django.db.backends.postgresql", "healthinfo.postgresql")


def skip_or_fail(reason):
    """Skip, unless CI asked for the fault tests (``REQUIRE_FAULT_TESTS=1``): then fail."""
    if os.environ.get("REQUIRE_FAULT_TESTS") == "1":
        pytest.fail(f"REQUIRE_FAULT_TESTS=1 but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def private_postgres():
    if settings.DATABASES["default"]["ENGINE"] not in POSTGRESQL_ENGINES:
        pytest.skip("fault and scale-out tests run on PostgreSQL (DATABASE_URL=postgres://…)")
    if postgres_bindir() is None:
        skip_or_fail("PostgreSQL server binaries (initdb, postgres) are not installed")
    server = PrivatePostgres().start()
    yield server
    server.destroy()


@pytest.fixture(scope="session")
def site_env(private_postgres):
    """
    Production environment of an app server on the private PostgreSQL.

    The database is migrated and holds the demo content and accounts; static
    files are collected into a temporary folder.
    """
    static_root = tempfile.mkdtemp(prefix="healthinfo-static-")
    env = production_env(
        private_postgres.create_database("healthinfo"),
        STATIC_ROOT=static_root,
        # Shared by every app server of the site, as in production.
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        # A load balancer in front appends the reader's address to X-Forwarded-For;
        # the test clients send it that way (bench.tests.clients.Reader).
        DJANGO_TRUSTED_PROXY_COUNT="1",
        # People need seconds to write a question; the test readers wait one.
        QUESTIONS_MIN_FILL_SECONDS=str(MIN_FILL_SECONDS),
        # Each test that counts questions sets its own limit.
        QUESTIONS_RATE_LIMIT="0",
    )
    manage("migrate", "--noinput", env=env)
    manage("load_demo", "--allow-production", env=env)
    manage("collectstatic", "--noinput", "--verbosity=0", env=env)
    yield env
    shutil.rmtree(static_root, ignore_errors=True)


@pytest.fixture(scope="module")
def private_redis():
    if redis_server_path() is None:
        skip_or_fail("redis-server is not installed")
    server = PrivateRedis().start()
    yield server
    server.destroy()


@pytest.fixture(scope="module")
def start_app_server(tmp_path_factory):
    """Start gunicorn (2 workers) with an environment; the servers stop after the module."""
    servers = []

    def start(env, workers=2):
        folder = tmp_path_factory.mktemp("gunicorn")
        server = AppServer(env, folder, workers=workers)
        servers.append(server)
        return server.start()

    yield start
    for server in servers:
        server.stop()
