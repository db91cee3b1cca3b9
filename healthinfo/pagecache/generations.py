"""
Cache generations, kept in the database so that no cache fault can undo an invalidation.

Everything cached about what readers see (a whole shared page, the parts of an
article page, a question thread) records the *generation tokens* it was built
from: an article's own (``article-generation:<id>``), the site-wide content one
and the listings one (``healthinfo.cache``). A change replaces the tokens it
affects, and a cached copy is used only while every token it recorded is
still current.

Why the database and not the cache itself. When the tokens lived in Redis, an
invalidation was a Redis write after the commit: lost while Redis was down or
unreachable from one app server, and undone when Redis came back from a saved
snapshot (old tokens, old pages, served again for a day). Here a token is
rewritten by the same transaction that changes the data, so the change and
its invalidation commit together or not at all, and each use of a cached copy
compares its tokens with the database's. Redis may stop, restart from an old
snapshot, be restored from a backup, lose keys or be unreachable from some app
servers only: it can then serve a miss, never a page a committed change replaced.

Cost: one indexed query for the tokens a request needs (two or three keys),
remembered for the rest of the request. A shared page may also use tokens
this process read less than ``SHARED_PAGE_RECHECK_SECONDS`` ago (at most one
second; ``current(keys, recent=True)``): then a page served from the cache
costs no query at all, and a change still shows within that time. Tokens read
inside a transaction are never kept (they may be its own uncommitted writes),
and a change made by this process drops them at once. On PostgreSQL, outside a transaction,
it runs on a small connection of its own (``_OwnConnection``): Django's
connection would first run its health check (``CONN_HEALTH_CHECKS``), a second
round trip that a page served from the cache does not otherwise need.

When the database cannot be read, the tokens come from their copy in the cache
(written after each commit, as before): readers keep getting cached pages while
PostgreSQL is down, and nothing can be committed meanwhile that the copy would miss.
"""

import contextlib
import logging
import threading
import time
import uuid
from dataclasses import dataclass
from datetime import datetime

from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

logger = logging.getLogger("healthinfo.cache")

# After the database failed to answer, read the cache's copy for this long before trying again.
RETRY_DATABASE_AFTER = 5.0


@dataclass(frozen=True)
class Generation:
    """A generation's current token and when it was last changed (None: never)."""

    token: str
    changed_at: datetime | None = None
    # True when read from the cache's copy because the database could not be reached.
    from_copy: bool = False


NEVER_CHANGED = Generation("")

# healthinfo.cache's site-wide keys (content, listings), read with any other.
SITE_WIDE = ("content-generation", "listings-generation")


class _RequestMemo(threading.local):
    """Tokens read during the current request (None outside a request: always ask)."""

    tokens = None


_memo = _RequestMemo()


def _start_memo(**kwargs):
    _memo.tokens = {}


def _end_memo(**kwargs):
    _memo.tokens = None


request_started.connect(_start_memo, dispatch_uid="pagecache-generations-memo-start")
request_finished.connect(_end_memo, dispatch_uid="pagecache-generations-memo-end")


class _RecentTokens:
    """
    Tokens this process read from the database outside a transaction, with the
    moment each read started: ``current(keys, recent=True)`` uses them for up to
    ``SHARED_PAGE_RECHECK_SECONDS``.
    """

    def __init__(self):
        self._tokens = {}
        self._lock = threading.Lock()

    def get(self, keys, max_age):
        clock = time.monotonic()
        found = {}
        with self._lock:
            for key in keys:
                generation, read_at = self._tokens.get(key, (None, None))
                if generation is not None and clock - read_at < max_age:
                    found[key] = generation
        return found

    def put(self, generations, read_at):
        with self._lock:
            for key, generation in generations.items():
                known = self._tokens.get(key)
                # A read that started earlier never replaces a later one.
                if known is None or known[1] <= read_at:
                    self._tokens[key] = (generation, read_at)

    def forget(self, keys):
        with self._lock:
            for key in keys:
                self._tokens.pop(key, None)

    def clear(self):
        with self._lock:
            self._tokens.clear()


recent_tokens = _RecentTokens()


class _Uncommitted(threading.local):
    """Keys this thread gave new tokens in the transaction it has open."""

    def __init__(self):
        self.keys = set()


_uncommitted = _Uncommitted()


