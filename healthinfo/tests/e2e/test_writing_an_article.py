"""
Journey 6: an editor writes a new article on the editing page with the editor's
toolbar and the keyboard (two sections, a list, a link to another article),
watches the readability score change as she shortens a sentence, previews it
at phone width, and publishes it after a medical reviewer's sign-off.
"""

import re

import pytest
from playwright.sync_api import expect

from healthinfo.models import Article
from healthinfo.tests.e2e.checks import axe_violations, html_errors

pytestmark = pytest.mark.e2e

TITLE = "Anaemia in pregnancy"
SLUG = "anaemia-in-pregnancy"
LONG_SENTENCE = (
    "Anaemia, which is a considerably frequent haematological complication during "
    "pregnancy, is characterised by a diminished concentration of haemoglobin, the "
    "oxygen-transporting protein in erythrocytes, which consequently produces "
    "exhaustion, breathlessness and palpitations."
)
SHORT_SENTENCE = "Anaemia means you have too few red blood cells. You may feel tired."


def select_text(page, selector, text):
    """Select ``text`` inside the element at ``selector`` (as a person would with the mouse)."""
    expect(page.locator(selector)).to_contain_text(text)  # the editor is ready
    found = page.evaluate(
        r"""([selector, text]) => {
          // Across text nodes, and whatever the white space between the words.
          const root = document.querySelector(selector);
          const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
          const nodes = [];
          let all = "";
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            nodes.push([node, all.length]);
            all += node.data;
          }
          const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\s+/g, "\\s+");
          const match = new RegExp(escaped).exec(all);
          if (!match) return false;
          const at = (offset) => {
            let found = nodes[0];
            for (const entry of nodes) if (entry[1] <= offset) found = entry;
            return [found[0], offset - found[1]];
          };
          const range = document.createRange();
          range.setStart(...at(match.index));
          range.setEnd(...at(match.index + match[0].length));
          const selection = window.getSelection();
          selection.removeAllRanges();
          selection.addRange(range);
          return true;
        }""",
        [selector, text],
    )
    assert found, text


def score(page):
    return page.locator('.draft-editor-aside [data-result="score"]')


