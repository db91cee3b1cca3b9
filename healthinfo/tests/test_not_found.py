"""Readers who follow a broken or mistyped link get a helpful page, in their language."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def production_errors(settings):
    # Django only renders templates/404.html when DEBUG is off.
    settings.DEBUG = False


def test_unknown_article_shows_a_search_box_and_a_way_home(client):
    response = client.get("/en/articles/no-such-condition/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "We can’t find that page" in page
    assert 'action="/en/search/"' in page
    assert 'href="/en/"' in page
    assert '<meta name="robots" content="noindex">' in page


def test_not_found_page_is_in_spanish_under_the_spanish_prefix(client):
    response = client.get("/es/articles/no-existe/")
    assert response.status_code == 404
    assert '<html lang="es">' in response.content.decode()
    assert "No encontramos esa página" in response.content.decode()


def test_hostile_path_is_escaped_on_the_not_found_page(client):
    response = client.get('/en/articles/"><script>alert(1)</script>/')
    assert response.status_code == 404
    assert "<script>alert(1)</script>" not in response.content.decode()