def _recheck_seconds():
    from django.conf import settings

    return min(float(getattr(settings, "SHARED_PAGE_RECHECK_SECONDS", 0) or 0), 1.0)


def current(keys, *, recent=False):
    """
    ``{key: Generation}`` for ``keys``: one query for those not read yet in this request.

    With ``recent``, tokens this process read less than ``SHARED_PAGE_RECHECK_SECONDS``
    ago are used as they are (no query when every key has one): for serving a
    shared page, where a change may take that long to show.
    """
    keys = list(dict.fromkeys(keys))
    memo = _memo.tokens
    missing = [key for key in keys if memo is None or key not in memo]
    found = {}
    if missing:
        if not connection.in_atomic_block:
            _uncommitted.keys.clear()
        max_age = _recheck_seconds() if recent else 0
        if max_age:
            found = recent_tokens.get(
                [key for key in missing if key not in _uncommitted.keys], max_age
            )
            missing = [key for key in missing if key not in found]
        if missing:
            if memo is not None:
                # The site-wide tokens come along: most pages need both, in separate places.
                missing += [
                    key
                    for key in SITE_WIDE
                    if key not in memo and key not in missing and key not in found
                ]
            read_at = time.monotonic()
            read = _read(missing)
            if not any(value.from_copy for value in read.values()):
                # Not a token this thread's open transaction wrote: it may roll back.
                recent_tokens.put(
                    {key: value for key, value in read.items() if key not in _uncommitted.keys},
                    read_at,
                )
            found.update(read)
        if memo is not None:
            memo.update(found)
    return {key: found[key] if key in found else memo[key] for key in keys}


def token(key):
    """The current token of one generation ("" when it never changed)."""
    return current([key])[key].token


def token_subquery(key):
    """
    An expression for the current token of the generation ``key`` (an expression
    too, say ``Concat(Value("article-generation:"), ...)``), so that a view's first
    query brings the tokens of its page along, in the same snapshot as its rows.
    Hand them to ``remember``.
    """
    from django.db.models import Subquery

    from healthinfo.pagecache.models import CacheGeneration

    return Subquery(CacheGeneration.objects.filter(key=key).values("token")[:1])


def remember(tokens):
    """Keep ``{key: token or None}`` read along with a query for the rest of this request."""
    memo = _memo.tokens
    if memo is None:
        return
    for key, value in tokens.items():
        # A token read earlier in the request wins: it was read before the page's data.
        memo.setdefault(key, Generation(value or "") if value is not None else NEVER_CHANGED)


def bump(keys, *, purge=False):
    """
    Give ``keys`` new tokens, inside the current transaction.

    Every cached copy built from the old tokens stops being served once the
    transaction commits (and never, if it rolls back). After the commit the
    new tokens are copied to the cache (read only while the database is
    down), and, with ``purge``, HTTP caches are told (``http_cache``).
    """
    from healthinfo.pagecache.models import CacheGeneration

    keys = sorted(set(keys))  # one order for every writer: rows are locked in it
    now = timezone.now()
    rows = [
        CacheGeneration(key=key, token=uuid.uuid4().hex, changed_at=now, purge_pending=purge)
        for key in keys
    ]
    CacheGeneration.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["key"],
        update_fields=["token", "changed_at", "purge_pending"],
    )
    if _memo.tokens is not None:
        for key in keys:
            _memo.tokens.pop(key, None)
    recent_tokens.forget(keys)
    _uncommitted.keys.update(keys)
    tokens = {row.key: row.token for row in rows}
    transaction.on_commit(lambda: _after_commit(tokens, purge))


def _after_commit(tokens, purge):
    # Read by another thread of this process before the commit: this process sees it now.
    _uncommitted.keys.difference_update(tokens)
    recent_tokens.forget(tokens)
    # The copy for database outages; a failure here is harmless (see module docs).
    try:
        cache.set_many(tokens, timeout=None)
    except Exception:
        logger.warning("Cache generations not copied to the cache.", exc_info=True)
    if purge:
        from healthinfo.pagecache import http_cache

        http_cache.purge_after_change(tokens)


