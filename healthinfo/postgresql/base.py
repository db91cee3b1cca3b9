"""
Django's PostgreSQL backend (psycopg 3) with a client-side deadline for app servers.

Server-side timeouts cannot help against a PostgreSQL that is frozen (a
stopped process, a hung host whose kernel still acknowledges packets): the
query is delivered, ``statement_timeout`` never starts counting and TCP
keepalives are answered, so the request waits until gunicorn kills the
worker. psycopg waits for the server in ``Connection.wait``, which accepts a
timeout; this backend's connections give every wait one while the process
serves requests (``limit_waits``, called by ``healthinfo.wsgi``).

When PostgreSQL does not answer within ``DATABASE_REQUEST_TIMEOUT`` seconds:

- the connection is closed at once, so nothing waits on it again (the
  server rolls back whatever it had not committed when it sees it closed),
  and ``DatabaseDidNotAnswer`` (an ``OperationalError``) gives the reader
  the 503 page;
- for ``RETRY_AFTER_SECONDS`` this process does not wait on PostgreSQL
  again: requests that need it get the 503 page at once, and pages that do
  not (``/healthz``, pages cached in Redis) are served as usual. Then the
  next request tries again.

A live server that is merely slow is handled by the server itself: app
servers' connections get a ``statement_timeout`` one second shorter than the
deadline, so a long query is cancelled cleanly and the connection stays
usable. Processes that do not serve requests (the worker, management
commands) keep the plain waits and the longer ``DATABASE_STATEMENT_TIMEOUT``.
"""

import logging
import threading
import time

import psycopg
from django.db.backends.postgresql import base

logger = logging.getLogger("healthinfo.database")

# After PostgreSQL failed to answer, requests fail fast for this long.
RETRY_AFTER_SECONDS = 5.0
# A connection the server answered on this recently is not health-checked again.
HEALTH_CHECK_SKIP_SECONDS = 1.0


class DatabaseDidNotAnswer(psycopg.OperationalError):
    """PostgreSQL did not answer in time; the connection has been closed."""


class _Deadline:
    """The wait limit of this process (None: no limit) and the "do not try before" moment."""

    def __init__(self):
        self.seconds = None
        self.retry_at = 0.0
        self._lock = threading.Lock()

    def failing_fast(self):
        return self.seconds is not None and time.monotonic() < self.retry_at

    def record_timeout(self):
        with self._lock:
            first = time.monotonic() >= self.retry_at
            self.retry_at = time.monotonic() + RETRY_AFTER_SECONDS
        if first:
            logger.error(
                "PostgreSQL did not answer within %g s; answering 503 without waiting on it "
                "for %g s, then trying again.",
                self.seconds,
                RETRY_AFTER_SECONDS,
            )


deadline = _Deadline()


def limit_waits(seconds):
    """Bound every wait for PostgreSQL in this process to ``seconds`` (None or 0: no bound)."""
    deadline.seconds = seconds or None
    deadline.retry_at = 0.0


def _not_answering():
    return DatabaseDidNotAnswer(
        f"PostgreSQL did not answer within {deadline.seconds:g} s "
        f"(not waiting on it again for {RETRY_AFTER_SECONDS:g} s)"
    )


class DeadlineConnection(psycopg.Connection):
    """A psycopg connection whose waits for the server end at the process's deadline."""

    # time.monotonic() when the server last answered on this connection.
    answered_at = None

    def wait(self, gen, interval=0.1, timeout=None):
        limit = deadline.seconds
        if limit is None or timeout is not None:
            result = super().wait(gen, interval, timeout)
            self.answered_at = time.monotonic()
            return result
        if deadline.failing_fast():
            self.close()
            raise _not_answering()
        try:
            result = super().wait(gen, interval, limit)
            self.answered_at = time.monotonic()
            return result
        except psycopg.errors._WaitTimeout:
            # The query may be half sent or half answered: the connection is
            # unusable. Closing it never blocks (the socket's buffer takes the
            # goodbye), and a server that wakes up rolls back what it had open.
            self.close()
            deadline.record_timeout()
            raise _not_answering() from None


class DatabaseWrapper(base.DatabaseWrapper):
    def close_if_health_check_failed(self):
        """
        Django's health check (``CONN_HEALTH_CHECKS``: a ``SELECT 1`` before a
        request's first query), skipped when the server answered on this
        connection less than ``HEALTH_CHECK_SKIP_SECONDS`` ago with no error
        since: for a busy app server it is a second round trip on every request.
        A server restarted within that moment costs the next request on this
        connection the 503 page (as any request during the restart), and the
        connection is replaced when that request ends.
        """
        answered_at = getattr(self.connection, "answered_at", None)
        if (
            self.connection is not None
            and not self.health_check_done
            and not self.errors_occurred
            and answered_at is not None
            and time.monotonic() - answered_at < HEALTH_CHECK_SKIP_SECONDS
        ):
            self.health_check_done = True
            return
        super().close_if_health_check_failed()

    def get_connection_params(self):
        params = super().get_connection_params()
        if deadline.seconds is not None:
            # Connecting counts too (libpq's minimum is 2 s).
            params["connect_timeout"] = min(
                int(params.get("connect_timeout") or deadline.seconds),
                max(int(deadline.seconds), 2),
            )
            # A slow query on a live server is cancelled by the server first.
            statement_ms = max(int((deadline.seconds - 1) * 1000), 500)
            params["options"] = f"{params.get('options', '')} -c statement_timeout={statement_ms}"
        return params

    def get_new_connection(self, conn_params):
        if deadline.failing_fast():
            raise _not_answering()
        try:
            connection = super().get_new_connection(conn_params)
        except psycopg.errors.ConnectionTimeout:
            # A frozen server accepts the TCP connection and never answers: as slow as
            # a query that does not return, so the next requests don't wait on it either.
            if deadline.seconds is not None:
                deadline.record_timeout()
            raise
        connection.__class__ = DeadlineConnection
        return connection
