"""App servers never wait on PostgreSQL longer than the request deadline (healthinfo/postgresql)."""

import time

import psycopg
import pytest
from django.db import connection

from healthinfo.postgresql import base as engine

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the deadline is PostgreSQL's backend"
)


@pytest.fixture
def deadline_of_one_second():
    engine.limit_waits(1)
    yield
    engine.limit_waits(None)


@pytest.fixture
def raw_connection():
    """
    A connection of this backend outside the test's transaction (it will be closed).

    Without the server's statement_timeout, as a frozen server would behave: only
    the client's deadline can end the wait.
    """
    params = connection.get_connection_params()
    unused = {"context", "cursor_factory", "options"}
    raw = psycopg.connect(**{key: value for key, value in params.items() if key not in unused})
    raw.__class__ = engine.DeadlineConnection
    yield raw
    raw.close()


def test_a_wait_longer_than_the_deadline_ends_in_an_operational_error_and_closes_the_connection(
    deadline_of_one_second, raw_connection
):
    started = time.monotonic()
    with pytest.raises(psycopg.OperationalError, match="did not answer within 1 s"):
        raw_connection.execute("SELECT pg_sleep(5)")
    assert time.monotonic() - started < 2
    assert raw_connection.closed


def test_after_a_timeout_the_process_answers_at_once_for_a_while_then_tries_again(
    deadline_of_one_second, raw_connection, monkeypatch
):
    with pytest.raises(psycopg.OperationalError):
        raw_connection.execute("SELECT pg_sleep(5)")
    started = time.monotonic()
    with pytest.raises(psycopg.OperationalError, match="not waiting on it again"):
        connection.get_new_connection(connection.get_connection_params())
    assert time.monotonic() - started < 0.1
    monkeypatch.setattr(engine.deadline, "retry_at", 0.0)  # the pause is over
    fresh = connection.get_new_connection(connection.get_connection_params())
    assert fresh.execute("SELECT 1").fetchone() == (1,)
    fresh.close()


def test_without_a_deadline_waits_are_not_bounded(raw_connection):
    engine.limit_waits(None)
    assert raw_connection.execute("SELECT pg_sleep(1.2), 1").fetchone()[1] == 1


def test_app_server_connections_get_a_statement_timeout_under_the_deadline(
    deadline_of_one_second,
):
    engine.limit_waits(5)
    params = connection.get_connection_params()
    assert params["options"].endswith("-c statement_timeout=4000")
    assert params["connect_timeout"] == 5
    assert params["keepalives"] == 1 and params["tcp_user_timeout"] == 10_000


def test_every_connection_has_a_statement_timeout_and_keepalives():
    params = connection.get_connection_params()
    assert "-c statement_timeout=60000" in params["options"]
    assert params["keepalives_idle"] == 30 and params["connect_timeout"] == 5


@pytest.fixture
def health_checks(monkeypatch):
    """The number of ``SELECT 1`` health checks the connection runs from now on."""
    calls = []
    original = connection.is_usable

    def counted():
        calls.append(1)
        return original()

    monkeypatch.setattr(connection, "is_usable", counted)
    return calls


def _next_request():
    """What Django does between requests: the next query may run the health check."""
    connection.health_check_done = False


@pytest.mark.django_db
def test_a_connection_that_answered_a_moment_ago_is_not_health_checked_again(health_checks):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    _next_request()
    with connection.cursor() as cursor:
        cursor.execute("SELECT 2")
    assert health_checks == []


@pytest.mark.django_db
def test_a_connection_idle_for_a_while_is_health_checked(health_checks):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    connection.connection.answered_at -= engine.HEALTH_CHECK_SKIP_SECONDS
    _next_request()
    with connection.cursor() as cursor:
        cursor.execute("SELECT 2")
    assert health_checks == [1]


@pytest.mark.django_db
def test_a_connection_with_an_error_is_health_checked(health_checks):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    connection.errors_occurred = True
    _next_request()
    with connection.cursor() as cursor:
        cursor.execute("SELECT 2")
    assert health_checks == [1]
    connection.errors_occurred = False
