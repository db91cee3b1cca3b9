"""A reader who uses only the keyboard can reach, fill in and send the question form."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

# What the focused element looks like: its name, and whether a focus ring shows.
FOCUS = """() => {
  const element = document.activeElement;
  const style = getComputedStyle(element);
  const ring = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
  const rect = element.getBoundingClientRect();
  return {
    name: (element.innerText || element.value || element.id || element.tagName).trim(),
    id: element.id,
    focusVisible: element.matches(':focus-visible'),
    ring: ring || style.boxShadow !== 'none',
    onScreen: rect.width > 0 && rect.height > 0,
  };
}"""


def tab(page):
    page.keyboard.press("Tab")
    return page.evaluate(FOCUS)


def test_reader_fills_and_sends_the_question_form_with_tab_and_enter_alone(page):
    page.goto("/en/articles/cervical-insufficiency/")

    first = tab(page)
    assert first["name"] == "Skip to main content"
    assert first["ring"] and first["onScreen"], first

    # Tab through the page to the "Ask a question" link; every stop shows where focus is.
    stops = [first]
    while stops[-1]["name"] != "Ask a question":
        stops.append(tab(page))
        assert len(stops) < 150, "the 'Ask a question' link is not reachable with Tab"
    hidden = [stop for stop in stops if not (stop["focusVisible"] and stop["ring"])]
    assert hidden == [], hidden

    page.keyboard.press("Enter")
    assert tab(page)["id"] == "id_body"
    page.keyboard.type("Can I still go swimming with a stitch at 16 weeks?")
    assert tab(page)["id"] == "id_display_name"
    page.keyboard.type("Ana")
    assert tab(page)["id"] == "id_email"
    send = tab(page)  # the hidden trap field for bots is skipped
    assert send["name"] == "Send question"
    assert send["ring"] and send["focusVisible"], send
    page.keyboard.press("Enter")

    mine = page.locator("#your-questions")
    expect(mine).to_contain_text("Can I still go swimming with a stitch at 16 weeks?")
    expect(mine).to_contain_text("By Ana")
    expect(mine).to_be_focused()  # the confirmation is where the reader is, and is read out
