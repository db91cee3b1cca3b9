"""
Every admin list of articles or pages shows the publication state (Scheduled,
Live, Live with draft, Expired, Withdrawn…), from ``Article.state``, never the
raw status ("Published"); the state filter (``ArticleQuerySet.in_state``)
agrees with it.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from healthinfo.models import Article, ArticleTranslation, DraftTranslation
from healthinfo.services import run_schedule
from healthinfo.tests.factories import (
    add_translation,
    edit_draft,
    make_article,
    make_published_article,
    make_reviewed_article,
    make_user,
    review,
)

pytestmark = pytest.mark.django_db

EXPECTED = {
    "scheduled": "Scheduled",
    "live": "Live",
    "with-draft": "Live with draft",
    "expired": "Expired",
    "withdrawn": "Withdrawn",
}
SPANISH = {
    "scheduled": "Programado",
    "live": "Publicado",
    "with-draft": "Publicado, con borrador",
    "expired": "Caducado",
    "withdrawn": "Retirado",
}


def at(minutes):
    return timezone.now() + timedelta(minutes=minutes)


@pytest.fixture
def articles():
    """One article in each state the lists show, each with an English live page."""
    make_reviewed_article("scheduled", publish_at=at(60))
    make_published_article("live")
    with_draft = make_published_article("with-draft")
    edit_draft(with_draft, title="Changing")
    expired = make_published_article("expired")
    Article.objects.filter(pk=expired.pk).update(unpublish_at=at(-5))
    run_schedule()
    withdrawn = make_published_article("withdrawn")
    review(withdrawn, days_ago=0, outcome="withdrawn")
    return {article.slug: article for article in Article.objects.all()}


@pytest.fixture
def editor_client(client):
    client.force_login(make_user("editor", groups=["Editors"]))
    return client


def column(body, name):
    """The cells of one list column, as text."""
    cells = re.findall(rf'<td class="field-{name}[^"]*">(.*?)</td>', body, re.S)
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in cells]


def rows_by_article(body, name):
    """``{article slug: cell}`` of a list whose rows link their article by slug."""
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)
    found = {}
    for row in rows:
        slug = re.search(r'<td class="field-article[^"]*">(?:<a [^>]*>)?([\w-]+)', row)
        cell = re.search(rf'<td class="field-{name}[^"]*">(.*?)</td>', row, re.S)
        if slug and cell:
            found[slug.group(1)] = cell.group(1).strip()
    return found


def test_the_live_pages_list_shows_each_articles_state_not_its_status(editor_client, articles):
    body = editor_client.get("/admin/healthinfo/articletranslation/").content.decode()
    assert rows_by_article(body, "publication_state") == EXPECTED
    assert 'class="field-status"' not in body
    assert "Published" not in column(body, "publication_state")


def test_the_live_pages_list_shows_the_states_in_spanish(editor_client, articles):
    response = editor_client.get("/admin/healthinfo/articletranslation/", HTTP_ACCEPT_LANGUAGE="es")
    body = response.content.decode()
    assert 'lang="es"' in body
    assert rows_by_article(body, "publication_state") == SPANISH


def test_the_live_pages_list_costs_the_same_for_more_pages(
    editor_client, articles, django_assert_max_num_queries
):
    url = "/admin/healthinfo/articletranslation/"
    editor_client.get(url)
    with django_assert_max_num_queries(12) as few:
        editor_client.get(url)
    category = articles["live"].category
    for number in range(6):
        article = make_published_article(f"more-{number}", category=category)
        add_translation(article, "es", title=f"Más {number}", sections=1)
        edit_draft(article, title=f"Changing {number}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        body = editor_client.get(url).content.decode()
    assert column(body, "publication_state").count("Live with draft") == 13


def test_the_drafts_list_shows_the_articles_state(editor_client, articles):
    make_article("never-published", status=Article.Status.DRAFT)
    edit_draft(articles["scheduled"], title="Scheduled draft")
    edit_draft(Article.objects.get(slug="never-published"), title="First words")
    body = editor_client.get("/admin/healthinfo/drafttranslation/").content.decode()
    assert rows_by_article(body, "publication_state") == {
        "with-draft": "Live with draft",
        "scheduled": "Scheduled",
        "never-published": "Draft",
    }


STATES = [
    ("scheduled", "scheduled"),
    ("live", "live"),
    ("live_with_draft", "with-draft"),
    ("expired", "expired"),
    ("withdrawn", "withdrawn"),
]


def test_the_live_pages_list_filters_by_the_articles_state(editor_client, articles):
    for state, slug in STATES:
        url = f"/admin/healthinfo/articletranslation/?article_state={state}"
        body = editor_client.get(url).content.decode()
        assert set(rows_by_article(body, "publication_state")) == {slug}, state


def test_the_drafts_list_filters_by_the_articles_state(editor_client, articles):
    for article in articles.values():
        DraftTranslation.start(article, "en")
    # Every article now has a draft: none is plainly "Live".
    expected = {**dict(STATES), "live": None, "live_with_draft": {"live", "with-draft"}}
    for state, slugs in expected.items():
        url = f"/admin/healthinfo/drafttranslation/?article_state={state}"
        body = editor_client.get(url).content.decode()
        listed = set(rows_by_article(body, "publication_state"))
        wanted = set() if slugs is None else {slugs} if isinstance(slugs, str) else slugs
        assert listed == wanted, state


def test_the_filters_choices_are_the_states_not_the_statuses(editor_client, articles):
    for listing in ("article", "articletranslation", "drafttranslation"):
        body = editor_client.get(f"/admin/healthinfo/{listing}/").content.decode()
        assert "Live with draft</a>" in body, listing
        assert "status__exact=published" not in body, listing


def test_the_review_dashboard_shows_the_articles_state(editor_client, articles):
    body = editor_client.get(
        "/admin/healthinfo/reviewassignment/dashboard/", {"bucket": "all"}
    ).content.decode()
    for label in ("Live with draft", "Scheduled", "Expired", "Withdrawn"):
        assert f"<td>{label}" in body, label
    assert "<td>Published" not in body


def test_the_state_filter_agrees_with_the_state_of_every_article(articles):
    now = timezone.now()
    make_article("plain-draft", status=Article.Status.DRAFT)
    make_article("in-review", status=Article.Status.IN_REVIEW)
    make_article("archived", status=Article.Status.ARCHIVED)
    make_article("scheduled-review", status=Article.Status.IN_REVIEW, publish_at=at(30))
    make_article(
        "withdrawn-later", status=Article.Status.WITHDRAWN, publish_at=at(30), unpublish_at=at(-3)
    )
    unpublished = make_article(
        "taken-down", status=Article.Status.DRAFT, first_published_at=at(-90), unpublish_at=at(-1)
    )
    Article.objects.filter(pk=unpublished.pk).update(unpublish_at=at(-1))
    states = {article.slug: article.state(now) for article in Article.objects.with_drafts()}
    assert len(set(states.values())) == len(Article.State)
    for state in Article.State:
        filtered = set(Article.objects.in_state(state, now).values_list("slug", flat=True))
        assert filtered == {slug for slug, value in states.items() if value == state}, state


def test_a_translations_state_is_its_articles(articles):
    pages = ArticleTranslation.objects.with_article_drafts().select_related("article")
    assert {page.article.slug: page.article_state().label for page in pages} == EXPECTED


@pytest.mark.parametrize("listing", ["article", "articletranslation"])
def test_the_lists_cost_the_same_for_more_categories(
    editor_client, articles, listing, django_assert_max_num_queries
):
    url = f"/admin/healthinfo/{listing}/"
    editor_client.get(url)
    with django_assert_max_num_queries(20) as few:
        editor_client.get(url)
    for number in range(6):
        make_published_article(f"elsewhere-{number}")  # each in a category of its own
    with django_assert_max_num_queries(len(few.captured_queries)):
        body = editor_client.get(url).content.decode()
    assert "Elsewhere 5" in body or "elsewhere-5" in body
