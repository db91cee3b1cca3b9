"""Search: ranked, stemmed and highlighted on PostgreSQL and SQLite alike, never a 500."""

import pytest
from django.db import connection

from healthinfo import search
from healthinfo.models import ArticleTranslation, SearchDocument, SearchTerm, Section
from healthinfo.tests.factories import add_translation, make_article

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="full-text search, ts_headline and pg_trgm need PostgreSQL (DATABASE_URL=postgres://…)",
)


@pytest.fixture
def library():
    cervical = make_article(
        "cervical-insufficiency",
        title="Cervical insufficiency",
        alternate_names="Incompetent cervix\nWeak cervix",
        summary="When the cervix opens too early in pregnancy.",
    )
    add_translation(
        cervical,
        "es",
        title="Insuficiencia cervical",
        alternate_names="Cuello uterino incompetente",
        summary="Cuando el cuello uterino se abre antes de tiempo.",
    )
    other = make_article(
        "preterm-labour", title="Preterm labour", summary="Labour before 37 weeks."
    )
    Section.objects.create(
        translation=other.translations.get(),
        order=5,
        heading="Causes",
        body="<p>A weak cervix is one of many causes; so is infection of the cervix.</p>",
    )
    return cervical


def titles(query, language="en"):
    """Titles of the results in ``language``'s own group, best first."""
    ids = search.search(query, language).results.ids
    by_id = dict(ArticleTranslation.objects.filter(pk__in=ids).values_list("pk", "title"))
    return [by_id[pk] for pk in ids]


def test_weak_cervix_finds_cervical_insufficiency_first(library):
    found = titles("weak cervix")
    assert found[0] == "Cervical insufficiency"
    assert "Preterm labour" in found


def test_cuello_uterino_finds_the_spanish_page(library):
    assert titles("cuello uterino", "es") == ["Insuficiencia cervical"]


def test_words_in_section_bodies_are_found(library):
    Section.objects.create(
        translation=library.translations.get(language="en"),
        order=9,
        heading="Early days",
        body="<p>A zygote becomes an embryo.</p>",
    )
    assert titles("zygote") == ["Cervical insufficiency"]


def test_drafts_are_never_found(library):
    make_article("secret", title="Secret weak cervix", status="draft")
    assert "Secret weak cervix" not in titles("weak cervix")


def test_editing_a_section_updates_search(library):
    section = library.translations.get(language="en").sections.first()
    section.body = "<p>Progesterone can help.</p>"
    section.save()
    assert titles("progesterone") == ["Cervical insufficiency"]


def test_search_document_keeps_link_text_not_tokens(library):
    section = library.translations.get(language="en").sections.first()
    section.body = "<p>See [[preterm-labour|early labour]].</p>"
    section.save()
    text = SearchDocument.objects.get(translation_id=section.translation_id).text
    assert "early labour" in text and "[[" not in text


def test_stemming_matches_other_forms_of_a_word(library):
    assert "Preterm labour" in titles("causing infections")


def test_spanish_stemming_uses_the_spanish_configuration(library):
    assert "Insuficiencia cervical" in titles("cuellos uterinos", "es")


@postgres_only
def test_search_index_is_a_gin_index_on_the_stored_document():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'search_document_vector'")
        (definition,) = cursor.fetchone()
    assert "gin" in definition.lower() and "vector" in definition


def test_results_show_a_highlighted_snippet(client, library):
    html = client.get("/en/search/", {"q": "infection"}).content.decode()
    assert "<mark>infection</mark>" in html


def test_snippet_escapes_article_text(client, library):
    section = library.translations.get(language="en").sections.first()
    section.body = "<p>Zebra: tags like &lt;script&gt;alert(1)&lt;/script&gt; are text.</p>"
    section.save()
    html = client.get("/en/search/", {"q": "zebra"}).content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<mark>Zebra</mark>" in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "Type a condition or a symptom"),
        ("   ", "Type a condition or a symptom"),
        ("!!! ??? ***", "Please use letters or numbers"),
        ("x" * 5000, "Your search was very long"),
    ],
)
def test_empty_symbol_only_and_very_long_queries_get_a_helpful_page(client, query, message):
    response = client.get("/en/search/", {"q": query})
    assert response.status_code == 200
    assert message in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "' OR 1=1 --",
        "a & b | !c",
        "<script>alert(1)</script>",
        "\\",
        "cervix:*",
        "(weak",
        "😀 cervix",
        "%00",
        "weak\x00cervix",
    ],
)
def test_hostile_queries_never_fail(client, library, query):
    response = client.get("/en/search/", {"q": query, "page": "abc"})
    # A NUL byte is refused as a malformed address (400) before the search runs.
    assert response.status_code == (400 if "\x00" in query else 200)
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_search_page_is_paginated_with_constant_queries(client, django_assert_max_num_queries):
    for number in range(25):
        make_article(f"topic-{number}", title=f"Bleeding topic {number:02d}")
    client.get("/en/")
    # The dictionary, the vocabulary, the ranking in each language, the page's rows.
    with django_assert_max_num_queries(5):
        first = client.get("/en/search/", {"q": "bleeding"}).content.decode()
    assert first.count('class="fs-5"') == 10
    assert "25 results" in first
    third = client.get("/en/search/", {"q": "bleeding", "page": 3}).content.decode()
    assert third.count('class="fs-5"') == 5


