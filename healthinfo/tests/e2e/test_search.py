"""Journey: readers search in their own words and in the other language."""

import re

import pytest
from playwright.sync_api import expect

from healthinfo.tests.e2e.checks import axe_violations, html_errors

pytestmark = pytest.mark.e2e


def search(page, words, label="Search articles"):
    page.get_by_role("searchbox", name=label).fill(words)
    page.keyboard.press("Enter")


def test_spanish_words_on_the_english_site_lead_to_the_spanish_page(page):
    page.goto("/en/")
    search(page, "cuello uterino")
    expect(page).to_have_url(re.compile(r"/en/search/\?q=cuello\+uterino$"))
    spanish = page.get_by_role("region", name="Results in Spanish")
    first = spanish.locator(".search-results > li").first
    expect(first).to_have_attribute("lang", "es")
    expect(first.get_by_role("link").first).to_have_text("Insuficiencia cervical")
    # The Spanish results come before the English ones: the words are Spanish.
    assert page.locator("section").first.get_attribute("class").startswith("search-other-language")

    spanish.get_by_role("link", name="Buscar en español").click()
    expect(page).to_have_url(re.compile(r"/es/search/\?q=cuello\+uterino$"))
    expect(page.locator("html")).to_have_attribute("lang", "es")
    results = page.locator(".search-results > li")
    expect(results.first.get_by_role("link").first).to_have_text("Insuficiencia cervical")
    # Extracts name their section and mark the reader's words.
    snippet = results.first.locator(".search-snippet").first
    expect(snippet.locator(".search-section")).not_to_be_empty()
    expect(snippet.locator("mark").first).to_be_visible()


def test_a_spanish_reader_finds_a_page_written_only_in_english(page):
    page.goto("/es/")
    search(page, "aborto espontáneo", label="Buscar artículos")
    english = page.get_by_role("region", name="Resultados en inglés")
    link = english.locator(".search-results > li").first.get_by_role("link").first
    expect(link).to_have_text("Miscarriage")
    expect(link).to_have_attribute("hreflang", "en")
    link.click()
    expect(page).to_have_url(re.compile(r"/en/articles/miscarriage/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Miscarriage")


def test_a_misspelling_shows_the_corrected_results_at_once(page):
    page.goto("/en/")
    search(page, "hyperemisis gravidarum")
    expect(page.locator(".search-correction")).to_contain_text(
        "Showing results for hyperemesis gravidarum"
    )
    results = page.locator(".search-results > li")
    expect(results.first.get_by_role("link").first).to_have_text("Hyperemesis gravidarum")
    page.get_by_role("link", name="Search instead for “hyperemisis gravidarum”").click()
    expect(page.locator(".search-correction")).to_have_count(0)


def test_cross_language_results_are_accessible_and_valid(page):
    response = page.goto("/en/search/?q=cuello+uterino")
    assert axe_violations(page, "search-cross-language") == []
    assert html_errors(response.text(), "search-cross-language") == []
