"""Journey 1: a reader finds her condition, reads it in two languages and asks a midwife."""

import re

import pytest
from playwright.sync_api import expect

from healthinfo.models import Feedback

pytestmark = pytest.mark.e2e

QUESTION = "I had a stitch at 14 weeks. Is it safe to fly to see my mum at 24 weeks?"


def test_reader_finds_an_article_reads_it_in_spanish_and_asks_a_question(page, new_context):
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/en/$"))

    page.get_by_role("searchbox", name="Search articles").fill("weak cervix")
    page.keyboard.press("Enter")
    results = page.locator(".search-results > li")
    expect(results.first.get_by_role("link")).to_have_text("Cervical insufficiency")

    results.first.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cervical insufficiency")

    contents = page.get_by_role("navigation", name="On this page")
    contents.get_by_role("link", name="How is it treated?").click()
    expect(page).to_have_url(re.compile(r"#[\w-]+$"))
    section_heading = page.get_by_role("heading", level=2, name="How is it treated?")
    expect(section_heading).to_be_in_viewport()
    assert page.url.rsplit("#", 1)[1] == section_heading.evaluate("h => h.closest('section').id")

    language = page.get_by_role("navigation", name="Language")
    language.get_by_role("link", name="Español").click()
    expect(page).to_have_url(re.compile(r"/es/articles/cervical-insufficiency/$"))
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_role("heading", level=1)).to_have_text("Insuficiencia cervical")
    expect(page.get_by_role("navigation", name="En esta página")).to_contain_text("¿Cómo se trata?")

    page.get_by_role("navigation", name="Idioma").get_by_role("link", name="English").click()
    expect(page).to_have_url(re.compile(r"/en/articles/cervical-insufficiency/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Cervical insufficiency")

    feedback = page.get_by_role("region", name="Was this information useful?")
    feedback.get_by_role("textbox").fill("I wanted to know whether I can fly.")
    feedback.get_by_role("button", name="No").click()
    expect(page).to_have_url(re.compile(r"/en/articles/cervical-insufficiency/#feedback$"))
    expect(feedback.get_by_role("status")).to_have_text(
        "Thank you for your feedback. It helps us improve our pages."
    )
    expect(feedback.get_by_role("button")).to_have_count(0)  # one vote per reader
    vote = Feedback.objects.get(article__slug="cervical-insufficiency")
    assert (vote.useful, vote.language, vote.reason) == (
        False,
        "en",
        "I wanted to know whether I can fly.",
    )

    page.get_by_label("Your question").fill(QUESTION)
    page.get_by_label("Name (optional)").fill("Priya")
    page.get_by_role("button", name="Send question").click()

    mine = page.locator("#your-questions")
    expect(mine).to_contain_text("A midwife will read your question")
    expect(mine).to_be_in_viewport()
    pending = mine.locator(".question-pending")
    expect(pending).to_have_count(1)
    expect(pending).to_contain_text("Awaiting review")
    expect(pending).to_contain_text("By Priya")
    expect(pending.locator(".question-body")).to_have_text(QUESTION)

    # Another reader (a fresh browser, no session) does not see it before a midwife has.
    stranger = new_context().new_page()
    stranger.goto("/en/articles/cervical-insufficiency/")
    expect(stranger.get_by_role("heading", name="Questions and answers")).to_be_visible()
    expect(stranger.locator("#questions")).not_to_contain_text(QUESTION)
    expect(stranger.locator("#your-questions")).to_have_count(0)
    # And the asker still sees it after coming back to the page.
    page.reload()
    expect(page.locator("#your-questions .question-body")).to_have_text(QUESTION)
