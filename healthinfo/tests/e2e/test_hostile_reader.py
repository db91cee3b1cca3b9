"""Journey 5: what a hostile reader types is shown as text, and none of it runs."""

import pytest
from playwright.sync_api import expect

from comments.models import Question
from comments.tests.factories import make_question
from comments.text import clean_reader_text
from healthinfo.models import Article

pytestmark = pytest.mark.e2e

ARTICLE = "/en/articles/pre-eclampsia/"
# Each payload, if it ran, would open a dialog and set window.pwned.
ATTACKS = [
    '<script>window.pwned = "script"; alert("script")</script> Is it safe to swim?',
    '<img src="x" onerror="window.pwned=\'img\';alert(1)"> My scan <b onmouseover="alert(2)">'
    "looked odd</b> at 20 weeks, <svg onload=\"window.pwned='svg'\">should I worry?",
    "Is <a href=\"javascript:window.pwned='link';alert(3)\">this advice</a> right? "
    "javascript:alert(4) [read more](javascript:alert(5)) data:text/html,<script>alert(6)</script>",
    "Is sugar &lt;5.3 fine? &lt;script&gt;window.pwned='entity'&lt;/script&gt; "
    "&#60;img src=x onerror=alert(7)&#62; Tom &amp; Jerry &amp;lt;b&amp;gt;",
]
HOSTILE_NAME = '"><svg onload=alert(8)>Sam'


def watch_for_script(page):
    """Record every dialog the page opens; ``ran(page)`` says whether any payload ran."""
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    return dialogs


def ran(page):
    return page.evaluate("() => typeof window.pwned !== 'undefined'")


def test_script_in_questions_is_shown_as_text_and_never_runs(
    new_context, log_in, settings, browser_errors
):
    # Four readers on one address: more than the rate limit lets one reader send.
    settings.QUESTIONS_RATE_LIMIT = len(ATTACKS)
    asker = new_context().new_page()
    asker_dialogs = watch_for_script(asker)
    for attack in ATTACKS:
        asker.goto(ARTICLE)
        asker.get_by_label("Your question").fill(attack)
        asker.get_by_label("Name (optional)").fill(HOSTILE_NAME)
        asker.get_by_role("button", name="Send question").click()
        expect(asker.locator("#your-questions")).to_be_visible()
    expect(asker.locator("#your-questions .question-pending")).to_have_count(len(ATTACKS))
    asker.locator("#your-questions").hover()
    assert (asker_dialogs, ran(asker)) == ([], False)

    midwife = log_in("midwife")
    midwife_dialogs = watch_for_script(midwife)
    # The queue filtered to the article, as the "By article" filter does.
    article = Article.objects.get(slug="pre-eclampsia")
    midwife.goto(f"/admin/comments/question/?article__id__exact={article.pk}")
    rows = midwife.locator("#result_list tbody tr")
    expect(rows).to_have_count(len(ATTACKS))
    rows.first.get_by_role("link").first.click()  # the moderation page shows the text too
    midwife.locator("#question-text").hover()
    assert (midwife_dialogs, ran(midwife)) == ([], False)
    midwife.go_back()
    for row in rows.all():
        row.get_by_role("checkbox").check()
    midwife.get_by_label("Action:").select_option(label="Approve selected questions")
    midwife.get_by_role("button", name="Run").click()
    expect(midwife.locator(".messagelist")).to_contain_text(f"Approved {len(ATTACKS)} questions.")

    reader = new_context().new_page()
    reader_dialogs = watch_for_script(reader)
    reader.goto(ARTICLE)
    thread = reader.locator(".question-thread")
    bodies = thread.locator(".question-body")
    shown = sorted(body.inner_text() for body in bodies.all())
    for attack in ATTACKS:
        assert clean_reader_text(attack) in shown
    expect(thread).to_contain_text("Is sugar <5.3 fine?")
    expect(thread).to_contain_text("Tom & Jerry")
    expect(thread.locator(".question-byline").first).to_contain_text('By ">Sam on')
    # Nothing the readers typed became an element: paragraphs and line breaks only.
    tags = bodies.evaluate_all(
        "bodies => bodies.flatMap(b => [...b.querySelectorAll('*')].map(e => e.tagName))"
    )
    assert set(tags) <= {"P", "BR"}, tags
    assert thread.locator("[onerror], [onload], [onmouseover], a[href^='javascript']").count() == 0
    for body in bodies.all():
        body.hover()
        body.click()
    assert (reader_dialogs, ran(reader)) == ([], False)


def test_markup_stored_by_another_route_is_still_escaped_on_the_page(page):
    # Questions only reach the database as plain text, but the page must not rely
    # on that: text stored any other way (an import, a future API) is escaped too.
    raw = '<img src="x" onerror="window.pwned=1;alert(1)"><script>window.pwned=2</script>'
    make_question(
        Article.objects.get(slug="pre-eclampsia"), body=raw, status=Question.Status.APPROVED
    )
    dialogs = watch_for_script(page)
    page.goto(ARTICLE)
    body = page.locator(".question-thread .question-body").filter(has_text="onerror")
    expect(body).to_have_text(raw)
    assert body.locator("img, script").count() == 0
    assert (dialogs, ran(page)) == ([], False)
