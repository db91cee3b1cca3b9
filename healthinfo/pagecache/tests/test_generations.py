"""Cache generations live in the database: no cache fault can undo an invalidation."""

import pytest
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.test import Client

from comments import services as question_services
from comments.tests.factories import make_midwife, make_question
from healthinfo.cache import GENERATION_KEY, article_generation, invalidate_article
from healthinfo.pagecache import generations
from healthinfo.pagecache.models import CacheGeneration
from healthinfo.shared_pages import local_pages
from healthinfo.tests.factories import make_article

pytestmark = pytest.mark.django_db

# Personal details the detector does not flag (so the question could be published), which
# a midwife removes later: the phone number, now that flagged details cannot be.
PHONE = "Dr Okafor on ward 9"


def snapshot_of_the_cache():
    """What a Redis that saves its data to disk would bring back after a restart."""
    return dict(cache._cache), dict(cache._expire_info)


def restore(snapshot):
    entries, expiry = snapshot
    cache._cache.clear()
    cache._cache.update(entries)
    cache._expire_info.clear()
    cache._expire_info.update(expiry)


@pytest.fixture
def unreachable_cache(monkeypatch):
    """Writes to the cache are lost, as with ``ResilientRedisCache`` while Redis is down."""

    def lost(*args, **kwargs):
        return None

    def dropped():
        for name in ("set", "set_many", "delete", "delete_many"):
            monkeypatch.setattr(cache, name, lost)
        monkeypatch.setattr(cache, "add", lambda *args, **kwargs: True)

    return dropped


def test_a_change_committed_while_the_cache_is_down_is_not_undone_by_its_old_snapshot(
    unreachable_cache,
):
    article = make_article("topic")
    body = f"Please thank {PHONE} for me: is the stitch sore?"
    shown = make_question(article, body=body, status="approved")
    hidden = make_question(article, body="Is swimming safe at 30 weeks?", status="approved")
    page = Client().get("/en/articles/topic/").content.decode()
    assert PHONE in page and "swimming safe" in page  # cached now, in the cache and in memory
    saved = snapshot_of_the_cache()

    unreachable_cache()  # Redis stops (its data saved); a midwife works meanwhile
    midwife = make_midwife()
    question_services.redact(shown, midwife, PHONE)
    question_services.reject(hidden, midwife)

    restore(saved)  # Redis starts again from its saved data
    for _ in range(2):  # this process's own copy, then the cache's
        page = Client().get("/en/articles/topic/").content.decode()
        assert PHONE not in page and "swimming safe" not in page
        assert "[removed]" in page


def test_a_process_that_never_noticed_the_outage_serves_the_new_page():
    article = make_article("topic")
    body = f"Please thank {PHONE}: is the stitch sore?"
    question = make_question(article, body=body, status="approved")
    assert PHONE in Client().get("/en/articles/topic/").content.decode()
    # The change commits on another app server, whose write to the cache was lost:
    # only the database knows. This process's memory and the cache still hold the old page.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(cache, "set_many", lambda *args, **kwargs: None)
        question_services.redact(question, make_midwife(), PHONE)
    assert PHONE not in Client().get("/en/articles/topic/").content.decode()


def test_the_invalidation_commits_or_rolls_back_with_the_change():
    article = make_article("topic")
    before = article_generation(article.pk)
    with transaction.atomic():
        invalidate_article(article.pk)
        transaction.set_rollback(True)
    assert article_generation(article.pk) == before
    invalidate_article(article.pk)
    assert article_generation(article.pk) not in ("", before)


def test_tokens_are_random_so_a_restored_database_cannot_match_another_timeline():
    tokens = set()
    for _ in range(3):
        invalidate_article(7)
        tokens.add(CacheGeneration.objects.get(key=GENERATION_KEY.format(article_id=7)).token)
    assert len(tokens) == 3 and all(len(token) == 32 for token in tokens)


def test_a_page_reads_its_tokens_once(django_assert_num_queries):
    make_article("topic")
    Client().get("/en/articles/topic/")
    local_pages.clear()  # from the cache, not this process's memory
    with django_assert_num_queries(1):
        assert Client().get("/en/articles/topic/").status_code == 200


