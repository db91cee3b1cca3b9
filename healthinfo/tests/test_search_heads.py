"""
The published pages' search heads (``SearchHead``) say what readers see, on every door.

Search ranks these rows without asking the articles whether they are
published, so each door that puts content on the site or takes it down must
replace them: publishing, unpublishing, scheduled publication and
unpublication, withdrawal, a save from the admin or the shell, deletion. A
draft's edits must not reach them before the draft is published.
"""

import importlib
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from healthinfo import search, services
from healthinfo.models import Article, SearchHead
from healthinfo.tests.factories import (
    add_translation,
    edit_draft,
    make_article,
    make_published_article,
    make_reviewed_article,
    publish_change,
    review,
)

pytestmark = pytest.mark.django_db


def heads(article):
    """language -> (title words in the stored head on PostgreSQL, unpublish time)."""
    found = {}
    for head in SearchHead.objects.filter(article=article):
        words = str(head.head or "") if connection.vendor == "postgresql" else None
        found[head.language] = (words, head.unpublish_at)
    return found


def found(word, language="en"):
    """Translation ids in ``language``'s own group for ``word`` (no correction)."""
    return set(search.search(word, language, correct=False).results.ids)


@pytest.fixture
def draft():
    """A reviewed article, not yet published, in English and Spanish."""
    article = make_reviewed_article("preeclampsia", title="Preeclampsia")
    with services.writing_live_content():
        add_translation(article, "es", title="Preeclampsia", summary="Tensión alta.")
    return article


def test_a_draft_article_has_no_heads(draft):
    assert heads(draft) == {}
    assert found("preeclampsia") == set()


def test_publishing_fills_the_heads_of_every_language(draft):
    services.publish(draft)
    stored = heads(draft)
    assert set(stored) == {"en", "es"}
    if connection.vendor == "postgresql":
        assert "preeclampsia" in stored["en"][0]
    assert found("preeclampsia") == {draft.translations.get(language="en").pk}
    assert found("preeclampsia", "es") == {draft.translations.get(language="es").pk}


def test_unpublishing_removes_the_heads(draft):
    services.publish(draft)
    services.unpublish(draft)
    assert heads(draft) == {}
    assert found("preeclampsia") == set()


def test_scheduled_publication_fills_the_heads_when_it_runs(draft):
    at = timezone.now() + timedelta(hours=1)
    services.schedule_publication(draft, at)
    assert heads(draft) == {}
    services.run_schedule(now=at + timedelta(minutes=1))
    assert set(heads(draft)) == {"en", "es"}


def test_an_unpublish_time_hides_the_page_before_the_scheduler_runs(draft):
    services.publish(draft)
    draft.refresh_from_db()
    past = timezone.now() - timedelta(minutes=1)
    draft.unpublish_at = past
    draft.save()  # as the admin saves it
    assert {unpublish_at for _words, unpublish_at in heads(draft).values()} == {past}
    assert found("preeclampsia") == set()
    services.run_schedule()
    assert heads(draft) == {}


def test_a_later_unpublish_time_keeps_the_page_found(draft):
    services.publish(draft)
    draft.refresh_from_db()
    draft.unpublish_at = timezone.now() + timedelta(days=1)
    draft.save(update_fields=["unpublish_at"])
    assert found("preeclampsia") == {draft.translations.get(language="en").pk}


def test_withdrawal_removes_the_heads(draft):
    services.publish(draft)
    review(draft, days_ago=0, outcome="withdrawn")
    draft.refresh_from_db()
    assert draft.status == Article.Status.WITHDRAWN
    assert heads(draft) == {}
    assert found("preeclampsia") == set()


def test_editing_a_draft_changes_nothing_until_it_is_published():
    article = make_published_article("anaemia", title="Anaemia", summary="Low iron.")
    before = heads(article)
    edit_draft(article, title="Anaemia and zebras", summary="Zebras everywhere.")
    assert heads(article) == before
    assert found("zebras") == set()
    publish_change(article, title="Anaemia and zebras", summary="Zebras everywhere.")
    if connection.vendor == "postgresql":
        assert "zebra" in heads(article)["en"][0]
    assert found("zebras") == {article.translations.get().pk}


def test_saving_another_field_leaves_the_heads_alone(draft):
    services.publish(draft)
    draft.refresh_from_db()
    draft.needs_revision = True
    with CaptureQueriesContext(connection) as queries:
        draft.save(update_fields=["needs_revision"])
    assert not any("searchhead" in query["sql"] for query in queries.captured_queries)
    assert set(heads(draft)) == {"en", "es"}


def test_a_page_created_published_in_the_shell_is_found():
    article = make_article("twins", title="Twins")
    assert set(heads(article)) == {"en"}
    assert found("twins") == {article.translations.get().pk}


def test_deleting_a_page_or_its_translation_removes_its_heads():
    article = make_article("twins", title="Twins")
    add_translation(article, "es", title="Gemelos")
    article.translations.get(language="es").delete()
    assert set(heads(article)) == {"en"}
    article.delete()
    assert not SearchHead.objects.exists()


def test_the_migration_fills_the_heads_of_published_pages_only(draft):
    published = make_article("twins", title="Twins")
    SearchHead.objects.all().delete()
    migration = importlib.import_module("healthinfo.migrations.0017_published_search_heads")
    # The migration uses its schema editor's connection only (SQLite refuses a
    # real schema editor inside the test's transaction).
    migration.fill_heads(apps, SimpleNamespace(connection=connection))
    assert set(heads(published)) == {"en"}
    assert heads(draft) == {}


def test_rebuild_search_refills_the_heads(draft):
    services.publish(draft)
    SearchHead.objects.all().delete()
    search.rebuild_search_documents()
    assert set(heads(draft)) == {"en", "es"}


def test_pages_too_long_overdue_are_not_found_when_the_site_hides_them(settings):
    overdue = make_article("twins", title="Twins")
    Article.objects.filter(pk=overdue.pk).update(
        next_review_due=timezone.localdate() - timedelta(days=60)
    )
    current = make_article("twin-pregnancy", title="Twin pregnancy")
    assert found("twins") == {overdue.translations.get().pk, current.translations.get().pk}
    settings.REVIEW_UNPUBLISH_AFTER_DAYS_OVERDUE = 30
    # The heads still hold the page (it is published); ranking asks the clock.
    assert set(heads(overdue)) == {"en"}
    assert search._search("twin", "en", search.dictionary()).results.ids == (
        current.translations.get().pk,
    )
