"""
How many questions one reader may send in a short time, counted in the shared cache.

Each identity (a hashed IP address, a browser session) keeps the times of its
recent questions. The limit fails open: when the cache cannot be reached, a
warning is logged and the question goes through, because a frightened
reader's question matters more than a few extra spam posts for the midwives
to reject.
"""

import logging
import time

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)

KEY = "questions-rate:{identity}"


def _keys(identities):
    return [KEY.format(identity=identity) for identity in identities if identity]


def _recent(times, now):
    window = settings.QUESTIONS_RATE_LIMIT_SECONDS
    return [moment for moment in times or () if now - moment < window]


def is_limited(identities, now=None):
    """True when any of ``identities`` has sent the maximum number of questions in the window."""
    keys = _keys(identities)
    if not keys:
        return False
    now = now or time.time()
    try:
        stored = cache.get_many(keys)
    except Exception:
        logger.warning("Question rate limit skipped: the cache is unavailable.", exc_info=True)
        return False
    return any(len(_recent(stored.get(key), now)) >= settings.QUESTIONS_RATE_LIMIT for key in keys)


def record(identities, now=None):
    """Count one question against each of ``identities``."""
    keys = _keys(identities)
    if not keys:
        return
    now = now or time.time()
    try:
        stored = cache.get_many(keys)
        cache.set_many(
            {key: [*_recent(stored.get(key), now), now] for key in keys},
            timeout=settings.QUESTIONS_RATE_LIMIT_SECONDS,
        )
    except Exception:
        logger.warning("Question not counted for the rate limit: the cache is unavailable.")