def test_tokens_come_from_the_cache_copy_while_the_database_is_unreachable(
    monkeypatch, caplog, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invalidate_article(9)
    key = GENERATION_KEY.format(article_id=9)
    stored = CacheGeneration.objects.get(key=key).token

    def unreachable(*args, **kwargs):
        raise DatabaseError("connection refused")

    monkeypatch.setattr(CacheGeneration.objects, "filter", unreachable)
    monkeypatch.setattr(generations._warned, "at", None)
    monkeypatch.setattr(generations._OwnConnection, "suitable", staticmethod(lambda: False))
    found = generations.current([key, "never-copied"])
    assert found[key].token == stored and found[key].from_copy
    # A token without a copy is unknown: no cached page can match it.
    assert found["never-copied"].token.startswith("unknown-")
    assert "database is unavailable" in caplog.text


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_tokens_are_read_on_a_connection_of_their_own():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    invalidate_article(11)
    key = GENERATION_KEY.format(article_id=11)
    assert generations._OwnConnection.suitable()
    assert generations.token(key) == CacheGeneration.objects.get(key=key).token
    assert generations._own_connection.connection is not None
    generations._own_connection.connection.close()  # the database restarted
    generations._own_connection.failed_at = None
    assert generations.token(key) == CacheGeneration.objects.get(key=key).token


def _age_recent_tokens(seconds):
    """As if this process had read its tokens ``seconds`` earlier."""
    with generations.recent_tokens._lock:
        for key, (generation, read_at) in list(generations.recent_tokens._tokens.items()):
            generations.recent_tokens._tokens[key] = (generation, read_at - seconds)


class _Purger:
    def purge(self, tags):
        pass


@pytest.fixture
def recheck(settings):
    settings.SHARED_PAGE_RECHECK_SECONDS = 0.5


def test_a_shared_page_uses_tokens_read_a_moment_ago_without_a_query(
    recheck, django_capture_on_commit_callbacks, django_assert_num_queries
):
    with django_capture_on_commit_callbacks(execute=True):
        make_article("topic", title="Cervical insufficiency")
    Client().get("/en/articles/topic/")  # rendered: its tokens came with its own query
    Client().get("/en/articles/topic/")  # served: the tokens read, and kept for a moment
    with django_assert_num_queries(0):
        response = Client().get("/en/articles/topic/")
    assert "Cervical insufficiency" in response.content.decode()


def test_a_change_by_another_process_shows_once_the_tokens_are_older_than_the_setting(
    recheck, django_capture_on_commit_callbacks, django_assert_num_queries
):
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article("topic")
        question = make_question(article, body="Is swimming safe at 30 weeks?")
    Client().get("/en/articles/topic/")
    Client().get("/en/articles/topic/")  # the tokens read, and kept for a moment
    # Another app server approves it: this process's tokens are not told.
    question.status = "approved"
    question.save()
    CacheGeneration.objects.filter(key=GENERATION_KEY.format(article_id=article.pk)).update(
        token="changed-elsewhere"
    )
    assert "swimming safe" not in Client().get("/en/articles/topic/").content.decode()
    _age_recent_tokens(0.5)
    assert "swimming safe" in Client().get("/en/articles/topic/").content.decode()


def test_a_change_in_this_process_shows_at_once(recheck, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article("topic")
    question = make_question(article, body="Is swimming safe at 30 weeks?")
    Client().get("/en/articles/topic/")
    with django_capture_on_commit_callbacks(execute=True):
        question_services.approve(question, make_midwife())
    assert "swimming safe" in Client().get("/en/articles/topic/").content.decode()


def test_answers_an_http_cache_may_keep_always_ask_the_database(
    recheck, settings, django_capture_on_commit_callbacks, django_assert_num_queries
):
    settings.HTTP_CACHE_PURGER = {"BACKEND": f"{__name__}._Purger"}
    with django_capture_on_commit_callbacks(execute=True):
        make_article("topic")
    Client().get("/en/articles/topic/")
    with django_assert_num_queries(1) as queries:
        Client().get("/en/articles/topic/")
    assert "pagecache_cachegeneration" in queries.captured_queries[0]["sql"]


def test_tokens_a_transaction_wrote_are_not_kept_for_others(recheck):
    key = GENERATION_KEY.format(article_id=5)
    with transaction.atomic():
        invalidate_article(5)
        uncommitted = generations.current([key], recent=True)[key].token
        transaction.set_rollback(True)
    assert key not in generations.recent_tokens.get([key], 1.0)
    assert generations.current([key], recent=True)[key].token != uncommitted
