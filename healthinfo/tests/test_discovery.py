"""Structured data, canonical and Open Graph tags, sitemap.xml, the Atom feed and robots.txt."""

import html as html_lib
import json
import re
from datetime import timedelta

import pytest
from django.template.defaultfilters import date as format_date
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from healthinfo.models import Article, Reference
from healthinfo.structured_data import json_ld
from healthinfo.tests.factories import (
    add_translation,
    make_article,
    make_reviewer,
    publish_change,
    review,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def topic(settings):
    settings.SITE_URL = "http://testserver"
    article = make_article(
        "cervical-insufficiency",
        title="Cervical insufficiency",
        alternate_names="Incompetent cervix\nWeak cervix",
        references=0,
        first_published_at=timezone.now() - timedelta(days=400),
    )
    english = article.translations.get()
    Reference.objects.create(
        translation=english,
        order=1,
        authors="Roe J",
        title="Cerclage",
        source="Obstet Gynecol",
        year=2019,
        volume="133",
        issue="4",
        pages="770-778",
        doi="10.1097/AOG.0000000000003183",
    )
    Reference.objects.create(translation=english, order=2, title="NHS guidance", year=2023)
    add_translation(article, "es", title="Insuficiencia cervical", source_revision=99)
    review(
        article,
        days_ago=30,
        reviewer=make_reviewer("Jane Roe", credentials="MD, FACOG"),
        also_reviewed_by=[make_reviewer("Sam Lee", credentials="MD, MHA")],
    )
    return article


def structured_data(page):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    return json.loads(match.group(1))


def text_of(fragment):
    return html_lib.unescape(re.sub(r"<[^>]+>", "", fragment)).strip()


def test_json_ld_values_equal_what_the_page_shows(client, topic):
    page = client.get("/en/articles/cervical-insufficiency/").content.decode()
    data = structured_data(page)
    assert data["@type"] == "MedicalWebPage"
    assert data["medicalAudience"] == {"@type": "Patient"}
    # Title and alternate names.
    heading = text_of(re.search(r'<h1 id="article-title">(.*?)</h1>', page, re.S).group(1))
    assert data["name"] == data["about"]["name"] == heading
    assert data["about"]["@type"] == "MedicalCondition"
    shown_names = text_of(re.search(r'class="alternate-names">(.*?)</span>', page).group(1))
    assert data["about"]["alternateName"] == shown_names.split("; ")
    # Language.
    assert data["inLanguage"] == re.search(r'<html lang="([^"]+)"', page).group(1)
    # Review date and reviewers, as the review box shows them.
    box = text_of(re.search(r'<aside class="review-box.*?</aside>', page, re.S).group(0))
    assert format_date(parse_date(data["lastReviewed"]), "DATE_FORMAT") in box
    for person in data["reviewedBy"]:
        assert f"{person['name']}, {person['honorificSuffix']}" in box
    assert len(data["reviewedBy"]) == 2
    # References.
    shown = [text_of(c) for c in re.findall(r'<span class="citation">(.*?)</span>', page)]
    assert data["citation"] == shown and len(shown) == 2
    # Dates.
    modified = re.search(r'class="date-modified" datetime="([^"]+)"', page).group(1)
    assert data["dateModified"].startswith(modified)
    published = format_date(parse_datetime(data["datePublished"]), "DATE_FORMAT")
    assert f"First published: {published}" in page
    # The Spanish translation, as the alternate link names it.
    spanish = re.search(r'rel="alternate" hreflang="es" href="([^"]+)"', page).group(1)
    assert data["workTranslation"] == [
        {
            "@type": "MedicalWebPage",
            "@id": spanish,
            "name": "Insuficiencia cervical",
            "inLanguage": "es",
        }
    ]
    assert data["url"] == re.search(r'<link rel="canonical" href="([^"]+)"', page).group(1)


def test_spanish_json_ld_points_to_the_english_original(client, topic):
    data = structured_data(client.get("/es/articles/cervical-insufficiency/").content.decode())
    assert data["inLanguage"] == "es"
    assert data["translationOfWork"]["@id"] == (
        "http://testserver/en/articles/cervical-insufficiency/"
    )
    assert "workTranslation" not in data


def test_json_ld_cannot_be_closed_by_article_text(client):
    make_article("topic", title="</script><script>alert(1)</script>")
    page = client.get("/en/articles/topic/").content.decode()
    assert "<script>alert(1)" not in page
    assert structured_data(page)["name"] == "</script><script>alert(1)</script>"


def test_json_ld_escapes_markup_characters():
    assert str(json_ld({"name": "<&>"})) == '{"name": "\\u003C\\u0026\\u003E"}'


def test_canonical_and_open_graph_tags(client, topic):
    page = client.get("/en/articles/cervical-insufficiency/?page=2").content.decode()
    url = "http://testserver/en/articles/cervical-insufficiency/"
    assert f'<link rel="canonical" href="{url}">' in page
    assert f'<meta property="og:url" content="{url}">' in page
    assert '<meta property="og:title" content="Cervical insufficiency">' in page
    assert '<meta property="og:type" content="article">' in page


def test_sitemap_lists_articles_in_their_languages_with_alternates(
    client, topic, django_assert_max_num_queries
):
    make_article("english-only")
    make_article("secret", status=Article.Status.DRAFT)
    index = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://testserver/sitemap-articles.xml</loc>" in index
    assert "<loc>http://testserver/sitemap-categories.xml</loc>" in index
    with django_assert_max_num_queries(5):
        response = client.get("/sitemap-articles.xml")
    xml = response.content.decode()
    assert response.status_code == 200
    assert "<loc>http://testserver/en/articles/cervical-insufficiency/</loc>" in xml
    assert "<loc>http://testserver/es/articles/cervical-insufficiency/</loc>" in xml
    assert "<loc>http://testserver/en/articles/english-only/</loc>" in xml
    assert "/es/articles/english-only/" not in xml
    assert "secret" not in xml
    assert 'hreflang="es" href="http://testserver/es/articles/cervical-insufficiency/"' in xml
    assert 'hreflang="x-default"' in xml
    assert "<lastmod>" in xml


def test_atom_feed_lists_recent_articles_in_the_language(client, topic):
    make_article("secret", title="Secret", status=Article.Status.DRAFT)
    response = client.get("/en/feed/")
    assert response["Content-Type"].startswith("application/atom+xml")
    xml = response.content.decode()
    assert "<title>Cervical insufficiency</title>" in xml and "Secret" not in xml
    assert "<updated>" in xml
    spanish = client.get("/es/feed/").content.decode()
    assert "Insuficiencia cervical" in spanish and "<title>Cervical insufficiency" not in spanish


def test_feed_shows_an_update_first(client, topic):
    other = make_article("other", title="Other")
    publish_change(topic, summary="Updated summary.")
    xml = client.get("/en/feed/").content.decode()
    assert xml.index("Cervical insufficiency") < xml.index(other.translations.get().title)


def test_robots_txt_points_to_the_sitemap_and_keeps_out_of_the_admin(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    body = response.content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_sitemap_is_split_into_pages(client, monkeypatch):
    from healthinfo.sitemaps import ArticleSitemap

    for number in range(5):
        make_article(f"topic-{number}")
    monkeypatch.setattr(ArticleSitemap, "limit", 2)
    index = client.get("/sitemap.xml").content.decode()
    assert "http://testserver/sitemap-articles.xml?p=3" in index
    assert "/en/articles/topic-4/" in client.get("/sitemap-articles.xml?p=3").content.decode()