def _read(keys):
    """``{key: Generation}`` from the database, or from the cache's copy when it is unreachable."""
    try:
        if _OwnConnection.suitable():
            rows = _own_connection.read(keys)
        else:
            from healthinfo.pagecache.models import CacheGeneration

            rows = CacheGeneration.objects.filter(key__in=keys).values_list(
                "key", "token", "changed_at"
            )
        generations = dict.fromkeys(keys, NEVER_CHANGED)
        generations.update({key: Generation(token, changed) for key, token, changed in rows})
        return generations
    except DatabaseError as error:
        return _from_copy(keys, error)


class _Warned(threading.local):
    at = None


_warned = _Warned()
# While the database stays unreachable, repeat the warning this often, not on every request.
REPEAT_WARNING_AFTER = 60.0


def _from_copy(keys, error):
    clock = time.monotonic()
    if _warned.at is None or clock - _warned.at >= REPEAT_WARNING_AFTER:
        _warned.at = clock
        logger.warning(
            "Cache generations read from the cache's copy: the database is unavailable (%s: %s).",
            type(error).__name__,
            str(error).strip().splitlines()[0] if str(error).strip() else "",
        )
    try:
        copied = cache.get_many(keys)
    except Exception:
        copied = {}
    # A key without a copy is unknown: a token no cached copy can hold, so nothing is served.
    return {
        key: Generation(
            copied[key] if key in copied else f"unknown-{uuid.uuid4().hex}", None, from_copy=True
        )
        for key in keys
    }


def keep_copies(tokens):
    """
    Give the cache a copy of ``{key: token}`` read from the database, where it has none.

    Called when a page built from those tokens is stored, so that the page can be
    served while the database is unreachable even if its generations have not
    changed since the cache started (the copy is otherwise written only after a
    change). ``add`` never replaces a copy: a change's own copy is always newer.
    """
    for key, value in tokens.items():
        try:
            cache.add(key, value, timeout=None)
        except Exception:
            logger.warning("Cache generation copy not added.", exc_info=True)
            return


class _OwnConnection(threading.local):
    """
    A psycopg connection of this thread for reading tokens, outside Django's connection.

    Used on PostgreSQL when no transaction is open (a transaction must see its
    own writes, so it reads through Django's connection). Errors close it; the
    next read after ``RETRY_DATABASE_AFTER`` seconds connects again.
    """

    QUERY = "SELECT key, token, changed_at FROM pagecache_cachegeneration WHERE key = ANY(%s)"

    connection = None
    failed_at = None
    target = None
    # Queries run on it, for whoever counts a request's queries (bench.middleware).
    queries = 0

    @staticmethod
    def suitable():
        return connection.vendor == "postgresql" and not connection.in_atomic_block

    def read(self, keys):
        import psycopg

        from healthinfo.postgresql.base import deadline

        if deadline.failing_fast():
            # Django's connection just timed out on a frozen server: don't wait on it either.
            raise DatabaseError("the database did not answer moments ago; not waiting on it")
        if self.failed_at is not None and time.monotonic() - self.failed_at < RETRY_DATABASE_AFTER:
            raise DatabaseError("the database failed moments ago; not trying it again yet")
        try:
            if self.connection is None or self.connection.closed or self.target != _target():
                self._connect()
            self.queries += 1
            rows = self.connection.execute(self.QUERY, [list(keys)]).fetchall()
        except psycopg.Error as error:
            self.close()
            self.failed_at = time.monotonic()
            if isinstance(error, psycopg.errors.ConnectionTimeout) and deadline.seconds is not None:
                deadline.record_timeout()  # Django's connection would wait on it too
            raise DatabaseError(str(error)) from error
        self.failed_at = None
        return rows

    def _connect(self):
        import psycopg

        from healthinfo.postgresql.base import DeadlineConnection

        self.close()
        params = connection.get_connection_params()
        params.pop("cursor_factory", None)
        params.pop("context", None)
        params.pop("server_side_binding", None)
        # The app server's deadline holds here too: a frozen PostgreSQL must not hang a
        # cached page (the tokens then come from the cache's copy).
        connection_class = (
            DeadlineConnection if connection.vendor == "postgresql" else psycopg.Connection
        )
        self.connection = connection_class.connect(**params, autocommit=True)
        self.target = _target()

    def close(self):
        if self.connection is not None:
            with contextlib.suppress(Exception):
                self.connection.close()
        self.connection = None


def _target():
    # The test runner renames the database in place: follow it.
    settings = connection.settings_dict
    return (settings["NAME"], settings["HOST"], settings["PORT"], settings["USER"])


_own_connection = _OwnConnection()
