"""Article cache generations change when an article is invalidated."""

import pytest
from django.db import transaction

from healthinfo.cache import article_generation, content_generation, invalidate_article
from healthinfo.models import Article
from healthinfo.tests.factories import make_article, review

pytestmark = pytest.mark.django_db


def test_generation_is_stable_until_invalidated(django_capture_on_commit_callbacks):
    first = article_generation(1)
    assert article_generation(1) == first
    with django_capture_on_commit_callbacks(execute=True):
        invalidate_article(1)
    assert article_generation(1) != first


def test_invalidation_is_undone_with_a_rolled_back_transaction():
    first = article_generation(2)
    with transaction.atomic():
        invalidate_article(2)
        assert article_generation(2) != first  # the transaction sees its own change
        transaction.set_rollback(True)
    assert article_generation(2) == first


def test_articles_have_independent_generations(django_capture_on_commit_callbacks):
    other = article_generation(4)
    with django_capture_on_commit_callbacks(execute=True):
        invalidate_article(3)
    assert article_generation(4) == other


def test_recording_a_review_keeps_other_articles_cached(django_capture_on_commit_callbacks):

    article = make_article()
    site_wide = content_generation()
    with django_capture_on_commit_callbacks(execute=True):
        review(article)
    assert content_generation() == site_wide


def test_review_dates_change_links_when_overdue_pages_are_hidden(
    settings, django_capture_on_commit_callbacks
):

    settings.REVIEW_UNPUBLISH_AFTER_DAYS_OVERDUE = 30
    article = make_article()
    site_wide = content_generation()
    with django_capture_on_commit_callbacks(execute=True):
        review(article)
    assert content_generation() != site_wide


def test_unpublishing_changes_how_every_page_links_to_it(django_capture_on_commit_callbacks):

    article = make_article()
    site_wide = content_generation()
    article.status = Article.Status.ARCHIVED
    with django_capture_on_commit_callbacks(execute=True):
        article.save(update_fields=["status"])
    assert content_generation() != site_wide
