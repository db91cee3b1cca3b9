"""
How many questions one reader may send in a short time, counted in the shared cache.

Each identity (a hashed IP address, a browser session) has
``QUESTIONS_RATE_LIMIT`` slots; a question takes a free one, and a slot frees
itself ``QUESTIONS_RATE_LIMIT_SECONDS`` after it was taken (the cache key
expires). Taking a slot is one atomic ``cache.add`` (``SET NX`` on Redis), so
the count holds when several app servers, or several workers of one, take
questions from the same reader at the same moment: a flood of posts gets
exactly the limit through, never "the limit plus whatever raced past it".

The limit fails open: when the cache cannot be reached, a warning is logged
and the question goes through, because a frightened reader's question matters
more than a few extra spam posts for the midwives to reject.
"""

import logging
import time

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)

KEY = "questions-rate:{identity}:{slot}"
SKIPPED = "Question rate limit skipped: the cache is unavailable, so the question is accepted."


def _take_slot(identity, now):
    """True when ``identity`` had a free slot and now holds it."""
    for slot in range(settings.QUESTIONS_RATE_LIMIT):
        if cache.add(
            KEY.format(identity=identity, slot=slot),
            now,
            timeout=settings.QUESTIONS_RATE_LIMIT_SECONDS,
        ):
            return True
    return False


def take(identities, now=None):
    """
    Count one question against each of ``identities``; False when any has no slot left.

    A refused attempt still takes the slots its other identities had free, so a
    reader who keeps retrying stays limited. ``QUESTIONS_RATE_LIMIT = 0``
    turns the limit off (the benchmark does, to measure posting itself).
    """
    identities = [identity for identity in identities if identity]
    if not identities or settings.QUESTIONS_RATE_LIMIT <= 0:
        return True
    now = now or time.time()
    try:
        # Every identity takes its slot (no short cut): see the docstring.
        taken = [_take_slot(identity, now) for identity in identities]
    except Exception:
        logger.warning(SKIPPED, exc_info=True)
        return True
    # ResilientRedisCache does not raise while Redis is down: it answers like an
    # empty cache, so every ``add`` succeeds and the limit is silently gone.
    if not getattr(cache, "available", True):
        logger.warning(SKIPPED)
        return True
    return all(taken)
