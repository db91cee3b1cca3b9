"""
The rich-text toolbar draws with our own static files only, and with no
character a browser's fonts may lack (the block-type picker's arrow was a
missing-glyph box in Chromium).
"""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

# Literal text the toolbar's CSS adds (::before and ::after), for every element in it.
GENERATED_TEXT = """() => {
  const found = [];
  for (const element of document.querySelectorAll(".prose-menubar, .prose-menubar *")) {
    for (const pseudo of ["::before", "::after"]) {
      const content = getComputedStyle(element, pseudo).content;
      if (content && content !== "none" && content !== "normal") found.push(content);
    }
  }
  return found;
}"""


@pytest.fixture
def editing_page(log_in):
    editor = log_in("editor")
    editor.goto("/admin/healthinfo/drafttranslation/add/")
    expect(editor.locator(".prose-menubar").first).to_be_visible()
    return editor


def test_the_toolbar_uses_no_character_outside_plain_ascii(editing_page):
    editing_page.locator(".prose-menubar__selected").first.click()  # the picker open too
    expect(editing_page.get_by_role("button", name="Heading 3").first).to_be_visible()
    generated = editing_page.evaluate(GENERATED_TEXT)
    assert all(text.isascii() for text in generated), generated


def test_the_block_type_arrow_is_drawn_with_borders(editing_page):
    arrow = editing_page.evaluate(
        """() => {
          const picker = document.querySelector(".prose-menubar__selected");
          const style = getComputedStyle(picker, "::after");
          return [style.content, style.borderTopWidth, style.borderTopStyle];
        }"""
    )
    assert arrow == ['""', "5px", "solid"]


def test_the_toolbar_icons_come_from_our_own_static_files(editing_page, site):
    editing_page.evaluate("document.fonts.ready")
    fonts = editing_page.evaluate(
        """() => performance.getEntriesByType("resource")
                 .filter((entry) => /\\.(woff2?|ttf|otf)(\\?|$)/.test(entry.name))
                 .map((entry) => entry.name)"""
    )
    assert fonts, "the icon font was not loaded"
    assert all(font.startswith(f"{site.url}/static/") for font in fonts), fonts
    loaded = editing_page.evaluate(
        """async () => {
          await document.fonts.ready;
          return document.fonts.check('24px "Material Icons"');
        }"""
    )
    assert loaded
