"""
Journey 5: an editor changes a live page; readers keep the published text until a
medical reviewer signs the draft off and it is published; a "Withdrawn" review
takes a page down with its notice.
"""

import re

import pytest
from playwright.sync_api import expect

from healthinfo.models import Article, Review
from healthinfo.tests.e2e.checks import axe_violations, html_errors
from healthinfo.tests.e2e.test_writing_an_article import select_text

pytestmark = pytest.mark.e2e

SLUG = "pre-eclampsia"
PUBLIC_PAGE = f"/en/articles/{SLUG}/"
OLD_TEXT = "Pre-eclampsia is a condition that only happens in pregnancy or just after."
NEW_TEXT = "Pre-eclampsia is a condition of pregnancy and the first weeks after birth."


def checked(page, name, response):
    problems = {
        "axe (serious or critical)": axe_violations(page, name),
        "Nu HTML Checker errors": html_errors(response.text(), name),
    }
    assert problems == {"axe (serious or critical)": [], "Nu HTML Checker errors": []}


def history_links(page):
    page.goto(f"/en/articles/{SLUG}/history/")
    english = page.locator("section", has=page.locator("#history-en"))
    return english.locator("li")


def test_an_edited_live_page_goes_live_only_after_its_sign_off(page, log_in):
    page.goto(PUBLIC_PAGE)
    expect(page.locator("main")).to_contain_text(OLD_TEXT)
    old_versions = history_links(page)
    old_count = old_versions.count()
    old_permalink = old_versions.first.get_by_role("link").get_attribute("href")

    # The editor edits the live page: it becomes a draft.
    editor = log_in("editor")
    editor.goto(f"/admin/healthinfo/article/?q={SLUG}")
    editor.get_by_role("link", name=SLUG, exact=True).click()
    pages = editor.locator(".pages-table")
    expect(pages).to_contain_text("Pre-eclampsia")
    pages.get_by_role("row", name=re.compile("English")).get_by_role(
        "link", name="Edit (starts a draft)"
    ).click()
    expect(editor.locator("#content-main")).to_contain_text("readers keep seeing the live page")
    editor.get_by_role("button", name="Start editing").click()
    expect(editor.locator(".draft-notice")).to_contain_text("This is a draft.")
    # The sentence is changed in the rich-text editor: selected, then typed over.
    select_text(editor, "#sections-0 .ProseMirror[role=textbox]", OLD_TEXT)
    editor.keyboard.type(NEW_TEXT)
    editor.get_by_role("button", name="Save", exact=True).click()
    expect(editor.locator(".messagelist")).to_contain_text("need a medical sign-off")

    # Readers still get the published page.
    page.goto(PUBLIC_PAGE)
    expect(page.locator("main")).to_contain_text(OLD_TEXT)
    expect(page.locator("main")).not_to_contain_text(NEW_TEXT)

    # The editor sees it awaiting sign-off and asks the reviewer.
    editor.goto("/admin/healthinfo/reviewassignment/dashboard/")
    buckets = editor.get_by_role("navigation", name="Review status")
    buckets.get_by_role("link", name=re.compile(r"^Awaiting sign-off \(\d+\)")).click()
    row = editor.locator("#result_list tbody tr", has_text="Pre-eclampsia")
    expect(row).to_contain_text("awaiting sign-off")
    row.get_by_role("link", name="Assign").click()
    editor.locator(".form-row", has_text="Reviewer").locator(".select2-selection").click()
    editor.locator(".select2-search__field").fill("Roe")
    editor.locator(".select2-results__option", has_text="Jane Roe").click()
    editor.get_by_label("Due on:").fill("2099-01-01")
    editor.get_by_role("button", name="Save", exact=True).click()
    expect(editor.locator(".messagelist")).to_contain_text("was added successfully")

    # The reviewer reads the draft and signs it off from "My reviews".
    reviewer = log_in("reviewer")
    reviewer.get_by_role("link", name="Review assignments").first.click()
    row = reviewer.locator("#result_list tbody tr", has_text=SLUG)
    expect(row).to_contain_text("Awaiting sign-off (draft revision")
    row.get_by_role("link", name="Record the review").click()
    preview = reviewer.get_by_role("link", name="Preview the draft").first.get_attribute("href")
    draft_page = reviewer.context.new_page()
    draft_page.goto(preview)
    expect(draft_page.locator("main")).to_contain_text(NEW_TEXT)
    draft_page.close()
    expect(reviewer.get_by_label("The draft changes awaiting sign-off")).to_be_checked()
    reviewer.get_by_label("Outcome:").select_option(label="No change needed")
    reviewer.get_by_label("Notes:").fill("The new opening sentence is accurate and clearer.")
    reviewer.get_by_role("button", name="Record the review").click()
    expect(reviewer.locator(".messagelist")).to_contain_text("The review is recorded.")

    # The editor publishes it.
    editor.goto(f"/admin/healthinfo/article/{Article.objects.get(slug=SLUG).pk}/change/")
    expect(editor.locator(".sign-off-state")).to_contain_text("signed off by Jane Roe")
    editor.get_by_role("button", name="Save and publish the draft changes").click()
    expect(editor.locator(".messagelist")).to_contain_text("The article is published.")

    page.goto(PUBLIC_PAGE)
    expect(page.locator("main")).to_contain_text(NEW_TEXT)
    expect(page.locator(".review-box")).to_contain_text("Reviewed by Jane Roe")

    # The history shows the new version with its sign-off; the old permalink is unchanged.
    new_versions = history_links(page)
    expect(new_versions).to_have_count(old_count + 1)
    expect(new_versions.first).to_contain_text("Signed off by Jane Roe, MD, FACOG")
    sign_off = Review.objects.filter(article__slug=SLUG, draft_revision__isnull=False).latest("pk")
    assert sign_off.reviewer_name == "Jane Roe" and not sign_off.recorded_on_behalf
    assert sign_off.recorded_by.username == "reviewer"
    page.goto(old_permalink)
    expect(page.locator(".archived-notice")).to_be_visible()
    expect(page.locator("main")).to_contain_text(OLD_TEXT)
    expect(page.locator("main")).not_to_contain_text(NEW_TEXT)


