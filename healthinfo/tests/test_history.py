"""Readers see the page history and each version exactly as it was published."""

from datetime import timedelta

import pytest
from django.utils import timezone

from healthinfo.models import Article
from healthinfo.services import publish, run_schedule, schedule_publication, unpublish
from healthinfo.tests.factories import (
    add_translation,
    make_article,
    make_published_article,
    make_reviewed_article,
    make_reviewer,
    publish_change,
    review,
)

pytestmark = pytest.mark.django_db


def edit_title(article, title):
    publish_change(article, title=title)


def test_page_history_lists_every_version_with_its_date(client):
    article = make_published_article("pre-eclampsia", title="Pre-eclampsia")
    edit_title(article, "Pre-eclampsia and HELLP")
    response = client.get("/en/articles/pre-eclampsia/history/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "/en/articles/pre-eclampsia/versions/1/" in body
    assert "/en/articles/pre-eclampsia/versions/2/" in body
    today = timezone.localdate()
    assert f"published {today.day} {today:%B %Y}" in body


def test_page_history_is_in_spanish_with_the_spanish_versions_first(client):
    article = make_reviewed_article("preeclampsia", title="Pre-eclampsia")
    add_translation(article, "es", title="Preeclampsia")
    publish(article)
    body = client.get("/es/articles/preeclampsia/history/").content.decode()
    assert body.index("/es/articles/preeclampsia/versions/1/") < body.index(
        "/en/articles/preeclampsia/versions/1/"
    )
    assert "Historial de la página" in body


def test_old_version_renders_as_published_with_an_archive_notice_and_citation(client, settings):
    settings.SITE_URL = "https://health.example.org"
    article = make_published_article("miscarriage", title="Miscarriage")
    edit_title(article, "Pregnancy loss")
    response = client.get("/en/articles/miscarriage/versions/1/")
    body = response.content.decode()
    assert response.status_code == 200
    assert '<h1 id="article-title">Miscarriage</h1>' in body
    assert "Pregnancy loss" not in body
    assert "Archived version" in body
    assert 'href="/en/articles/miscarriage/"' in body
    assert "Cite this version" in body
    assert "https://health.example.org/en/articles/miscarriage/versions/1/" in body
    assert "Body of section 1 of Miscarriage." in body
    assert "Reference 1" in body


def test_a_version_keeps_the_review_box_it_was_published_with(client):
    article = make_published_article("ectopic", title="Ectopic pregnancy")
    first_signature = article.last_review.reviewer_signature
    review(article, days_ago=1, reviewer=make_reviewer("Sam Lee", credentials="MD, MHA"))
    first = client.get("/en/articles/ectopic/versions/1/").content.decode()
    second = client.get("/en/articles/ectopic/versions/2/").content.decode()
    assert f"Reviewed by {first_signature}" in first
    assert "Sam Lee" not in first
    assert "Reviewed by Sam Lee, MD, MHA" in second


def test_versions_stay_citable_after_the_article_is_unpublished(client):
    article = make_published_article("withdrawn")
    unpublish(article)
    response = client.get("/en/articles/withdrawn/versions/1/")
    assert response.status_code == 200
    assert "This page is no longer published." in response.content.decode()
    assert client.get("/en/articles/withdrawn/").status_code == 404


def test_unknown_version_or_language_is_404(client):
    make_published_article("only-english")
    assert client.get("/en/articles/only-english/versions/2/").status_code == 404
    assert client.get("/es/articles/only-english/versions/1/").status_code == 404
    assert client.get("/en/articles/nothing-here/history/").status_code == 404


def test_history_of_a_never_published_draft_is_404(client):
    make_article("secret-draft", status=Article.Status.DRAFT)
    assert client.get("/en/articles/secret-draft/history/").status_code == 404


def test_history_page_query_count_does_not_grow_with_versions(
    client, django_assert_max_num_queries
):
    article = make_published_article("many")
    for number in range(20):
        edit_title(article, f"Title {number}")
    # Article, its translations, whether it is live, the versions, the category menu (2).
    with django_assert_max_num_queries(6):
        assert client.get("/en/articles/many/history/").status_code == 200


def test_article_page_links_to_its_history(client):
    make_published_article("linked")
    body = client.get("/en/articles/linked/").content.decode()
    assert 'href="/en/articles/linked/history/"' in body


def test_review_box_shows_dates_reviewers_and_credentials(client):
    article = make_reviewed_article("boxed", days_ago=0)
    director = make_reviewer("Sam Lee", credentials="MD, MHA")
    review(article, days_ago=0, reviewer=make_reviewer("Jane Roe"), also_reviewed_by=[director])
    publish(article)
    today = timezone.localdate()
    body = client.get("/en/articles/boxed/").content.decode()
    assert f"Last reviewed: {today.day} {today:%B %Y}" in body
    assert f"Next review due: {today.day} {today:%B} {today.year + 3}" in body
    assert "Reviewed by Jane Roe, MD, FACOG. Also reviewed by Sam Lee, MD, MHA" in body


def test_review_box_uses_the_readers_language_and_date_format(client):
    article = make_reviewed_article("caja", days_ago=0)
    add_translation(article, "es", title="Caja")
    publish(article)
    body = client.get("/es/articles/caja/").content.decode()
    assert "Última revisión" in body or "Revisado" in body


def test_overdue_page_shows_a_notice(client):
    article = make_reviewed_article("overdue", days_ago=4 * 365)
    publish(article)
    body = client.get("/en/articles/overdue/").content.decode()
    assert "was due for medical review" in body


def test_page_within_its_review_date_shows_no_overdue_notice(client):
    make_published_article("fresh")
    assert "was due for medical review" not in client.get("/en/articles/fresh/").content.decode()


def test_setting_hides_pages_too_long_overdue(client, settings):
    article = make_reviewed_article("very-overdue", days_ago=4 * 365)
    publish(article)
    settings.REVIEW_UNPUBLISH_AFTER_DAYS_OVERDUE = 30
    assert client.get("/en/articles/very-overdue/").status_code == 404
    assert not Article.objects.published().filter(pk=article.pk).exists()
    settings.REVIEW_UNPUBLISH_AFTER_DAYS_OVERDUE = None
    assert client.get("/en/articles/very-overdue/").status_code == 200


def test_setting_keeps_pages_within_the_grace_period(settings):
    article = make_reviewed_article("slightly-overdue")
    Article.objects.filter(pk=article.pk).update(
        next_review_due=timezone.localdate() - timedelta(days=10)
    )
    publish(article)
    settings.REVIEW_UNPUBLISH_AFTER_DAYS_OVERDUE = 30
    assert Article.objects.published().filter(pk=article.pk).exists()


def test_archived_version_keeps_internal_links_as_rendered_never_raw_tokens(client):
    make_published_article("bed-rest", title="Bed rest")
    article = make_reviewed_article("cervical-stitch", title="Cervical stitch")
    section = article.translations.get(language="en").sections.first()
    section.body = "<p>Read about [[bed-rest|resting in bed]] first.</p>"
    section.save()
    publish(article, None)
    body = client.get("/en/articles/cervical-stitch/versions/1/").content.decode()
    assert '<a href="/en/articles/bed-rest/">resting in bed</a>' in body
    assert "[[" not in body


def test_scheduled_publication_goes_live_when_the_scheduler_runs(client):
    later = timezone.now() + timedelta(hours=2)
    article = make_reviewed_article("scheduled")
    schedule_publication(article, later)
    assert run_schedule() == ([], [], [])
    assert client.get("/en/articles/scheduled/").status_code == 404
    published, _unpublished, _failed = run_schedule(later + timedelta(seconds=1))
    assert published == [article]
    assert Article.objects.published(later + timedelta(seconds=2)).filter(pk=article.pk).exists()
    assert article.versions.get().published_at == later + timedelta(seconds=1)


def test_scheduled_unpublish_hides_the_page_but_not_its_versions(client):
    article = make_published_article("ending")
    Article.objects.filter(pk=article.pk).update(unpublish_at=timezone.now() - timedelta(seconds=1))
    assert client.get("/en/articles/ending/").status_code == 404
    response = client.get("/en/articles/ending/versions/1/")
    assert response.status_code == 200
    assert "This page is no longer published." in response.content.decode()


def test_archive_of_a_page_hidden_for_being_overdue_does_not_link_to_it(client, settings):
    publish(make_reviewed_article("hidden-overdue", days_ago=4 * 365))
    settings.REVIEW_UNPUBLISH_AFTER_DAYS_OVERDUE = 30
    body = client.get("/en/articles/hidden-overdue/versions/1/").content.decode()
    assert "This page is no longer published." in body
