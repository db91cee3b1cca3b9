"""
How many questions one reader may send in a short time: a shared count in the
cache, and each app server process's own count for when the cache fails.

Two limits, both per identity (a hashed IP address, a browser):

- **questions** (``take``): ``QUESTIONS_RATE_LIMIT`` accepted questions per
  ``QUESTIONS_RATE_LIMIT_SECONDS``. A question takes a free slot, and a slot
  frees itself a window after it was taken (the cache key expires). Taking a
  slot is one atomic ``cache.add`` (``SET NX`` on Redis), so the count holds
  when several app servers, or several workers of one, take questions from the
  same reader at the same moment.
- **attempts** (``take_attempt``): ``QUESTIONS_ATTEMPT_LIMIT`` posts of the
  form per window, valid or not, counted *before* the form is validated, so a
  bot sending malformed or oversized posts is turned away at the door instead
  of costing validation each time. It is looser than the questions limit, so a
  reader correcting a mistake or two is never refused for it.

Every slot is also counted in this process (``LocalCounts``). A post is
refused when either count is full. While Redis works the shared count is the
stricter one; when Redis is unreachable, or comes back empty after a restart,
the process's own count still holds a flood to the limit (per process: with
``N`` worker processes a reader may get up to ``N`` times the limit through
during an outage, never an unlimited number). The log says which count refused
a post, and warns (once a minute) while the shared count is unavailable.
"""

import logging
import threading
import time
from collections import OrderedDict, deque

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)

KEYS = {
    "questions": "questions-rate:{identity}:{slot}",
    "attempts": "questions-attempts:{identity}",
}
UNAVAILABLE = (
    "Question rate limit: the shared count in the cache is unavailable, so each app server "
    "process counts on its own (%d %s per %d s)."
)
WARN_EVERY_SECONDS = 60
# Unless QUESTIONS_ATTEMPT_LIMIT says otherwise: posts allowed per accepted question.
ATTEMPTS_PER_QUESTION = 5


class LocalCounts:
    """
    Sliding-window counts in this process: ``{(scope, identity): deque of times}``.

    Bounded: at most ``max_identities`` are remembered (the least recently
    seen are forgotten first), so a flood from many addresses cannot grow it
    without end.
    """

    def __init__(self, max_identities=50_000):
        self.max_identities = max_identities
        self._times = OrderedDict()
        self._lock = threading.Lock()
        self.warned_at = 0.0

    def take(self, scope, identity, limit, window, now):
        """True when ``identity`` had fewer than ``limit`` posts in the window; counts this one."""
        key = (scope, identity)
        with self._lock:
            times = self._times.pop(key, None) or deque()
            while times and times[0] <= now - window:
                times.popleft()
            free = len(times) < limit
            if free:
                times.append(now)
            self._times[key] = times  # now the most recently seen
            while len(self._times) > self.max_identities:
                self._times.popitem(last=False)
            return free

    def clear(self):
        with self._lock:
            self._times.clear()
            self.warned_at = 0.0


local_counts = LocalCounts()


def _shared_question_slot(identity, limit, window, now):
    for slot in range(limit):
        key = KEYS["questions"].format(identity=identity, slot=slot)
        if cache.add(key, now, timeout=window):
            return True
    return False


def _shared_attempt(identity, limit, window, now):
    key = KEYS["attempts"].format(identity=identity)
    cache.add(key, 0, timeout=window)
    return cache.incr(key) <= limit


def _take(scope, identities, limit, window, shared_take, now):
    identities = [identity for identity in identities if identity]
    if not identities or limit <= 0:
        return True
    now = now or time.time()
    # Every identity takes its slot (no short cut): a refused attempt still
    # counts against the reader's other identities, so retrying keeps them limited.
    local = [local_counts.take(scope, identity, limit, window, now) for identity in identities]
    try:
        shared = [shared_take(identity, limit, window, now) for identity in identities]
    except Exception:  # a cache that raises (Django's own Redis backend) or loses a key
        shared = None
        logger.debug("Rate limit: the cache failed", exc_info=True)
    # ResilientRedisCache does not raise while Redis is down: it answers like an
    # empty cache, so every ``add`` succeeds; it says so with ``available``.
    if shared is None or not getattr(cache, "available", True):
        shared = None
        if now - local_counts.warned_at >= WARN_EVERY_SECONDS:
            local_counts.warned_at = now
            logger.warning(UNAVAILABLE, limit, scope, window)
    if not all(local):
        logger.info(
            "Question rate limit (%s) refused a post: this process's own count "
            "(%d per %d s) is full%s.",
            scope,
            limit,
            window,
            "; the shared count is unavailable" if shared is None else "",
        )
        return False
    if shared is not None and not all(shared):
        logger.info(
            "Question rate limit (%s) refused a post: the shared count in the cache "
            "(%d per %d s) is full.",
            scope,
            limit,
            window,
        )
        return False
    return True


def take(identities, now=None):
    """
    Count one accepted question against each of ``identities``; False when any has no slot left.

    ``QUESTIONS_RATE_LIMIT = 0`` turns the limit off (the benchmark does, to
    measure posting itself).
    """
    return _take(
        "questions",
        identities,
        settings.QUESTIONS_RATE_LIMIT,
        settings.QUESTIONS_RATE_LIMIT_SECONDS,
        _shared_question_slot,
        now,
    )


def take_attempt(identities, now=None):
    """
    Count one post of the question form, before it is validated; False when there were too many.

    ``QUESTIONS_ATTEMPT_LIMIT = 0`` turns it off; ``None`` is five times the questions limit.
    """
    limit = settings.QUESTIONS_ATTEMPT_LIMIT
    if limit is None:
        limit = ATTEMPTS_PER_QUESTION * settings.QUESTIONS_RATE_LIMIT
    return _take(
        "attempts",
        identities,
        limit,
        settings.QUESTIONS_RATE_LIMIT_SECONDS,
        _shared_attempt,
        now,
    )
