"""Journey 3: a midwife works through the queue, removes personal details and answers."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

ASKER_EMAIL = "priya.asker@example.com"
QUESTION = (
    "I'm 18 weeks with a stitch and get period-like cramps in the evening. "
    "Could a midwife ring me on 07700 900456 to talk it through?"
)
URGENT = "I'm 20 weeks and bleeding heavily"
CANNED_TITLE = "Personal details removed"


def ask(page, text, *, email=""):
    page.goto("/en/articles/cervical-insufficiency/")
    page.get_by_label("Your question").fill(text)
    page.get_by_label("Email (optional)").fill(email)
    page.get_by_role("button", name="Send question").click()
    expect(page.locator("#your-questions")).to_contain_text(text[:40])


def test_midwife_redacts_a_phone_number_and_answers_with_a_canned_reply(
    page, new_context, log_in, mailoutbox, site
):
    ask(page, QUESTION, email=ASKER_EMAIL)
    ask(new_context().new_page(), URGENT)  # asked later, by another reader

    midwife = log_in("midwife")
    midwife.get_by_role("link", name="Questions", exact=True).click()
    rows = midwife.locator("#result_list tbody tr")
    expect(rows.first).to_be_visible()
    texts = [row.locator(".field-summary").inner_text() for row in rows.all()]
    flags = [row.locator(".field-flags").inner_text() for row in rows.all()]
    # Urgent questions first (the demo has some too), however recent; then the others.
    urgent = [flag.startswith("Urgent") for flag in flags]
    assert urgent[0] and urgent == sorted(urgent, reverse=True), flags
    assert urgent[texts.index(URGENT)]
    assert texts.index(URGENT) < texts.index(QUESTION)
    theirs = rows.filter(has_text="Could a midwife ring me")
    expect(theirs.locator(".field-flags")).to_have_text("Personal details")

    theirs.get_by_role("link").first.click()
    expect(midwife.get_by_role("heading", level=1)).to_contain_text("Moderate question")
    findings = midwife.locator(".findings li").filter(has_text="07700 900456")
    findings.get_by_role("button", name="Remove").click()
    expect(midwife.locator(".messagelist")).to_contain_text("replaced by “[removed]”")
    question_text = midwife.locator("#question-text")
    expect(question_text).to_contain_text("ring me on [removed] to talk")
    expect(question_text).not_to_contain_text("07700")

    midwife.get_by_label("Canned reply:").select_option(label=CANNED_TITLE)
    midwife.get_by_role("button", name="Insert").click()
    expect(midwife.get_by_role("textbox", name="Reply:")).to_have_value(
        re.compile(r"^We have removed some personal details")
    )
    # No page was loaded for the insert: the script did it in place.
    expect(midwife).to_have_url(re.compile(r"/change/$"))
    midwife.get_by_role("button", name="Approve and reply").click()
    expect(midwife.locator(".messagelist")).to_contain_text(
        "The question is published with your reply."
    )
    expect(midwife.locator("#result_list")).not_to_contain_text("Could a midwife ring me")

    reader = new_context().new_page()
    reader.goto("/en/articles/cervical-insufficiency/")
    thread = reader.locator(".question-thread")
    question = thread.locator("article.question").filter(has_text="Could a midwife ring me")
    expect(question.locator(".question-body")).to_have_text(
        QUESTION.replace("07700 900456", "[removed]")
    )
    reply = question.get_by_role("article", name="Reply from Midwife @HealthInfo")
    expect(reply.locator(".reply-byline")).to_contain_text("By Midwife @HealthInfo on")
    expect(reply.locator(".reply-body")).to_contain_text("We have removed some personal details")

    to_asker = [message for message in mailoutbox if ASKER_EMAIL in message.to]
    assert len(to_asker) == 1
    assert to_asker[0].subject == "A midwife has answered your question"
    # The asker follows the link in the email, in her own browser, to the answer.
    link = re.search(r"^(http://\S+/questions/\d+/)$", to_asker[0].body, re.MULTILINE)
    assert link.group(1).startswith(f"{site.url}/")  # the address the midwife used
    page.goto(link.group(1))
    answered = page.locator(f"#{page.url.rsplit('#', 1)[1]}")
    expect(answered).to_contain_text("We have removed some personal details")
    expect(answered).to_be_in_viewport()


EMAIL_QUESTION = (
    "I'm 25 weeks and worried about my stitch. Please could a midwife email me "
    "privately at sam.reader@example.com?"
)


def test_midwife_cannot_publish_an_email_address_by_approving(page, new_context, log_in):
    ask(page, EMAIL_QUESTION)

    midwife = log_in("midwife")
    midwife.get_by_role("link", name="Questions", exact=True).click()
    midwife.locator("#result_list tbody tr").filter(has_text="worried about my stitch").get_by_role(
        "link"
    ).first.click()
    reply = midwife.get_by_role("textbox", name="Reply:")
    reply.fill("We can't email you privately, but here is what we suggest.")
    midwife.get_by_label("Note for the audit log (optional):").fill("asked for a private email")

    # Approving with the address still in the question is refused, naming it.
    midwife.get_by_role("button", name="Approve and reply").click()
    error = midwife.locator(".errornote")
    expect(error).to_contain_text("email address “sam.reader@example.com”")
    expect(reply).to_have_value("We can't email you privately, but here is what we suggest.")
    midwife.get_by_role("button", name="Approve without reply").click()
    expect(midwife.locator(".errornote")).to_contain_text("sam.reader@example.com")

    # Removing it keeps everything she typed.
    midwife.locator(".findings li").filter(has_text="sam.reader@example.com").get_by_role(
        "button", name="Remove"
    ).click()
    expect(midwife.locator(".messagelist")).to_contain_text("replaced by “[removed]”")
    expect(midwife.locator("#question-text")).not_to_contain_text("sam.reader@example.com")
    expect(reply).to_have_value("We can't email you privately, but here is what we suggest.")
    expect(midwife.get_by_label("Note for the audit log (optional):")).to_have_value(
        "asked for a private email"
    )
    midwife.get_by_role("button", name="Approve and reply").click()
    expect(midwife.locator(".messagelist")).to_contain_text("published with your reply")

    reader = new_context().new_page()
    reader.goto("/en/articles/cervical-insufficiency/")
    published = reader.locator(".question-thread article.question").filter(
        has_text="worried about my stitch"
    )
    expect(published.locator(".question-body")).to_contain_text("privately at [removed]?")
    expect(reader.locator("body")).not_to_contain_text("sam.reader@example.com")


def test_the_moderation_page_keeps_the_reply_when_a_detail_is_removed_without_javascript(
    new_context, page
):
    from healthinfo.management.commands.load_demo import demo_password

    ask(page, EMAIL_QUESTION)
    context = new_context(java_script_enabled=False)
    midwife = context.new_page()
    midwife.goto("/admin/login/")
    midwife.get_by_label("Username").fill("midwife")
    midwife.get_by_label("Password").fill(demo_password("midwife"))
    midwife.get_by_role("button", name="Log in").click()
    midwife.goto("/admin/comments/question/?q=worried+about+my+stitch")
    midwife.locator("#result_list tbody tr").first.get_by_role("link").first.click()
    midwife.get_by_role("textbox", name="Reply:").fill("A reply typed before removing")
    midwife.locator(".findings li").first.get_by_role("button", name="Remove").click()
    expect(midwife.get_by_role("textbox", name="Reply:")).to_have_value(
        "A reply typed before removing"
    )
    expect(midwife.locator("#question-text")).to_contain_text("[removed]")
