"""
Every door that publishes or changes a draft takes the article's row lock
(``services.lock_article``) before it checks the sign-off and writes: two
publications of one article, or a publication and a draft save, queue up
instead of both passing the check.
"""

import re
import threading
import time
from contextlib import contextmanager
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models.sql.compiler import SQLCompiler
from django.utils import timezone

from healthinfo import services
from healthinfo.models import Article, ArticleEvent, Version
from healthinfo.tests.factories import (
    edit_draft,
    make_published_article,
    make_user,
    sign_off,
)
from healthinfo.tests.test_article_admin import draft_form

pytestmark = pytest.mark.django_db

# The statements that make content public or change what a sign-off covers.
WRITES = re.compile(
    r'^\s*(INSERT INTO "healthinfo_version"|DELETE FROM "healthinfo_drafttranslation"|'
    r'UPDATE "healthinfo_article" SET .*"status"|UPDATE "healthinfo_drafttranslation")',
    re.S,
)


@contextmanager
def statements():
    """
    Every statement run, in order, with a ``("lock", sql)`` entry for each read
    of an article row under ``select_for_update`` (SQLite takes the flag and
    drops the clause, so the flag is read from the query as it is compiled).
    """
    log = []
    original = SQLCompiler.as_sql

    def as_sql(compiler, *args, **kwargs):
        sql, params = original(compiler, *args, **kwargs)
        query = compiler.query
        if query.model is Article and query.select_for_update and type(compiler) is SQLCompiler:
            log.append(("lock", sql))
        return sql, params

    def record(execute, sql, params, many, context):
        log.append(("sql", sql))
        return execute(sql, params, many, context)

    SQLCompiler.as_sql = as_sql
    try:
        with connection.execute_wrapper(record):
            yield log
    finally:
        SQLCompiler.as_sql = original


def assert_locked_before_writing(log):
    locks = [index for index, (kind, _sql) in enumerate(log) if kind == "lock"]
    writes = [i for i, (kind, sql) in enumerate(log) if kind == "sql" and WRITES.match(sql)]
    assert writes, "the door wrote nothing: the test does not exercise it"
    assert locks and locks[0] < writes[0], "the article was not locked before the first write"
    if connection.vendor == "postgresql":
        assert any(sql.rstrip().endswith("FOR UPDATE") for kind, sql in log if kind == "lock")


@pytest.fixture
def article():
    article = make_published_article("pre-eclampsia", title="Pre-eclampsia")
    edit_draft(article, title="Pre-eclampsia and HELLP")
    sign_off(article)
    article.refresh_from_db()
    return article


@pytest.fixture
def editor_client(client):
    client.force_login(make_user("editor", groups=["Editors"]))
    return client


def test_services_publish_locks_the_article(article):
    with statements() as log:
        services.publish(article)
    assert_locked_before_writing(log)


def test_publishing_several_together_locks_each_article(article):
    other = make_published_article("anaemia", title="Anaemia")
    edit_draft(other, title="Anaemia in pregnancy")
    sign_off(other)
    with statements() as log:
        published, refused = services.publish_together([article, other])
    assert len(published) == 2 and not refused
    assert sum(kind == "lock" for kind, _sql in log) >= 2
    assert_locked_before_writing(log)


def test_scheduled_publishing_locks_the_article(article):
    services.schedule_publication(article, timezone.now() + timedelta(minutes=5))
    Article.objects.filter(pk=article.pk).update(publish_at=timezone.now() - timedelta(seconds=1))
    with statements() as log:
        call_command("publish_scheduled", stdout=None)
    assert ArticleEvent.objects.filter(
        article=article, action=ArticleEvent.Action.SCHEDULED_PUBLISH
    ).exists()
    assert_locked_before_writing(log)


def test_restoring_a_version_locks_the_article(article):
    version = Version.objects.filter(article=article).first()
    with statements() as log:
        services.restore_version_as_draft(version)
    assert_locked_before_writing(log)


def test_the_publish_button_locks_the_article(editor_client, article):
    data = {
        "slug": article.slug,
        "category": article.category_id,
        "review_interval_months": "",
        "next_review_override": "",
        "next_review_override_reason": "",
        "_publish": "1",
    }
    with statements() as log:
        editor_client.post(f"/admin/healthinfo/article/{article.pk}/change/", data)
    assert not article.drafts.exists()
    assert_locked_before_writing(log)


def test_the_publish_action_locks_the_article(editor_client, article):
    with statements() as log:
        editor_client.post(
            "/admin/healthinfo/article/",
            {"action": "publish_selected", "_selected_action": [article.pk]},
        )
    assert not article.drafts.exists()
    assert_locked_before_writing(log)


def test_the_restore_button_locks_the_article(editor_client, article):
    version = Version.objects.filter(article=article).first()
    with statements() as log:
        editor_client.post(f"/admin/healthinfo/article/{article.pk}/versions/{version.pk}/restore/")
    assert_locked_before_writing(log)


def test_saving_a_draft_locks_the_article_first(editor_client, article):
    """The same lock, taken first: a save and a publication queue up, never deadlock."""
    draft = article.drafts.get()
    with statements() as log:
        response = editor_client.post(
            f"/admin/healthinfo/drafttranslation/{draft.pk}/change/",
            draft_form(draft) | {"title": "Pre-eclampsia, HELLP"},
        )
    assert response.status_code == 302
    assert_locked_before_writing(log)


@pytest.mark.django_db(transaction=True)
def test_two_publications_at_once_queue_on_the_lock():
    """
    Real concurrency (PostgreSQL): the second publication waits for the first
    to commit, then finds nothing left to publish: one new version, one check
    of the sign-off passed.
    """
    if connection.vendor != "postgresql":
        pytest.skip("SQLite takes one writer at a time: the race needs PostgreSQL")
    article = make_published_article("pre-eclampsia", title="Pre-eclampsia")
    edit_draft(article, title="Pre-eclampsia and HELLP")
    sign_off(article)
    versions_before = Version.objects.filter(article=article).count()
    first_inside = threading.Event()
    moments = {}
    original = Article.pending_publication

    def pending_publication(self):
        name = threading.current_thread().name
        moments.setdefault(f"{name} checks", time.monotonic())
        if name == "first":
            first_inside.set()
            time.sleep(1)  # holding the lock: the second publication arrives meanwhile
        return original(self)

    Article.pending_publication = pending_publication
    results = {}

    def publish(name):
        try:
            if name == "second":
                first_inside.wait(10)
            with transaction.atomic():
                results[name] = services.publish(Article.objects.get(pk=article.pk))
                # Still holding the lock: it is released by the commit, after this.
                moments[f"{name} done"] = time.monotonic()
        except Exception as error:
            results[name] = error
        finally:
            connection.close()

    try:
        threads = [threading.Thread(target=publish, args=(n,), name=n) for n in ("first", "second")]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
    finally:
        Article.pending_publication = original
    assert len(results["first"]) == 1, results
    assert results["second"] == [], results  # the drafts were gone: nothing to publish
    assert moments["second checks"] > moments["first done"]
    assert Version.objects.filter(article=article).count() == versions_before + 1
