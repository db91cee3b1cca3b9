"""
Cache versioning for reader pages.

Each article has a *cache generation*: a random token stored in the shared
cache. Anything cached about an article (its rendered page, its question
thread) puts the token in its key, so replacing the token invalidates all of
it at once, on every app server sharing the cache. A random token (not a
counter) means an evicted or flushed token can never bring an old page back.
"""

import uuid

from django.core.cache import cache
from django.db import transaction

GENERATION_KEY = "article-generation:{article_id}"
CONTENT_GENERATION_KEY = "content-generation"
LISTINGS_GENERATION_KEY = "listings-generation"


def article_generation(article_id):
    """The current cache generation token of the article with ``article_id``."""
    return generation(GENERATION_KEY.format(article_id=article_id))


def content_generation():
    """
    The site-wide generation token: it changes when any article is published,
    unpublished or retitled, which changes how links between articles render.
    """
    return generation(CONTENT_GENERATION_KEY)


def listings_generation():
    """
    The token that changes with any article, translation, section or category:
    pages that list articles and cached search results follow it.
    """
    return generation(LISTINGS_GENERATION_KEY)


def generation(key):
    """The token stored under ``key``, made now if there is none yet."""
    token = cache.get(key)
    if token is None:
        token = uuid.uuid4().hex
        # add() keeps a token another request set in the meantime.
        if not cache.add(key, token, timeout=None):
            token = cache.get(key) or token
    return token


def invalidate_article(article_id):
    """
    Forget everything cached about an article once the current transaction commits.

    Call it from every write a reader would see: article content, publication,
    reviews, questions and replies. Deferring to commit stops a concurrent
    request from caching the old state again before the new one is visible.
    """
    key = GENERATION_KEY.format(article_id=article_id)
    transaction.on_commit(lambda: cache.set(key, uuid.uuid4().hex, timeout=None))


def invalidate_content():
    """Forget every cached article page (on commit): links between articles changed."""
    transaction.on_commit(lambda: cache.set(CONTENT_GENERATION_KEY, uuid.uuid4().hex, timeout=None))


def invalidate_listings():
    """
    Forget every cached page that lists articles (on commit): an article, a
    translation or a category changed, including review dates and summaries.
    """
    transaction.on_commit(
        lambda: cache.set(LISTINGS_GENERATION_KEY, uuid.uuid4().hex, timeout=None)
    )
