"""The review state in one line under an article's title, with its notices before the text."""

import pytest

from healthinfo.models import Section
from healthinfo.services import publish
from healthinfo.tests.factories import (
    add_translation,
    make_article,
    make_reviewed_article,
    make_reviewer,
    review,
)

pytestmark = pytest.mark.django_db


def header_of(html):
    """The article's header: from the title to the end of its <header>."""
    start = html.index('<h1 id="article-title"')
    return html[start : html.index("</header>", start)]


def reviewed_by_jane(slug, *, days_ago=0, **fields):
    article = make_reviewed_article(slug, days_ago=days_ago, **fields)
    review(
        article,
        days_ago=days_ago,
        reviewer=make_reviewer("Jane Roe", credentials="MD"),
    )
    publish(article)
    article.refresh_from_db()
    return article


def test_review_line_names_the_date_the_reviewer_and_the_next_review_year(client):
    article = reviewed_by_jane("topic")
    reviewed = article.last_reviewed_on
    header = header_of(client.get("/en/articles/topic/").content.decode())
    assert (
        f'Reviewed <time datetime="{reviewed:%Y-%m-%d}">{reviewed.day} {reviewed:%b %Y}</time> '
        f"by Jane Roe, MD</span> · "
        f'<span class="review-line-next">Next review {article.next_review_due.year}</span>'
    ) in header
    assert '<a class="review-line-details" href="#review-heading">About this page</a>' in header


def test_review_line_in_spanish(client):
    article = make_reviewed_article("tema", days_ago=0)
    add_translation(article, "es", title="Tema")
    review(article, days_ago=0, reviewer=make_reviewer("Jane Roe", credentials="MD"))
    publish(article)
    article.refresh_from_db()
    header = header_of(client.get("/es/articles/tema/").content.decode())
    assert "Revisado el <time" in header and "</time> por Jane Roe, MD" in header
    assert f"Próxima revisión en {article.next_review_due.year}" in header
    assert "Sobre esta página" in header


def test_review_line_comes_before_the_summary_and_the_text(client):
    reviewed_by_jane("topic")
    html = client.get("/en/articles/topic/").content.decode()
    line = html.index('class="review-line"')
    assert html.index('id="article-title"') < line < html.index('class="lead"')
    assert line < html.index('class="article-section"') < html.index('id="review-heading"')


def test_review_line_keeps_the_whole_page_review_date_after_a_partial_review(client):
    article = reviewed_by_jane("topic", days_ago=100)
    whole = article.last_reviewed_on
    review(article, days_ago=1, scope="partial", reviewer=make_reviewer("Sam Lee"))
    review(article, days_ago=0, outcome="major_revision", reviewer=make_reviewer("Ann Poe"))
    header = header_of(client.get("/en/articles/topic/").content.decode())
    assert f'<time datetime="{whole:%Y-%m-%d}">' in header
    assert "by Jane Roe, MD" in header
    assert "Sam Lee" not in header and "Ann Poe" not in header


def test_never_reviewed_page_says_so_in_its_review_line(client):
    make_article("unreviewed")
    header = header_of(client.get("/en/articles/unreviewed/").content.decode())
    assert "Not medically reviewed yet" in header
    assert "Next review" not in header


def test_overdue_page_shows_its_notice_under_the_title_before_the_text(client):
    article = reviewed_by_jane("overdue", days_ago=4 * 365)
    assert article.is_overdue
    html = client.get("/en/articles/overdue/").content.decode()
    header = header_of(html)
    assert "overdue-notice" in header and "was due for medical review" in header
    # The year of an overdue next review is not offered as if it were to come.
    assert "Next review" not in header
    assert html.count("was due for medical review") == 1
    assert html.index("overdue-notice") < html.index('class="article-section"')


def test_page_within_its_review_date_has_no_overdue_notice_at_the_top(client):
    reviewed_by_jane("fresh")
    assert "overdue-notice" not in client.get("/en/articles/fresh/").content.decode()


def test_outdated_translation_notice_is_under_the_title_before_the_text(
    client, django_capture_on_commit_callbacks
):
    article = make_article("cervical-insufficiency", title="Cervical insufficiency")
    english = article.translations.get()
    add_translation(article, "es", title="Insuficiencia cervical", source_revision=english.revision)
    with django_capture_on_commit_callbacks(execute=True):
        Section.objects.create(translation=english, order=9, heading="New", body="<p>New.</p>")
    html = client.get("/es/articles/cervical-insufficiency/").content.decode()
    header = header_of(html)
    assert "outdated-notice" in header
    assert '<a href="/en/articles/cervical-insufficiency/" hreflang="en" lang="en">' in header
    assert html.count("outdated-notice") == 1


def test_review_line_dates_follow_the_readers_language(client):
    article = make_reviewed_article("fecha", days_ago=0)
    add_translation(article, "es", title="Fecha")
    publish(article)
    article.refresh_from_db()
    # Spanish writes the month in lower case: "2 sep 2026" (English: "2 Sep 2026").
    header = header_of(client.get("/es/articles/fecha/").content.decode())
    months = ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic"]
    reviewed = article.last_reviewed_on
    assert f">{reviewed.day} {months[reviewed.month - 1]} {reviewed.year}</time>" in header
