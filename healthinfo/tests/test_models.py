"""Rules that live on the article and review models."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from healthinfo.models import Article, ArticleTranslation, add_months
from healthinfo.tests.factories import add_translation, make_article, make_category, review

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2024, 6, 1), 36, date(2027, 6, 1)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2023, 1, 31), 1, date(2023, 2, 28)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2024, 11, 15), 2, date(2025, 1, 15)),
    ],
)
def test_add_months_clamps_to_the_end_of_short_months(start, months, expected):
    assert add_months(start, months) == expected


def test_review_interval_comes_from_article_then_category_then_site(settings):
    settings.DEFAULT_REVIEW_INTERVAL_MONTHS = 36
    article = make_article(category=make_category(review_interval_months=24))
    assert article.review_interval == 24
    article.review_interval_months = 12
    assert article.review_interval == 12
    article.category.review_interval_months = None
    article.review_interval_months = None
    assert article.review_interval == 36


def test_override_replaces_the_computed_next_review_date():
    article = make_article()
    review(article, days_ago=10)
    article.refresh_from_db()
    article.next_review_override = date(2030, 1, 1)
    assert article.compute_next_review_due() == date(2030, 1, 1)


def test_published_respects_status_and_schedule():
    now = timezone.now()
    live = make_article("live")
    make_article("draft", status=Article.Status.DRAFT)
    make_article("scheduled", status=Article.Status.DRAFT, publish_at=now + timedelta(hours=1))
    make_article("live-with-scheduled-changes", publish_at=now + timedelta(hours=1))
    make_article("expired", unpublish_at=now - timedelta(minutes=1))
    make_article("still-live", unpublish_at=now + timedelta(days=1))
    slugs = set(Article.objects.published(now).values_list("slug", flat=True))
    assert slugs == {"live", "live-with-scheduled-changes", "still-live"}
    assert live.is_visible(now)


def test_an_article_stops_being_visible_at_its_unpublish_time_without_anyone_acting():
    now = timezone.now()
    make_article("ending", unpublish_at=now + timedelta(hours=1))
    assert Article.objects.published(now).exists()
    assert not Article.objects.published(now + timedelta(hours=2)).exists()


def test_section_body_is_sanitised_on_save():
    article = make_article(sections=1)
    section = article.translations.get().sections.get()
    section.body = (
        '<p onclick="steal()">Hello <script>alert(1)</script><a href="javascript:alert(1)">x</a>'
        '<a href="https://nhs.uk" style="color:red">ok</a><img src=x onerror=alert(1)></p>'
        "<iframe src='https://evil.example'></iframe><h3>Sub</h3>"
    )
    section.save()
    section.refresh_from_db()
    assert "<script" not in section.body
    assert "onclick" not in section.body
    assert "javascript:" not in section.body
    assert "<img" not in section.body
    assert "<iframe" not in section.body
    assert "style=" not in section.body
    assert '<a href="https://nhs.uk">ok</a>' in section.body
    assert "<h3>Sub</h3>" in section.body


def test_section_anchor_is_made_from_the_heading():
    article = make_article(sections=0)
    translation = article.translations.get()
    section = translation.sections.create(order=1, heading="What causes it?", body="<p>x</p>")
    assert section.anchor == "what-causes-it"


def test_translation_made_from_an_older_source_revision_is_outdated():
    article = make_article("topic")
    source = article.translations.get(language="en")
    spanish = add_translation(article, "es", title="Tema", source_revision=source.revision)
    assert not ArticleTranslation.objects.outdated().filter(pk=spanish.pk).exists()
    ArticleTranslation.objects.filter(pk=source.pk).update(revision=source.revision + 1)
    assert ArticleTranslation.objects.outdated().filter(pk=spanish.pk).exists()


def test_alternate_names_are_listed_in_order_without_blanks():
    translation = make_article(
        alternate_names="Incompetent cervix\n\n Weak cervix \n"
    ).translations.get()
    assert translation.alternate_name_list == ["Incompetent cervix", "Weak cervix"]
