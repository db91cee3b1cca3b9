"""
Cache versioning for reader pages.

Each article has a *cache generation*, and so do two site-wide things: the
content (how links between articles and the category menu render) and the
listings (home, categories, A-Z, search). Anything cached about them records
the generation tokens it was built from, so replacing a token invalidates all
of it at once, on every app server.

The tokens are kept in the database and replaced inside the transaction that
changes what readers see (``healthinfo.pagecache.generations``): a change and
its invalidation commit together, so no cache outage, restart or restored
snapshot can bring an old page back. The functions here are what the rest of
the site calls.
"""

from healthinfo.pagecache import generations, http_cache

GENERATION_KEY = "article-generation:{article_id}"
CONTENT_GENERATION_KEY = "content-generation"
LISTINGS_GENERATION_KEY = "listings-generation"
# One reader question's own generation: the fragment its asker sees while it awaits review.
QUESTION_GENERATION_KEY = "question-generation:{question_id}"


def article_generation(article_id):
    """The current cache generation token of the article with ``article_id``."""
    return generations.token(GENERATION_KEY.format(article_id=article_id))


def content_generation():
    """
    The site-wide generation token: it changes when any article is published,
    unpublished or retitled, which changes how links between articles render.
    """
    return generations.token(CONTENT_GENERATION_KEY)


def listings_generation():
    """
    The token that changes with any article, translation, section or category:
    pages that list articles and cached search results follow it.
    """
    return generations.token(LISTINGS_GENERATION_KEY)


def generation(key):
    """The current token of the generation stored under ``key``."""
    return generations.token(key)


def _invalidate(*keys):
    generations.bump(keys, purge=http_cache.get_purger() is not None)


def invalidate_article(article_id):
    """
    Forget everything cached about an article, as part of the current transaction.

    Call it from every write a reader would see: article content, publication,
    reviews, questions and replies. The new token is visible when the change
    is: a page rendered from the old state before the commit is stale after it.
    """
    _invalidate(GENERATION_KEY.format(article_id=article_id))


def invalidate_content():
    """Forget every cached article page (with the commit): links between articles changed."""
    _invalidate(CONTENT_GENERATION_KEY)


def invalidate_listings():
    """
    Forget every cached page that lists articles (with the commit): an article, a
    translation or a category changed, including review dates and summaries.
    """
    _invalidate(LISTINGS_GENERATION_KEY)


def invalidate_question(question_id):
    """
    Forget the cached fragment of one question as its asker sees it (awaiting
    review), as part of the current transaction: it was moderated, edited,
    redacted, marked urgent or not, or deleted. Nothing shared changes, so no
    HTTP cache is told (her page is never kept by one).
    """
    generations.bump([QUESTION_GENERATION_KEY.format(question_id=question_id)])
