"""Home, category and A-Z pages stay small and cheap however many articles there are."""

import pytest

from healthinfo.models import Article, ArticleTranslation
from healthinfo.tests.factories import make_article, make_category

pytestmark = pytest.mark.django_db


def many_articles(category, count, *, language="en", prefix="Topic"):
    """``count`` published articles with one translation each, created in bulk."""
    articles = Article.objects.bulk_create(
        Article(slug=f"{prefix.lower()}-{category.pk}-{n}", category=category, status="published")
        for n in range(count)
    )
    ArticleTranslation.objects.bulk_create(
        ArticleTranslation(article=article, language=language, title=f"{prefix} {n:05d}")
        for n, article in enumerate(articles)
    )


def test_home_page_is_bounded_with_thousands_of_articles(client, django_assert_max_num_queries):
    for _ in range(3):
        many_articles(make_category(), 1000)
    client.get("/en/")
    with django_assert_max_num_queries(5):
        response = client.get("/en/")
    html = response.content.decode()
    assert html.count('class="article-list') == 3
    assert html.count('href="/en/articles/') <= 3 * 6 + 5
    assert "See all 1000 articles" in html
    assert len(html) < 60_000


def test_category_page_is_paginated(client, django_assert_max_num_queries):
    category = make_category("complications")
    many_articles(category, 60)
    client.get("/en/")
    # The page's cache generations (one query), the next scheduled change, the category,
    # the count and the page of articles.
    with django_assert_max_num_queries(6):
        first = client.get("/en/categories/complications/").content.decode()
    assert first.count('href="/en/articles/') == 25
    assert "Topic 00000" in first and "Topic 00025" not in first
    assert "Page 1 of 3" in first and 'rel="next"' in first
    third = client.get("/en/categories/complications/?page=3").content.decode()
    assert third.count('href="/en/articles/') == 10 and "Topic 00059" in third


@pytest.mark.parametrize("page", ["999", "-1", "abc", "1e9", "%01"])
def test_category_page_with_a_strange_page_number_still_answers(client, page):
    many_articles(make_category("complications"), 30)
    assert client.get(f"/en/categories/complications/?page={page}").status_code == 200


def test_category_page_with_a_nul_byte_in_the_query_is_a_bad_request(client):
    many_articles(make_category("complications"), 30)
    assert client.get("/en/categories/complications/?page=%00").status_code == 400


def test_category_breadcrumbs_lead_home(client):
    make_category("complications", names={"en": "Complications", "es": "Complicaciones"})
    html = client.get("/es/categories/complications/").content.decode()
    assert 'href="/es/"' in html and 'aria-current="page">Complicaciones<' in html


def test_a_to_z_lists_letters_and_the_chosen_letters_articles(
    client, django_assert_max_num_queries
):
    category = make_category()
    make_article("cervical-insufficiency", title="Cervical insufficiency", category=category)
    make_article("anaemia", title="Anaemia", category=category)
    spanish = make_article("ulcera", title="Úlcera", language="es", category=category)
    client.get("/en/")
    with django_assert_max_num_queries(5):
        html = client.get("/en/a-z/?letter=c").content.decode()
    assert 'href="?letter=A"' in html and 'aria-current="page">C<' in html
    assert "Cervical insufficiency" in html and "Anaemia" not in html
    spanish_index = client.get("/es/a-z/?letter=U").content.decode()
    assert spanish.translations.get().title in spanish_index
    assert 'lang="es"' in spanish_index


@pytest.mark.parametrize("letter", ["<script>", "%", "ZZ", "😀", "Q", "#"])
def test_a_to_z_with_a_letter_it_does_not_list_answers_404(client, letter):
    make_article(title="Anaemia")
    response = client.get("/en/a-z/", {"letter": letter})
    assert response.status_code == 404
    assert "Anaemia" not in response.content.decode()  # not another letter's page


def test_a_to_z_in_a_language_without_articles_says_so(client):
    make_article(title="Anaemia")
    assert "Todavía no hay artículos en este idioma." in client.get("/es/a-z/").content.decode()


def test_subcategory_breadcrumbs_go_through_the_parent_and_show_the_description(
    client, django_assert_max_num_queries
):
    from healthinfo.models import CategoryTranslation

    parent = make_category("complications", names={"en": "Complications", "es": "Complicaciones"})
    child = make_category("placenta", names={"en": "Placenta", "es": "Placenta"}, parent=parent)
    CategoryTranslation.objects.filter(category=child, language="es").update(
        description="Problemas de la placenta."
    )
    client.get("/es/")
    with django_assert_max_num_queries(6):
        html = client.get("/es/categories/placenta/").content.decode()
    assert '<a href="/es/categories/complications/">Complicaciones</a>' in html
    assert 'aria-current="page">Placenta<' in html
    assert "Problemas de la placenta." in html
