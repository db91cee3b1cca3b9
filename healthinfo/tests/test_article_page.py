"""The article page: constant query cost and a content cache that is never stale."""

from datetime import timedelta

import pytest
from django.utils import timezone

from comments import services as question_services
from comments.tests.factories import answered_question, make_midwife, make_question
from healthinfo.models import Article, Section
from healthinfo.tests.factories import (
    add_figure,
    add_translation,
    make_article,
    make_reviewer,
    review,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def big_article():
    """20 sections, 30 references, 3 figures, a Spanish page, 100 answered questions."""
    article = make_article("big", title="Big topic", sections=20, references=30)
    english = article.translations.get()
    for order in range(1, 4):
        add_figure(english, order)
    make_article("bed-rest", title="Bed rest")
    Section.objects.create(
        translation=english, order=21, heading="Linked", body="<p>See [[bed-rest]].</p>"
    )
    add_translation(article, "es", title="Tema grande", sections=20, references=30)
    review(article, days_ago=5, also_reviewed_by=[make_reviewer(), make_reviewer()])
    midwife = make_midwife()
    for number in range(100):
        answered_question(article, midwife=midwife, body=f"Question number {number} here?")
    return article


def test_article_page_runs_at_most_eight_queries_cold_and_warm(
    client, big_article, django_assert_max_num_queries
):
    client.get("/en/a-z/")  # the category menu is cached site-wide, not per article
    with django_assert_max_num_queries(8):
        response = client.get("/en/articles/big/")
    html = response.content.decode()
    assert html.count('class="article-section"') == 21
    assert html.count('class="reference"') == 30
    assert html.count("<figure") == 3
    assert "Question number 99 here?" in html
    assert '<a href="/en/articles/bed-rest/">Bed rest</a>' in html
    with django_assert_max_num_queries(2):
        assert client.get("/en/articles/big/").status_code == 200


def test_spanish_article_page_runs_at_most_eight_queries(
    client, big_article, django_assert_max_num_queries
):
    client.get("/es/a-z/")
    with django_assert_max_num_queries(8):
        assert client.get("/es/articles/big/").status_code == 200


def test_edited_section_shows_at_once(client, django_capture_on_commit_callbacks):
    article = make_article("topic")
    section = article.translations.get().sections.first()
    assert "Body of section 1" in client.get("/en/articles/topic/").content.decode()
    section.body = "<p>Rewritten advice.</p>"
    with django_capture_on_commit_callbacks(execute=True):
        section.save()
    html = client.get("/en/articles/topic/").content.decode()
    assert "Rewritten advice." in html and "Body of section 1" not in html


def test_new_review_shows_at_once(client, django_capture_on_commit_callbacks):
    article = make_article("topic")
    assert "has not been medically reviewed" in client.get("/en/articles/topic/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        review(article, reviewer=make_reviewer("Ana Ruiz"))
    assert "Ana Ruiz" in client.get("/en/articles/topic/").content.decode()


def test_approved_question_shows_at_once(client, django_capture_on_commit_callbacks):
    article = make_article("topic")
    question = make_question(article, body="Can I still swim at 30 weeks?")
    assert "swim at 30 weeks" not in client.get("/en/articles/topic/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        question_services.approve(question, make_midwife())
    assert "swim at 30 weeks" in client.get("/en/articles/topic/").content.decode()


def test_unpublished_article_is_gone_at_once_even_when_cached(
    client, django_capture_on_commit_callbacks
):
    article = make_article("topic")
    assert client.get("/en/articles/topic/").status_code == 200
    article.status = Article.Status.ARCHIVED
    with django_capture_on_commit_callbacks(execute=True):
        article.save()
    assert client.get("/en/articles/topic/").status_code == 404


def test_scheduled_unpublish_ends_the_page_without_any_write(client, monkeypatch):
    unpublish_at = timezone.now() + timedelta(hours=1)
    make_article("topic", unpublish_at=unpublish_at)
    assert client.get("/en/articles/topic/").status_code == 200
    # Nothing is written when the time comes: the clock passing alone ends the page.
    monkeypatch.setattr(timezone, "now", lambda: unpublish_at + timedelta(seconds=1))
    assert client.get("/en/articles/topic/").status_code == 404


def test_cached_content_expires_at_a_linked_articles_scheduled_unpublish(client):
    from healthinfo.article_page import cached_content
    from healthinfo.models import ArticleTranslation

    soon = timezone.now() + timedelta(minutes=5)
    make_article("target", title="Target", unpublish_at=soon)
    article = make_article("topic")
    Section.objects.create(
        translation=article.translations.get(), order=9, heading="Links", body="[[target]]"
    )
    translation = ArticleTranslation.objects.for_reader("en").get(article=article)
    assert cached_content(translation).expires_at == soon


def test_retitled_linked_article_updates_the_link_text(client, django_capture_on_commit_callbacks):
    target = make_article("target", title="Old name")
    article = make_article("topic")
    Section.objects.create(
        translation=article.translations.get(), order=9, heading="Links", body="[[target]]"
    )
    assert "Old name" in client.get("/en/articles/topic/").content.decode()
    english = target.translations.get()
    english.title = "New name"
    with django_capture_on_commit_callbacks(execute=True):
        english.save()
    html = client.get("/en/articles/topic/").content.decode()
    assert "New name" in html and "Old name" not in html


def test_article_page_runs_at_most_eight_queries_with_no_cache_at_all(
    client, settings, django_assert_max_num_queries
):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    article = make_article("topic", title="Topic", sections=5, references=2)
    review(article, also_reviewed_by=[make_reviewer()])
    midwife = make_midwife()
    for number in range(100):
        answered_question(article, midwife=midwife, body=f"Question number {number} here?")
    # Everything built from the database on every request, the menu included.
    for _ in range(2):
        with django_assert_max_num_queries(8):
            response = client.get("/en/articles/topic/")
        assert "Question number 99 here?" in response.content.decode()