def test_an_editor_writes_previews_and_publishes_a_new_article(page, log_in):
    editor = log_in("editor")
    editor.goto("/admin/healthinfo/article/")
    editor.get_by_role("link", name="Add article").click()
    expect(editor.get_by_role("heading", level=1)).to_have_text("Write a new article")

    # Title first; the address follows it.
    editor.locator("#id_title").press_sequentially(TITLE)
    expect(editor.get_by_label("Address (slug):")).to_have_value(SLUG)
    editor.get_by_label("Alternate names:").fill("Low iron in pregnancy")
    editor.get_by_label("Summary:").fill("Anaemia means your blood has fewer red blood cells.")

    # Section 1: a long sentence, then a bulleted list from the toolbar.
    first = editor.locator("#sections-0")
    first.get_by_label("Heading:").fill("What is anaemia?")
    body = first.locator(".ProseMirror[role=textbox]")
    body.focus()
    editor.keyboard.type(LONG_SENTENCE)
    expect(score(editor)).not_to_have_text("—", timeout=10_000)
    hard_score = float(score(editor).inner_text())
    assert hard_score > 12  # a long, technical sentence
    expect(editor.locator(".draft-editor-aside .plain-language-above")).to_be_visible()

    # She shortens it: the score drops as she types.
    select_text(editor, "#sections-0 .ProseMirror[role=textbox]", LONG_SENTENCE)
    editor.keyboard.type(SHORT_SENTENCE)
    expect(score(editor)).not_to_have_text(str(hard_score), timeout=10_000)
    expect(editor.locator(".draft-editor-aside [data-result='verdict']")).to_have_text(
        "within the target", timeout=10_000
    )
    assert float(score(editor).inner_text()) < 8

    editor.keyboard.press("End")
    editor.keyboard.press("Enter")
    editor.keyboard.type("Signs include:")
    editor.keyboard.press("Enter")
    first.get_by_role("button", name="Bulleted list").click()
    editor.keyboard.type("feeling tired")
    editor.keyboard.press("Enter")
    editor.keyboard.type("looking pale")
    expect(body.locator("ul li")).to_have_count(2)

    # Section 2, with a link to another article chosen from the list.
    editor.get_by_role("button", name=re.compile("Add another section", re.IGNORECASE)).click()
    second = editor.locator("#sections-1")
    second.get_by_label("Heading:").fill("Can it cause problems?")
    second.locator(".ProseMirror[role=textbox]").focus()
    editor.keyboard.type("It can make preterm labour more likely. Read about ")
    second.get_by_role("button", name="Link to an article").click()
    dialog = editor.get_by_role("dialog", name="Link to another article")
    expect(dialog).to_be_visible()
    editor.keyboard.type("preterm")
    expect(dialog.get_by_role("option").first).to_contain_text("Preterm labour")
    editor.keyboard.press("ArrowDown")
    editor.keyboard.press("Enter")  # chooses it: the focus moves to the link text
    editor.keyboard.type("early labour")
    editor.keyboard.press("Enter")  # inserts the link
    expect(dialog).to_be_hidden()
    second_body = second.locator(".ProseMirror[role=textbox]")
    expect(second_body).to_contain_text("[[preterm-labour|early labour]]")
    editor.keyboard.type(".")

    references = editor.locator("#references-0")
    references.get_by_label("Title:").fill("Anaemia in pregnancy: a guideline")
    references.get_by_label("Year:").fill("2024")
    editor.get_by_role("button", name="Save and continue editing").click()
    expect(editor.locator(".messagelist")).to_contain_text("is saved as a draft")

    article = Article.objects.get(slug=SLUG)
    draft = article.drafts.get()
    bodies = [section.body for section in draft.sections.order_by("order")]
    assert "<ul><li><p>feeling tired</p></li><li><p>looking pale</p></li></ul>" in bodies[0]
    assert "[[preterm-labour|early labour]]" in bodies[1]

    # The editing page itself passes axe and the HTML checker.
    response = editor.reload()
    problems = {
        "axe (serious or critical)": axe_violations(editor, "editing-page"),
        "Nu HTML Checker errors": html_errors(response.text(), "editing-page"),
    }
    assert problems == {"axe (serious or critical)": [], "Nu HTML Checker errors": []}

    # The live preview, at phone width, follows each save.
    with editor.context.expect_page() as opened:
        editor.get_by_role("link", name=re.compile("Live preview at desktop and phone")).click()
    preview = opened.value
    preview.get_by_role("link", name="Phone (390 px)").click()
    frame_element = preview.locator("iframe.preview-frame")
    expect(frame_element).to_have_class(re.compile("width-phone"))
    assert 388 <= frame_element.bounding_box()["width"] <= 394
    frame = preview.frame_locator("iframe.preview-frame")
    expect(frame.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(frame.locator("main li").filter(has_text="feeling tired")).to_be_visible()
    inner = preview.frames[1]
    assert inner.evaluate("document.documentElement.scrollWidth") <= 390

    editor.get_by_label("Summary:").fill("Anaemia means too few red blood cells.")
    editor.get_by_role("button", name="Save and continue editing").click()
    expect(editor.locator(".messagelist")).to_contain_text("changed successfully")
    expect(frame.locator("main")).to_contain_text("too few red blood cells.", timeout=10_000)

    # Sign-off: the editor asks Jane Roe; she records an approving review of the draft.
    editor.goto("/admin/healthinfo/reviewassignment/dashboard/?bucket=awaiting_sign_off")
    row = editor.locator("#result_list tbody tr", has_text=SLUG)
    row.get_by_role("link", name="Assign").click()
    editor.locator(".form-row", has_text="Reviewer").locator(".select2-selection").click()
    editor.locator(".select2-search__field").fill("Roe")
    editor.locator(".select2-results__option", has_text="Jane Roe").click()
    editor.get_by_label("Due on:").fill("2099-01-01")
    editor.get_by_role("button", name="Save", exact=True).click()
    expect(editor.locator(".messagelist")).to_contain_text("was added successfully")

    reviewer = log_in("reviewer")
    reviewer.get_by_role("link", name="Review assignments").first.click()
    reviewer.locator("#result_list tbody tr", has_text=SLUG).get_by_role(
        "link", name="Record the review"
    ).click()
    expect(reviewer.get_by_label("The draft changes awaiting sign-off")).to_be_checked()
    reviewer.get_by_label("Outcome:").select_option(label="No change needed")
    reviewer.get_by_label("Notes:").fill("Accurate and clear.")
    reviewer.get_by_role("button", name="Record the review").click()
    expect(reviewer.locator(".messagelist")).to_contain_text("The review is recorded.")

    editor.goto(f"/admin/healthinfo/article/{article.pk}/change/")
    expect(editor.locator(".sign-off-state")).to_contain_text("signed off by Jane Roe")
    editor.get_by_role("button", name="Save and publish", exact=True).click()
    expect(editor.locator(".messagelist")).to_contain_text("The article is published.")

    page.goto(f"/en/articles/{SLUG}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.locator("main ul").filter(has_text="looking pale")).to_be_visible()
    link = page.get_by_role("link", name="early labour")
    expect(link).to_have_attribute("href", "/en/articles/preterm-labour/")
