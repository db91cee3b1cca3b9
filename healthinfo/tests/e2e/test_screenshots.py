"""
Screenshots for the README ("What it looks like"), taken from the running site.

Every run saves them under test-results/e2e/screenshots/. ``make screenshots``
saves them into docs/screenshots/ (``E2E_SCREENSHOTS``) to be committed: the
demo's dates move with today, so a plain test run must not leave changed
images in the working tree.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

SCREENSHOTS = Path(settings.BASE_DIR) / os.environ.get(
    "E2E_SCREENSHOTS", "test-results/e2e/screenshots"
)
DESKTOP = {"viewport": {"width": 1280, "height": 800}}
MOBILE = {
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "has_touch": True,
}


def save(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=path, animations="disabled", caret="hide")
    assert path.stat().st_size > 10_000  # a page, not a blank


def test_article_page_screenshots_in_both_languages_on_desktop_and_phone(new_context):
    titles = {"en": "Cervical insufficiency", "es": "Insuficiencia cervical"}
    for device, options in {"desktop": DESKTOP, "mobile": MOBILE}.items():
        for language, title in titles.items():
            page = new_context(**options).new_page()
            page.goto(f"/{language}/articles/cervical-insufficiency/")
            expect(page.get_by_role("heading", level=1)).to_have_text(title)
            # Nothing may be wider than the screen: no sideways scrolling for readers.
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= options["viewport"]["width"], (device, language, width)
            save(page, f"article-{language}-{device}")


def test_phone_menu_and_overdue_page_screenshots(new_context):
    page = new_context(**MOBILE).new_page()
    page.goto("/en/articles/ectopic-pregnancy/")
    expect(page.locator(".overdue-notice")).to_be_visible()
    save(page, "article-overdue-mobile")
    page.get_by_text("Menu", exact=True).click()
    expect(page.get_by_role("navigation", name="Topics")).to_be_visible()
    save(page, "menu-open-mobile")


def test_moderation_queue_screenshot(log_in):
    midwife = log_in("midwife")
    midwife.set_viewport_size(DESKTOP["viewport"])
    midwife.goto("/admin/comments/question/")
    midwife.get_by_role("button", name="Toggle navigation").click()  # room for the table
    expect(midwife.locator("#result_list")).to_be_visible()
    midwife.evaluate("window.scrollTo(0, 0)")
    save(midwife, "moderation-queue")


def test_review_dashboard_screenshot(log_in):
    editor = log_in("editor")
    editor.set_viewport_size(DESKTOP["viewport"])
    editor.goto("/admin/healthinfo/reviewassignment/dashboard/?bucket=all")
    editor.get_by_role("button", name="Toggle navigation").click()
    expect(editor.locator("#result_list tbody tr").first).to_be_visible()
    editor.evaluate("window.scrollTo(0, 0)")
    save(editor, "review-dashboard")


def test_editing_page_screenshot(log_in):
    from healthinfo.models import Article
    from healthinfo.services import start_draft

    draft, _created = start_draft(Article.objects.get(slug="cervical-insufficiency"), "en")
    editor = log_in("editor")
    editor.set_viewport_size({"width": 1440, "height": 1000})
    editor.goto(f"/admin/healthinfo/drafttranslation/{draft.pk}/change/")
    editor.get_by_role("button", name="Toggle navigation").click()
    body = editor.locator("#sections-0 .ProseMirror[role=textbox]")
    expect(body).to_be_visible()
    # The live check has answered: the score beside the form is filled in.
    expect(editor.locator('.draft-editor-aside [data-result="score"]')).not_to_have_text("—")
    editor.locator("#sections-group").scroll_into_view_if_needed()
    editor.evaluate("window.scrollBy(0, -120)")
    save(editor, "editing-page")


def test_plain_language_report_screenshot(log_in):
    editor = log_in("editor")
    editor.set_viewport_size(DESKTOP["viewport"])
    editor.goto("/admin/healthinfo/readabilityscore/")
    editor.get_by_role("button", name="Toggle navigation").click()
    expect(editor.locator("#result_list tbody tr").first).to_be_visible()
    editor.evaluate("window.scrollTo(0, 0)")
    save(editor, "plain-language-report")
