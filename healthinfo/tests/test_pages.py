"""Reader pages render in English and Spanish at a constant query cost."""

import pytest
from django.core.cache import cache

from healthinfo.context_processors import category_menu
from healthinfo.models import Article
from healthinfo.tests.factories import (
    add_translation,
    make_article,
    make_category,
    make_reviewer,
    review,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def topic():
    category = make_category(
        "complications", names={"en": "Pregnancy complications", "es": "Complicaciones"}
    )
    article = make_article(
        "cervical-insufficiency",
        title="Cervical insufficiency",
        category=category,
        alternate_names="Incompetent cervix\nWeak cervix",
    )
    add_translation(
        article, "es", title="Insuficiencia cervical", alternate_names="Cuello uterino incompetente"
    )
    review(
        article,
        days_ago=30,
        reviewer=make_reviewer("Jane Roe", credentials="MD, FACOG"),
        also_reviewed_by=[make_reviewer("Sam Lee", credentials="MD, MHA")],
    )
    return article


def test_home_lists_categories_and_articles_in_each_language(client, topic):
    english = client.get("/en/").content.decode()
    assert "Pregnancy complications" in english
    assert "Cervical insufficiency" in english
    spanish = client.get("/es/").content.decode()
    assert 'lang="es"' in spanish
    assert "Complicaciones" in spanish
    assert "Insuficiencia cervical" in spanish


def test_article_page_shows_title_alternate_names_sections_references_and_review(client, topic):
    response = client.get("/en/articles/cervical-insufficiency/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1" in html and "Cervical insufficiency" in html
    assert "Also called:" in html and "Incompetent cervix; Weak cervix" in html
    assert 'href="#section-1"' in html
    assert "Reference 1" in html
    assert "Jane Roe, MD, FACOG" in html
    assert "Also reviewed by" in html and "Sam Lee, MD, MHA" in html
    assert "Next review due" in html


def test_spanish_article_page_is_in_spanish(client, topic):
    html = client.get("/es/articles/cervical-insufficiency/").content.decode()
    assert 'lang="es"' in html
    assert "Insuficiencia cervical" in html
    assert "Cuello uterino incompetente" in html


def test_draft_article_is_not_found(client):
    make_article("secret", status=Article.Status.DRAFT)
    assert client.get("/en/articles/secret/").status_code == 404


def test_unknown_article_is_not_found(client):
    assert client.get("/en/articles/no-such-thing/").status_code == 404


def test_category_page_lists_its_articles(client, topic):
    html = client.get("/en/categories/complications/").content.decode()
    assert "Cervical insufficiency" in html


@pytest.mark.parametrize(
    "slug", ["about-us", "editorial-policy", "privacy", "advertising", "contact"]
)
@pytest.mark.parametrize("language", ["en", "es"])
def test_policy_pages_exist_in_both_languages(client, slug, language):
    assert client.get(f"/{language}/about/{slug}/").status_code == 200


def test_unknown_policy_page_is_not_found(client):
    assert client.get("/en/about/../../etc/").status_code == 404
    assert client.get("/en/about/nothing/").status_code == 404


def test_base_template_has_skip_link_search_menu_language_toggle_and_disclaimer(client, topic):
    html = client.get("/en/").content.decode()
    assert 'href="#main"' in html
    assert 'role="search"' in html
    assert 'href="/en/categories/complications/"' in html
    assert 'href="/es/"' in html and "Español" in html
    assert "does not replace" in html


def test_article_page_query_count_does_not_grow_with_content(client, django_assert_max_num_queries):
    article = make_article("big", sections=20, references=30)
    review(article, days_ago=5, also_reviewed_by=[make_reviewer(), make_reviewer()])
    client.get("/en/")  # warm the category menu cache
    with django_assert_max_num_queries(8):
        assert client.get("/en/articles/big/").status_code == 200


def test_home_query_count_does_not_grow_with_articles(client, django_assert_max_num_queries):
    category = make_category()
    for _ in range(30):
        make_article(category=category)
    client.get("/en/")
    with django_assert_max_num_queries(6):
        assert client.get("/en/").status_code == 200


def test_category_menu_costs_one_query_and_falls_back_to_the_source_name(
    django_assert_num_queries,
):
    make_category("labour", names={"en": "Labour"})
    make_category("birth", names={"en": "Birth", "es": "Parto"})
    cache.clear()
    with django_assert_num_queries(2):  # the site's cache generations, then the menu
        menu = category_menu("es")
    assert [name for _, name, _ in menu] == ["Parto", "Labour"]
