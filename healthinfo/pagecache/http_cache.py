"""
Reader pages behind a standard HTTP cache (Varnish, nginx, a CDN), and telling it what changed.

A page shared by every reader without a session (``healthinfo.shared_pages``)
holds nothing of any one reader, so a shared cache in front of the app
servers may keep it. Its answer says so:

- ``Cache-Control: public, max-age=0, s-maxage=N``: shared caches keep it up to
  N seconds (``HTTP_CACHE_SECONDS``, less when the page changes by itself
  sooner: at midnight, at a scheduled publish); browsers ask again each time;
- ``Vary: Cookie``: a reader with a session or her reader cookie gets another answer (her own
  questions, her vote), marked ``Cache-Control: private`` so no shared cache
  keeps it;
- ``X-Cache-Tags``: the cache generations the page was built from
  (``article-generation-12,content-generation``), the surrogate keys a purge names.

When a generation changes, after the commit, every purger is told its tag,
and told again once ``SHARED_PAGE_RECHECK_SECONDS`` (and a margin) have passed
(``purge_after_change``). Why twice: an app server may judge a page on tokens
it read up to that long ago, so a copy the HTTP cache fetches just after the
first purge may still be the previous page; by the second, every server has
read the new tokens. That is what lets anonymous answers be judged on recent
tokens (no query) with a cache in front, and the change still shows within a
second. The generation row keeps ``purge_pending`` until the second purge
succeeded, and each app server retries the pending ones every few seconds, so
an HTTP cache that was unreachable (or a process that stopped between the two
purges) is purged once it answers again (and a copy it kept can never outlive
``s-maxage``).

Purgers are pluggable (``HTTP_CACHE_PURGER``): a class with ``purge(tags)``
that raises when the cache could not be told. ``VarnishPurger`` sends Varnish
a ``BAN`` request (the VCL in the README turns it into a ban on
``obj.http.X-Cache-Tags``); a CDN's API (Fastly's surrogate keys, Cloudflare's
cache tags) fits the same method.
"""

import http.client
import logging
import re
import threading
import time
from datetime import timedelta
from functools import reduce
from operator import or_
from urllib.parse import urlsplit

from django.conf import settings
from django.core.signals import request_finished, setting_changed
from django.db.models import Q
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.module_loading import import_string

logger = logging.getLogger("healthinfo.cache")

TAGS_HEADER = "X-Cache-Tags"
PURGE_TAGS_HEADER = "X-Purge-Tags"
# Pending purges older than this are retried (younger ones are still being sent by their writer).
RETRY_AFTER_SECONDS = 2
RETRY_EVERY_SECONDS = 5
# The second purge of a change comes this long after the recheck time: the last
# request judged on tokens older than the change has finished by then.
PURGE_AGAIN_MARGIN_SECONDS = 0.1


class PurgeFailed(RuntimeError):
    """An HTTP cache could not be told to forget pages; they are retried later."""


class Purger:
    """Tells the HTTP caches in front of the site to forget every page carrying one of ``tags``."""

    def purge(self, tags):
        raise NotImplementedError


class VarnishPurger(Purger):
    """
    ``BAN`` requests to each Varnish in ``urls`` (one per server), with the tags in
    ``X-Purge-Tags`` separated by ``|``. Varnish answers 200 once the ban is in place.
    """

    def __init__(self, urls, timeout=1.0):
        self.urls = list(urls)
        self.timeout = timeout

    def purge(self, tags):
        failures = []
        for url in self.urls:
            parts = urlsplit(url)
            connection = http.client.HTTPConnection(
                parts.hostname, parts.port or 80, timeout=self.timeout
            )
            try:
                connection.request("BAN", "/", headers={PURGE_TAGS_HEADER: "|".join(tags)})
                status = connection.getresponse().status
                if status != 200:
                    failures.append(f"{url} answered {status}")
            except OSError as error:
                failures.append(f"{url}: {error}")
            finally:
                connection.close()
        if failures:
            raise PurgeFailed("; ".join(failures))


def tag_for(key):
    """The tag of a generation key in headers and purges: lower-case letters, digits and '-'."""
    return re.sub(r"[^a-z0-9]+", "-", key.lower()).strip("-")


_purger = None
_purger_lock = threading.Lock()


