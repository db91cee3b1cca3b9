"""load_demo versions its published articles and assigns a few reviews, once."""

import pytest
from django.core.management import call_command

from healthinfo.models import Article, ArticleEvent, ReviewAssignment, Version

pytestmark = pytest.mark.django_db


def load():
    call_command("load_demo", allow_production=True, verbosity=0)


def test_every_published_demo_page_has_versions_with_resolved_links(client):
    load()
    published = Article.objects.published()
    assert published.exists()
    for article in published.prefetch_related("translations", "versions"):
        languages = {t.language for t in article.translations.all()}
        assert {v.language for v in article.versions.all()} == languages, article.slug
    version = Version.objects.filter(article__slug="cervical-insufficiency", language="en").latest(
        "number"
    )
    html = " ".join(section["html"] for section in version.content["sections"])
    assert 'href="/en/articles/miscarriage/"' in html
    assert "[[" not in html
    assert client.get(version.get_absolute_url()).status_code == 200


def test_rerunning_the_demo_adds_no_version_event_or_assignment():
    load()
    before = (
        Version.objects.count(),
        ArticleEvent.objects.count(),
        ReviewAssignment.objects.count(),
    )
    load()
    after = (
        Version.objects.count(),
        ArticleEvent.objects.count(),
        ReviewAssignment.objects.count(),
    )
    assert after == before


def test_the_demo_reviewer_has_reviews_to_do():
    load()
    assert ReviewAssignment.objects.open().filter(reviewer__user__username="reviewer").count() == 3