def test_a_withdrawn_review_takes_the_page_down_with_its_notice(page, log_in):
    reviewer = log_in("reviewer")
    reviewer.get_by_role("link", name="Review assignments").first.click()
    row = reviewer.locator("#result_list tbody tr").first
    slug = row.locator("th").first.inner_text().strip()
    article = Article.objects.get(slug=slug)
    page.goto(f"/en/articles/{slug}/")
    title = page.get_by_role("heading", level=1).inner_text()
    row.get_by_role("link", name="Record the review").click()
    reviewer.get_by_label("Outcome:").select_option(label="Withdrawn")
    reviewer.get_by_label("Notes:").fill("The advice on treatment is no longer safe.")
    reviewer.get_by_role("button", name="Record the review").click()
    expect(reviewer.locator(".messagelist")).to_contain_text("The review is recorded.")

    response = page.goto(f"/en/articles/{slug}/")
    assert response.status == 410
    expect(page.get_by_role("heading", level=1)).to_have_text("This page was withdrawn")
    expect(page.locator("main")).not_to_contain_text(title)
    expect(page.get_by_role("search").last).to_be_visible()
    expect(page.locator("main .urgent-help")).to_contain_text("call 999")
    checked(page, "withdrawn-notice", response)
    page.goto(f"/es/articles/{slug}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Esta página se ha retirado")
    expect(page.locator("main .urgent-help")).to_contain_text("999")
    article.refresh_from_db()
    assert article.status == Article.Status.WITHDRAWN


def test_the_draft_pages_pass_axe_and_the_html_checker(log_in):
    from healthinfo.services import start_draft

    article = Article.objects.get(slug=SLUG)
    draft, _created = start_draft(article, "en")
    editor = log_in("editor")
    for name, url in [
        ("article-live-and-draft", f"/admin/healthinfo/article/{article.pk}/change/"),
        ("draft-edit", f"/admin/healthinfo/drafttranslation/{draft.pk}/change/"),
        ("draft-compare", f"/admin/healthinfo/drafttranslation/{draft.pk}/compare/"),
        ("draft-discard", f"/admin/healthinfo/drafttranslation/{draft.pk}/discard/"),
        ("review-of-a-draft", f"/admin/healthinfo/review/add/?article={article.pk}"),
    ]:
        response = editor.goto(url)
        assert response.status == 200, url
        checked(editor, name, response)
