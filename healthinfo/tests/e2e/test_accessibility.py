"""
Every kind of reader page, in the states readers meet: no serious or critical
axe-core violation, and no error from the Nu HTML Checker in the served HTML.

Every finding, minor ones too, is written to test-results/e2e/<page>.axe.json
and <page>.vnu.json.
"""

import pytest
from playwright.sync_api import expect

from healthinfo.tests.e2e.checks import axe_violations, html_errors

pytestmark = pytest.mark.e2e

ARTICLE = "/en/articles/cervical-insufficiency/"


def visit(path, status=200):
    def open_page(page):
        response = page.goto(path)
        assert response.status == status
        return response.text()

    return open_page


def send_question(page, text, *, email=""):
    page.goto(ARTICLE)
    page.get_by_label("Your question").fill(text)
    page.get_by_label("Email (optional)").fill(email)
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Send question").click()
    return navigation.value


def form_with_errors(page):
    response = send_question(page, "Stitch?", email="not an address")
    expect(page.locator(".invalid-feedback").first).to_be_visible()
    return response.text()


def confirmation(page):
    response = send_question(page, "Can I fly at 24 weeks with a stitch in place?")
    expect(page.locator("#your-questions")).to_be_visible()
    return response.text()


def emergency_box(page):
    response = send_question(page, "I'm 20 weeks and bleeding heavily")
    expect(page.locator("#emergency")).to_be_visible()
    return response.text()


PAGES = {
    "home": visit("/en/"),
    "a-z": visit("/en/a-z/"),
    "a-z-alternate-names": visit("/es/a-z/?letter=I"),
    "a-z-unknown-letter": visit("/en/a-z/?letter=Q", status=404),
    "category": visit("/en/categories/pregnancy-complications/"),
    "article-en": visit(ARTICLE),
    "article-es": visit("/es/articles/cervical-insufficiency/"),
    "search-results": visit("/en/search/?q=weak+cervix"),
    "page-history": visit("/en/articles/cervical-insufficiency/history/"),
    "archived-version": visit("/en/articles/cervical-insufficiency/versions/1/"),
    "not-found": visit("/en/articles/no-such-page/", status=404),
    "question-form-with-errors": form_with_errors,
    "question-confirmation": confirmation,
    "emergency-box": emergency_box,
}


def test_reader_pages_have_no_serious_accessibility_violations_and_valid_html(new_context):
    # One test for all pages: the demo content is loaded once, not once per page.
    problems = {}
    for name, open_page in PAGES.items():
        page = new_context().new_page()  # a reader who has not asked anything yet
        html = open_page(page)
        found = {
            "axe (serious or critical)": axe_violations(page, name),
            "Nu HTML Checker errors": html_errors(html, name),
        }
        problems.update({f"{name}: {checker}": items for checker, items in found.items() if items})
    assert problems == {}
