"""Journey 4: an editor asks for an overdue review; the reviewer records it; readers see it."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format
from playwright.sync_api import expect

from healthinfo.models import Article, ReviewAssignment

pytestmark = pytest.mark.e2e

OVERDUE_SLUG = "ectopic-pregnancy"  # last reviewed 1,245 days ago in the demo
PUBLIC_PAGE = f"/en/articles/{OVERDUE_SLUG}/"


def english_date(day):
    with translation.override("en"):
        return date_format(day, "DATE_FORMAT")


def choose_in_autocomplete(page, field_label, search, option):
    """Pick ``option`` in the admin's autocomplete (select2) field labelled ``field_label``."""
    page.locator(".form-row", has_text=field_label).locator(".select2-selection").click()
    page.locator(".select2-search__field").fill(search)
    page.locator(".select2-results__option", has_text=option).click()


def versions_listed(page):
    page.goto(f"/en/articles/{OVERDUE_SLUG}/history/")
    english = page.locator("section", has=page.locator("#history-en"))
    return english.get_by_role("link", name=re.compile(r"^Version \d+, published "))


def test_editor_assigns_an_overdue_review_and_readers_see_the_reviewers_new_dates(page, log_in):
    article = Article.objects.get(slug=OVERDUE_SLUG)
    # The demo has already asked the demo reviewer for its most urgent reviews;
    # here the editor is the one who notices this page and asks.
    ReviewAssignment.objects.filter(article=article).delete()
    old_reviewed_on = article.last_reviewed_on
    old_due = article.next_review_due
    page.goto(PUBLIC_PAGE)
    review_box = page.locator(".review-box")
    # The notice is at the top, under the title, before the text.
    expect(page.locator(".article-header .overdue-notice")).to_be_visible()
    expect(review_box).to_contain_text(f"Last reviewed: {english_date(old_reviewed_on)}")
    old_versions = versions_listed(page)
    old_count = old_versions.count()
    assert old_count >= 1
    old_permalink = old_versions.first.get_attribute("href")

    editor = log_in("editor")
    editor.get_by_role("link", name="Review assignments").first.click()
    editor.get_by_role("link", name="Review dashboard").click()
    expect(editor.get_by_role("heading", level=1)).to_have_text("Review dashboard")
    buckets = editor.get_by_role("navigation", name="Review status")
    buckets.get_by_role("link", name=re.compile(r"^Overdue \(\d+\)")).click()
    row = editor.locator("#result_list tbody tr", has_text="Ectopic pregnancy")
    expect(row.locator("td").nth(4)).to_contain_text("overdue")
    expect(row.locator("td").nth(5)).to_have_text("–")  # nobody asked yet
    row.get_by_role("link", name="Assign").click()
    expect(editor.locator(".form-row", has_text="Article")).to_contain_text(OVERDUE_SLUG)
    choose_in_autocomplete(editor, "Reviewer", "Roe", "Jane Roe")
    due_on = timezone.localdate() + timedelta(days=14)
    editor.get_by_label("Due on:").fill(due_on.isoformat())
    editor.get_by_role("button", name="Save", exact=True).click()
    expect(editor.locator(".messagelist")).to_contain_text("was added successfully")
    editor.goto("/admin/healthinfo/reviewassignment/dashboard/?bucket=overdue")
    expect(
        editor.locator("#result_list tbody tr", has_text="Ectopic pregnancy").locator("td").nth(5)
    ).to_contain_text("Jane Roe")

    reviewer = log_in("reviewer")
    reviewer.get_by_role("link", name="Review assignments").first.click()
    expect(reviewer.get_by_role("heading", level=1)).to_have_text("My reviews")
    row = reviewer.locator("#result_list tbody tr", has_text=OVERDUE_SLUG)
    row.get_by_role("link", name="Record the review").click()
    expect(reviewer.get_by_role("heading", level=1)).to_have_text("Record a review")
    expect(reviewer.get_by_label("Reviewer:")).to_have_value(str(article.last_review.reviewer_id))
    expect(reviewer.get_by_label("Scope:")).to_have_value("whole")
    reviewer.get_by_label("Outcome:").select_option(label="No change needed")
    reviewer.get_by_label("Notes:").fill("Checked against the 2024 guideline: still accurate.")
    reviewer.get_by_role("button", name="Record the review").click()
    expect(reviewer.locator(".messagelist")).to_contain_text("The review is recorded.")

    today = timezone.localdate()
    article.refresh_from_db()
    assert (article.last_reviewed_on, article.next_review_due > old_due) == (today, True)
    page.goto(PUBLIC_PAGE)
    expect(page.locator(".overdue-notice")).to_have_count(0)
    expect(page.locator(".review-line")).to_contain_text(
        f"Reviewed {today.day} {today:%b %Y} by Jane Roe"
    )
    expect(review_box).to_contain_text(
        f"Last reviewed: {english_date(today)} · "
        f"Next review due: {english_date(article.next_review_due)}"
    )
    expect(review_box).to_contain_text("Reviewed by Jane Roe")

    new_versions = versions_listed(page)
    expect(new_versions).to_have_count(old_count + 1)
    assert new_versions.nth(1).get_attribute("href") == old_permalink
    new_versions.first.click()
    expect(page.locator("main")).to_contain_text(f"Last reviewed: {english_date(today)}")
    # The version readers saw before the review is still there, exactly as it was.
    page.goto(old_permalink)
    expect(page.locator(".archived-notice")).to_be_visible()
    expect(page.locator("main")).to_contain_text(f"Last reviewed: {english_date(old_reviewed_on)}")
    expect(page.locator("main")).not_to_contain_text(f"Last reviewed: {english_date(today)}")
