"""Anonymous pages behind a standard HTTP cache: headers, tags and durable purges."""

import pytest
from django.test import Client

from comments import services as question_services
from comments.tests.factories import make_midwife, make_question
from healthinfo.cache import GENERATION_KEY, invalidate_article
from healthinfo.pagecache import http_cache
from healthinfo.pagecache.models import CacheGeneration
from healthinfo.tests.factories import make_article

pytestmark = pytest.mark.django_db


class RecordingPurger(http_cache.Purger):
    """A stand-in HTTP cache: records purges, or fails while ``down``."""

    purged = []
    down = False

    def purge(self, tags):
        if RecordingPurger.down:
            raise http_cache.PurgeFailed("connection refused")
        RecordingPurger.purged.append(sorted(tags))


@pytest.fixture
def purger(settings):
    RecordingPurger.purged = []
    RecordingPurger.down = False
    settings.HTTP_CACHE_PURGER = {
        "BACKEND": "healthinfo.pagecache.tests.test_http_cache.RecordingPurger"
    }
    return RecordingPurger


def test_a_change_purges_the_tags_its_pages_carry(purger, django_capture_on_commit_callbacks):
    article = make_article("topic")
    page = Client().get("/en/articles/topic/")
    tags = page["X-Cache-Tags"].split(",")
    question = make_question(article, body="Can I swim at 30 weeks?")
    with django_capture_on_commit_callbacks(execute=True):
        question_services.approve(question, make_midwife())
    assert [f"article-generation-{article.pk}"] in purger.purged
    assert f"article-generation-{article.pk}" in tags


def test_nothing_is_purged_before_the_commit(purger, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        invalidate_article(5)
    assert purger.purged == []


def test_a_failed_purge_is_kept_and_sent_again(purger, django_capture_on_commit_callbacks):
    purger.down = True
    with django_capture_on_commit_callbacks(execute=True):
        invalidate_article(5)
    row = CacheGeneration.objects.get(key=GENERATION_KEY.format(article_id=5))
    assert row.purge_pending
    purger.down = False
    later = row.changed_at + http_cache.timedelta(seconds=http_cache.RETRY_AFTER_SECONDS + 1)
    assert GENERATION_KEY.format(article_id=5) in http_cache.retry_pending_purges(now=later)
    assert ["article-generation-5"] in purger.purged
    assert not CacheGeneration.objects.get(key=row.key).purge_pending


@pytest.mark.django_db(transaction=True)
def test_a_change_is_purged_again_once_no_server_can_judge_on_the_old_tokens(purger, settings):
    """
    Another app server may answer the HTTP cache's refetch, just after the first
    purge, with the previous page (tokens it read up to the recheck time ago):
    the second purge, after that time, removes it. The row stays pending until then.
    """
    import time

    settings.SHARED_PAGE_RECHECK_SECONDS = 0.3
    invalidate_article(11)
    tag = ["article-generation-11"]
    key = GENERATION_KEY.format(article_id=11)
    assert purger.purged == [tag]
    assert CacheGeneration.objects.get(key=key).purge_pending
    time.sleep(0.3)
    assert purger.purged == [tag]  # not before the recheck time
    deadline = time.monotonic() + 5
    while purger.purged == [tag] and time.monotonic() < deadline:
        time.sleep(0.02)
    assert purger.purged == [tag, tag]
    while CacheGeneration.objects.get(key=key).purge_pending and time.monotonic() < deadline:
        time.sleep(0.02)
    assert not CacheGeneration.objects.get(key=key).purge_pending


@pytest.mark.django_db(transaction=True)
def test_a_failed_second_purge_is_left_to_the_retries(purger, settings):
    import time

    settings.SHARED_PAGE_RECHECK_SECONDS = 0.1
    invalidate_article(12)
    purger.down = True
    time.sleep(0.5)  # the second purge failed
    key = GENERATION_KEY.format(article_id=12)
    assert CacheGeneration.objects.get(key=key).purge_pending
    purger.down = False
    later = CacheGeneration.objects.get(key=key).changed_at + http_cache.timedelta(seconds=3)
    assert key in http_cache.retry_pending_purges(now=later)
    assert not CacheGeneration.objects.get(key=key).purge_pending


def test_a_purge_of_an_old_token_leaves_a_newer_change_pending(purger):
    invalidate_article(6)
    row = CacheGeneration.objects.get(key=GENERATION_KEY.format(article_id=6))
    old_token = row.token
    invalidate_article(6)  # a newer change, not purged yet
    http_cache.purge_generations({row.key: old_token})
    assert CacheGeneration.objects.get(key=row.key).purge_pending


def test_without_a_purger_nothing_waits_for_a_purge(settings):
    settings.HTTP_CACHE_PURGER = None
    invalidate_article(8)
    assert not CacheGeneration.objects.get(key=GENERATION_KEY.format(article_id=8)).purge_pending


def test_pages_expire_for_http_caches_by_midnight_and_at_scheduled_changes(settings):
    from datetime import timedelta

    from django.http import HttpResponse
    from django.utils import timezone

    settings.HTTP_CACHE_SECONDS = 86_400
    now = timezone.now()
    soon = http_cache.shared_answer(HttpResponse(), keys=["a"], expires_at=now + timedelta(60))
    assert int(soon["Cache-Control"].rsplit("=", 1)[1]) <= 86_400
    sooner = http_cache.shared_answer(
        HttpResponse(), keys=["a"], expires_at=now + timedelta(seconds=30), now=now
    )
    assert sooner["Cache-Control"] == "public, max-age=0, s-maxage=30"


def test_a_reader_with_a_session_is_never_offered_to_a_shared_cache(client):
    make_article("topic")
    Client().get("/en/articles/topic/")
    client.post("/en/articles/topic/feedback/", {"useful": "yes"})
    response = client.get("/en/articles/topic/")
    assert response["Cache-Control"].startswith("private")
    assert "X-Cache-Tags" not in response
    assert "Cookie" in response["Vary"]


def test_tags_are_safe_in_a_ban_expression():
    assert http_cache.tag_for("article-generation:12") == "article-generation-12"
    assert http_cache.tag_for("Weird Key/../(x)") == "weird-key-x"