def get_purger():
    """The configured purger, or None when no HTTP cache is in front of the site."""
    global _purger
    config = settings.HTTP_CACHE_PURGER
    if not config:
        return None
    with _purger_lock:
        if _purger is None:
            _purger = import_string(config["BACKEND"])(**config.get("OPTIONS", {}))
        return _purger


def _forget_purger(*, setting, **kwargs):
    global _purger
    if setting == "HTTP_CACHE_PURGER":
        _purger = None


setting_changed.connect(_forget_purger, dispatch_uid="pagecache-http-cache-purger")


def shared_cache_control(expires_at, now):
    """``Cache-Control`` of a shared answer at ``now`` (the page changes at ``expires_at``)."""
    seconds = settings.HTTP_CACHE_SECONDS
    # Overdue notices and review dates are worded per day: no copy outlives the day.
    tomorrow = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    tomorrow += timedelta(days=1)
    for moment in (expires_at, tomorrow):
        if moment is not None:
            seconds = min(seconds, max(0, int((moment - now).total_seconds())))
    return f"public, max-age=0, s-maxage={seconds}"


def shared_answer(response, *, keys, expires_at=None, now=None):
    """Mark ``response`` as the same for every reader without a session, tagged with ``keys``."""
    response["Cache-Control"] = shared_cache_control(expires_at, now or timezone.now())
    patch_vary_headers(response, ["Cookie"])
    response[TAGS_HEADER] = ",".join(sorted(tag_for(key) for key in keys))
    return response


def private_answer(response):
    """Mark ``response`` as one reader's own: no shared cache may keep it."""
    response["Cache-Control"] = "private, max-age=0"
    patch_vary_headers(response, ["Cookie"])
    if TAGS_HEADER in response:
        del response[TAGS_HEADER]
    return response


def purge_after_change(tokens):
    """
    Purge the generations ``{key: token}`` a change just committed: at once, and
    again when no app server can still judge a page on the previous tokens (see
    the module's docs). The row stays pending until the second purge succeeded.
    """
    if get_purger() is None or not tokens:
        return
    recheck = settings.SHARED_PAGE_RECHECK_SECONDS
    if not recheck:
        purge_generations(tokens)
        return
    purge_generations(tokens, final=False)
    timer = threading.Timer(recheck + PURGE_AGAIN_MARGIN_SECONDS, _purge_again, (tokens,))
    timer.daemon = True
    timer.start()


def _purge_again(tokens):
    from django.db import connection

    try:
        purge_generations(tokens)
    except Exception:
        logger.warning("Second purge not sent; retried with the pending ones.", exc_info=True)
    finally:
        connection.close()  # this thread's own, opened for the pending flag


def purge_generations(tokens, *, final=True):
    """
    Tell the HTTP caches that the generations ``{key: token}`` changed; with
    ``final``, note the success (the purge is not pending any more).
    """
    purger = get_purger()
    if purger is None or not tokens:
        return
    try:
        purger.purge(sorted(tag_for(key) for key in tokens))
    except Exception as error:
        logger.warning("HTTP cache not purged yet (retried in a few seconds): %s", error)
        return
    if not final:
        return
    from healthinfo.pagecache.models import CacheGeneration

    # Only the token purged: a newer change still needs its own purge.
    done = reduce(or_, (Q(key=key, token=token) for key, token in tokens.items()))
    try:
        CacheGeneration.objects.filter(done).update(purge_pending=False)
    except Exception:
        logger.warning("Purge not recorded; it will be sent again.", exc_info=True)


class _RetryClock(threading.local):
    last = 0.0


_retry_clock = _RetryClock()


def retry_pending_purges(now=None):
    """Purge again each generation whose purge has not succeeded, a few seconds after it changed."""
    from healthinfo.pagecache.models import CacheGeneration

    now = now or timezone.now()
    pending = dict(
        CacheGeneration.objects.filter(
            purge_pending=True, changed_at__lte=now - timedelta(seconds=RETRY_AFTER_SECONDS)
        ).values_list("key", "token")[:1000]
    )
    purge_generations(pending)
    return pending


def _retry_after_request(**kwargs):
    if get_purger() is None:
        return
    clock = time.monotonic()
    if clock - _retry_clock.last < RETRY_EVERY_SECONDS:
        return
    _retry_clock.last = clock
    try:
        retry_pending_purges()
    except Exception:
        logger.warning("Pending HTTP cache purges not retried.", exc_info=True)


# After the response has gone: no reader waits for it.
request_finished.connect(_retry_after_request, dispatch_uid="pagecache-retry-purges")
