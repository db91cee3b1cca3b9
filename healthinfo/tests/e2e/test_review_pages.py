"""
The review workflow's pages in a real browser: the page history, an archived
version and the editors' dashboard, with no serious axe violation and valid HTML.
"""

import pytest
from playwright.sync_api import expect

from healthinfo.tests.e2e.checks import axe_violations, html_errors

pytestmark = pytest.mark.e2e

SLUG = "cervical-insufficiency"


def log_in(page, username):
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(f"{username}-demo-pass")
    page.get_by_role("button", name="Log in").click()


def checked(page, name, response):
    html = response.text()
    problems = {
        "axe (serious or critical)": axe_violations(page, name),
        "Nu HTML Checker errors": html_errors(html, name),
    }
    assert problems == {"axe (serious or critical)": [], "Nu HTML Checker errors": []}


def test_reader_goes_from_the_review_box_to_an_archived_version(page, site):
    page.goto(f"/en/articles/{SLUG}/")
    page.get_by_role("link", name="Page history and citable versions").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Page history")
    checked(page, "page-history", page.request.get(page.url))
    page.get_by_role("link", name="Version 1, published").first.click()
    expect(page.locator(".archived-notice")).to_contain_text("Archived version")
    expect(page.get_by_role("heading", name="Cite this version")).to_be_visible()
    checked(page, "archived-version", page.request.get(page.url))


def test_editor_opens_the_review_dashboard(page, site):
    log_in(page, "editor")
    response = page.goto("/admin/healthinfo/reviewassignment/dashboard/?bucket=all")
    expect(page.get_by_role("heading", name="Review dashboard")).to_be_visible()
    expect(page.get_by_role("link", name="Assign").first).to_be_visible()
    checked(page, "review-dashboard", response)
