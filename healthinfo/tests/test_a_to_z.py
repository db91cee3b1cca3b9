"""The A-Z index: titles and alternate names, accent-folded order, and 404 for unknown letters."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from healthinfo import a_to_z
from healthinfo.models import Article
from healthinfo.tests.factories import (
    add_translation,
    make_article,
    make_category,
    make_published_article,
    publish_change,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def cervix():
    article = make_article(
        "cervical-insufficiency",
        title="Cervical insufficiency",
        alternate_names="Incompetent cervix\nWeak cervix",
    )
    add_translation(
        article,
        "es",
        title="Insuficiencia cervical",
        alternate_names="Cuello uterino incompetente\nIncompetencia cervical",
    )
    return article


def entries_on(html):
    """(link text, address, what follows the link) for each entry of the letter shown."""
    listed = re.search(r'<ul class="article-list.*?</ul>', html, re.S).group(0)
    return [
        (name, url, re.sub(r"<[^>]+>", "", rest).split())
        for url, name, rest in re.findall(
            r'<li class="mb-2"><a href="([^"]+)">([^<]+)</a>(.*?)</li>', listed
        )
    ]


def test_alternate_names_are_listed_under_their_own_letter_leading_to_the_article(client, cervix):
    html = client.get("/en/a-z/?letter=I").content.decode()
    assert entries_on(html) == [
        (
            "Incompetent cervix",
            "/en/articles/cervical-insufficiency/",
            ["→", "another", "name", "for", "Cervical", "insufficiency"],
        )
    ]
    html = client.get("/en/a-z/?letter=W").content.decode()
    assert [name for name, _url, _rest in entries_on(html)] == ["Weak cervix"]
    assert '<span aria-hidden="true">→</span>' in html  # screen readers hear the words instead


def test_the_title_is_listed_without_an_arrow(client, cervix):
    html = client.get("/en/a-z/?letter=C").content.decode()
    assert entries_on(html) == [
        ("Cervical insufficiency", "/en/articles/cervical-insufficiency/", [])
    ]


def test_letters_include_those_of_alternate_names(client, cervix):
    html = client.get("/en/a-z/").content.decode()
    nav = re.search(r'<nav class="a-to-z-letters".*?</nav>', html, re.S).group(0)
    assert re.findall(r">([A-Z#])<", nav) == ["C", "I", "W"]
    assert 'aria-current="page">C<' in nav  # the first letter when none is asked for


def test_spanish_alternate_names_lead_to_the_spanish_page(client, cervix):
    html = client.get("/es/a-z/?letter=I").content.decode()
    assert entries_on(html) == [
        (
            "Incompetencia cervical",
            "/es/articles/cervical-insufficiency/",
            ["→", "otro", "nombre", "de", "Insuficiencia", "cervical"],
        ),
        ("Insuficiencia cervical", "/es/articles/cervical-insufficiency/", []),
    ]
    assert "Incompetent cervix" not in client.get("/es/a-z/?letter=I").content.decode()
    html = client.get("/es/a-z/?letter=C").content.decode()
    assert [name for name, _url, _rest in entries_on(html)] == ["Cuello uterino incompetente"]


def test_accents_are_folded_for_the_letter_and_the_order(client):
    category = make_category()
    for slug, title, alternate in [
        ("urticaria", "Urticaria", ""),
        ("ulcera", "Úlcera", "Llaga"),
        ("ubicacion", "Ubicación de la placenta", "Útero bajo"),
        ("uso", "uso de medicamentos", ""),
    ]:
        make_article(slug, title=title, language="es", alternate_names=alternate, category=category)
    html = client.get("/es/a-z/?letter=u").content.decode()
    assert [name for name, _url, _rest in entries_on(html)] == [
        "Ubicación de la placenta",
        "Úlcera",
        "Urticaria",
        "uso de medicamentos",
        "Útero bajo",
    ]
    # An accented letter in the address is its letter.
    assert client.get("/es/a-z/?letter=ú").status_code == 200
    assert 'aria-current="page">U<' in client.get("/es/a-z/?letter=Ú").content.decode()


def test_in_spanish_enye_is_a_letter_of_its_own_after_n(client):
    category = make_category()
    for slug, title, alternate in [
        ("nauseas", "Náuseas", ""),
        ("nido", "Nido", ""),
        ("name", "Ñame y embarazo", ""),
        ("ombligo", "Ombligo", ""),
        ("anuria", "Anuria", ""),
        ("ano", "Fisura de ano", "Ano"),
        ("ano-nuevo", "Año nuevo", "Año de vida"),
    ]:
        make_article(slug, title=title, language="es", alternate_names=alternate, category=category)
    html = client.get("/es/a-z/").content.decode()
    nav = re.search(r'<nav class="a-to-z-letters".*?</nav>', html, re.S).group(0)
    assert re.findall(r">([A-ZÑ#])<", nav) == ["A", "F", "N", "Ñ", "O"]
    assert [name for name, _url, _rest in entries_on(html)] == [
        "Ano",  # "ano" and "año" are different words: both listed, ñ after every n
        "Anuria",
        "Año de vida",
        "Año nuevo",
    ]
    html = client.get("/es/a-z/?letter=N").content.decode()
    assert [name for name, _url, _rest in entries_on(html)] == ["Náuseas", "Nido"]
    for asked in ("ñ", "Ñ"):
        html = client.get("/es/a-z/", {"letter": asked}).content.decode()
        assert [name for name, _url, _rest in entries_on(html)] == ["Ñame y embarazo"]
        assert 'aria-current="page">Ñ<' in html


def test_in_english_enye_is_folded_to_n():
    assert a_to_z.letter_of("Ñame", "en") == "N"
    assert a_to_z.requested_letter("ñ", "en") == "N"
    assert a_to_z.requested_letter("ñ", "es") == "Ñ"
    assert a_to_z.folded("Año", "en") == a_to_z.folded("ano", "en")
    assert a_to_z.folded("anuria", "es") < a_to_z.folded("Año", "es") < a_to_z.folded("aorta", "es")


@pytest.mark.parametrize("letter", ["Q", "q", "ZZ", "1", "%", "<b>", "#", "😀", "ab"])
def test_a_letter_not_in_the_index_answers_404_with_the_letters_that_are(client, cervix, letter):
    response = client.get("/en/a-z/", {"letter": letter})
    assert response.status_code == 404
    html = response.content.decode()
    assert "No article is listed under that letter." in html
    assert 'href="?letter=C"' in html and 'href="?letter=W"' in html
    assert "Cervical insufficiency" not in html and "aria-current" not in html.split("<main")[1]


def test_an_unknown_letter_is_refused_in_spanish_too(client, cervix):
    response = client.get("/es/a-z/", {"letter": "W"})
    assert response.status_code == 404
    assert "No hay ningún artículo con esa letra." in response.content.decode()


def test_initials_that_are_not_letters_are_listed_last_under_hash(client, cervix):
    make_article("covid", title="2019 coronavirus in pregnancy", category=cervix.category)
    html = client.get("/en/a-z/").content.decode()
    nav = re.search(r'<nav class="a-to-z-letters".*?</nav>', html, re.S).group(0)
    assert re.findall(r">([A-Z#])<", nav) == ["C", "I", "W", "#"]
    html = client.get("/en/a-z/", {"letter": "#"}).content.decode()
    assert [name for name, _url, _rest in entries_on(html)] == ["2019 coronavirus in pregnancy"]


def test_unpublished_pages_and_their_alternate_names_are_not_listed(client, cervix):
    make_article(
        "secret",
        title="Secret draft",
        alternate_names="Hidden name",
        status=Article.Status.DRAFT,
        category=cervix.category,
    )
    assert client.get("/en/a-z/?letter=H").status_code == 404
    assert "Secret draft" not in client.get("/en/a-z/?letter=S").content.decode()


def test_a_newly_published_alternate_name_is_listed_at_once(client):
    article = make_published_article("cervix", title="Cervical insufficiency")
    assert client.get("/en/a-z/").status_code == 200  # the shared page is stored
    assert client.get("/en/a-z/?letter=S").status_code == 404
    publish_change(article, alternate_names="Short cervix")
    html = client.get("/en/a-z/?letter=S").content.decode()
    assert [name for name, _url, _rest in entries_on(html)] == ["Short cervix"]
    assert 'href="?letter=S"' in client.get("/en/a-z/").content.decode()  # not the stored copy


def test_a_name_given_twice_is_listed_once():
    make_article(title="Anaemia", alternate_names="Anemia\nanemia\nAnaemia\n  \nAnémia")
    assert [entry.name for entry in a_to_z.entries("en")] == ["Anaemia", "Anemia"]


def test_the_same_alternate_name_of_two_pages_leads_to_each():
    make_article("a", title="Pre-eclampsia", alternate_names="Toxaemia")
    make_article("b", title="Eclampsia", alternate_names="Toxaemia")
    toxaemia = [entry for entry in a_to_z.entries("en") if entry.name == "Toxaemia"]
    assert [(entry.title, entry.url) for entry in toxaemia] == [
        ("Eclampsia", "/en/articles/b/"),
        ("Pre-eclampsia", "/en/articles/a/"),
    ]


def test_a_long_letter_is_paginated_with_the_letter_kept(client):
    category = make_category()
    for number in range(20):
        make_article(
            title=f"Topic {number:02}", alternate_names=f"Theme {number:02}", category=category
        )
    html = client.get("/en/a-z/?letter=T").content.decode()
    assert len(entries_on(html)) == 25
    assert 'href="?letter=T&amp;page=2"' in html
    second = client.get("/en/a-z/?letter=T&page=2").content.decode()
    assert [name for name, _url, _rest in entries_on(second)][0] == "Topic 05"
    assert len(entries_on(second)) == 15


def test_the_a_to_z_costs_the_same_for_few_or_many_articles(client):
    category = make_category()

    def add(numbers):
        for number in numbers:
            make_article(
                title=f"Condition {number:02}",
                alternate_names=f"Other name {number:02}",
                category=category,
            )

    def queries_for_a_to_z():
        client.get("/en/")  # the category menu, cached site-wide
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/en/a-z/?letter=O")
        assert response.status_code == 200
        return len(queries), len(entries_on(response.content.decode()))

    add(range(3))
    few = queries_for_a_to_z()
    add(range(3, 40))
    many = queries_for_a_to_z()
    assert (few[1], many[1]) == (3, 25)
    # The shared page's generations and next scheduled change, and the index itself.
    assert few[0] == many[0] <= 3