def test_a_repeated_search_reuses_the_ranking(client, django_assert_max_num_queries):
    for number in range(5):
        make_article(f"topic-{number}", title=f"Bleeding topic {number}")
    client.get("/en/search/", {"q": "bleeding"})
    # The page's rows and snippets, and the site's cache generations (menu, ranking).
    with django_assert_max_num_queries(2):
        again = client.get("/en/search/", {"q": "bleeding"}).content.decode()
    assert "5 results" in again


def test_search_results_follow_edits_at_once(client, django_capture_on_commit_callbacks):
    article = make_article("topic", title="Water birth")
    assert "0 results" in client.get("/en/search/", {"q": "hydrotherapy"}).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        Section.objects.create(
            translation=article.translations.get(),
            order=9,
            heading="Pain relief",
            body="<p>Hydrotherapy in a birth pool.</p>",
        )
    found = client.get("/en/search/", {"q": "hydrotherapy"}).content.decode()
    assert "1 result for" in found and "Water birth" in found
    with django_capture_on_commit_callbacks(execute=True):
        article.status = article.Status.ARCHIVED
        article.save()
    assert "0 results" in client.get("/en/search/", {"q": "hydrotherapy"}).content.decode()


def test_very_common_words_say_there_are_more_results(client, monkeypatch):
    monkeypatch.setattr(search, "MAX_RESULTS", 3)
    for number in range(4):
        make_article(f"topic-{number}", title=f"Bleeding topic {number}")
    page = client.get("/en/search/", {"q": "bleeding"}).content.decode()
    assert "More than 3 results for “bleeding”" in page
    assert page.count('class="fs-5"') == 3


def test_the_other_language_says_when_it_has_more_pages_than_it_counts(client, monkeypatch):
    monkeypatch.setattr(search, "MAX_RESULTS", 3)
    for number in range(4):
        make_article(f"sangrado-{number}", title=f"Sangrado {number}", language="es")
    page = client.get("/en/search/", {"q": "sangrado"}).content.decode()
    assert "Buscar en español" in page
    assert "(more than 3 pages)" in page
    assert "(3 pages)" not in page
    for number in range(4):
        make_article(f"hydrops-{number}", title=f"Hydrops {number}")
    page = client.get("/es/search/", {"q": "hydrops"}).content.decode()
    assert "Search in English" in page and "(más de 3 páginas)" in page


def test_vocabulary_holds_the_words_of_pages(library):
    assert SearchTerm.objects.filter(language="es", word="uterino").exists()
    assert SearchTerm.objects.filter(language="en", word="insufficiency").exists()


def test_rebuild_search_fills_documents_of_bulk_created_pages(
    library, django_capture_on_commit_callbacks
):
    from django.core.management import call_command

    SearchDocument.objects.all().delete()
    SearchTerm.objects.all().delete()
    assert titles("infection") == []
    with django_capture_on_commit_callbacks(execute=True):
        call_command("rebuild_search", verbosity=0)
    assert titles("infection") == ["Preterm labour"]
    assert SearchTerm.objects.filter(word="insufficiency").exists()


def test_a_results_page_is_one_query_of_plain_rows(library, django_assert_num_queries):
    outcome = search.search("weak cervix", "en")
    ids = outcome.results.ids
    with django_assert_num_queries(1):
        results = search.results_page(ids, outcome, "en")
    first = results[0]
    assert isinstance(first, search.Result)
    assert first.title == "Cervical insufficiency"
    assert first.url == "/en/articles/cervical-insufficiency/"
    assert first.alternate_names == "Incompetent cervix; Weak cervix"
    assert first.complete and not first.foreign


def test_results_in_the_other_language_link_to_their_own_site(library):
    outcome = search.search("cuello uterino", "en")
    (spanish,) = search.results_page(outcome.other.ids, outcome, "es")
    assert spanish.url == "/es/articles/cervical-insufficiency/"
    assert spanish.foreign and spanish.alternate_names == "Cuello uterino incompetente"


def test_a_page_unpublished_since_the_search_is_left_out_of_its_results(library):
    outcome = search.search("cervix", "en")
    assert len(search.results_page(outcome.results.ids, outcome, "en")) == 2
    library.status = library.Status.ARCHIVED
    library.save()
    shown = search.results_page(outcome.results.ids, outcome, "en")
    assert [result.title for result in shown] == ["Preterm labour"]


def test_a_query_is_ranked_once_until_pages_change(library, monkeypatch):
    ranked = []
    real = search._search
    monkeypatch.setattr(search, "_search", lambda *args: ranked.append(args[0]) or real(*args))
    search.search("weak cervix", "en")
    search.search("Weak  cervix", "en")  # the same query, as typed by another reader
    assert ranked == ["weak cervix"]


def test_with_no_time_to_keep_them_results_are_never_cached(library, monkeypatch, settings):
    settings.SEARCH_RESULTS_CACHE_SECONDS = 0
    ranked = []
    real = search._search
    monkeypatch.setattr(search, "_search", lambda *args: ranked.append(args[0]) or real(*args))
    first = search.search("weak cervix", "en")
    second = search.search("weak cervix", "en")
    assert ranked == ["weak cervix", "weak cervix"]
    assert first.results.ids == second.results.ids
