"""Article cache generations change when an article is invalidated."""

import pytest

from healthinfo.cache import article_generation, invalidate_article

pytestmark = pytest.mark.django_db


def test_generation_is_stable_until_invalidated(django_capture_on_commit_callbacks):
    first = article_generation(1)
    assert article_generation(1) == first
    with django_capture_on_commit_callbacks(execute=True):
        invalidate_article(1)
    assert article_generation(1) != first


def test_invalidation_waits_for_the_commit(django_capture_on_commit_callbacks):
    first = article_generation(2)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        invalidate_article(2)
    assert article_generation(2) == first
    callbacks[0]()
    assert article_generation(2) != first


def test_articles_have_independent_generations(django_capture_on_commit_callbacks):
    other = article_generation(4)
    with django_capture_on_commit_callbacks(execute=True):
        invalidate_article(3)
    assert article_generation(4) == other
