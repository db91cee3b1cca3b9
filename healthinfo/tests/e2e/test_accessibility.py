"""
Every kind of reader page, in the states readers meet: no serious or critical
axe-core violation, and no error from the Nu HTML Checker in the served HTML.
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


@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_serious_accessibility_violations_and_valid_html(page, name):
    html = PAGES[name](page)
    problems = {
        "axe (serious or critical)": axe_violations(page, name),
        "Nu HTML Checker errors": html_errors(html, name),
    }
    assert problems == {"axe (serious or critical)": [], "Nu HTML Checker errors": []}
