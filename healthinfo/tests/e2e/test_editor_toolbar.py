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


def labels_of(page):
    return page.evaluate(
        """() => Object.fromEntries(
             [...document.querySelector(".prose-menubar").querySelectorAll("button[data-name]")]
               .filter((button) => !button.classList.contains("prose-menubar__option"))
               .map((button) => [button.dataset.name, button.getAttribute("aria-label")]))"""
    )


def test_the_toolbar_is_labelled_in_english(editing_page):
    labels = labels_of(editing_page)
    assert labels["bold"] == "Bold" and labels["history:undo"] == "Undo"
    assert labels["bulletList"] == "Bulleted list"
    picker = editing_page.locator(".prose-menubar__selected button").first
    expect(picker).to_have_attribute("aria-label", "Text style: Paragraph")


def test_the_toolbar_is_labelled_in_spanish_for_a_spanish_editor(new_context):
    from healthinfo.management.commands.load_demo import demo_password

    editor = new_context(locale="es-ES").new_page()
    editor.goto("/admin/login/?next=/admin/")
    editor.locator("#id_username").fill("editor")
    editor.locator("#id_password").fill(demo_password("editor"))
    editor.locator("input[type=submit]").click()
    editor.wait_for_url("**/admin/")
    editor.goto("/admin/healthinfo/drafttranslation/add/")
    expect(editor.locator(".prose-menubar").first).to_be_visible()
    labels = labels_of(editor)
    assert labels["bold"] == "Negrita" and labels["italic"] == "Cursiva"
    assert labels["bulletList"] == "Lista con viñetas" and labels["history:undo"] == "Deshacer"
    toolbar = editor.get_by_role("toolbar", name="Formato").first
    expect(toolbar).to_be_visible()
    picker = editor.locator(".prose-menubar__selected button").first
    expect(picker).to_have_attribute("aria-label", "Estilo del texto: Párrafo")
    editor.locator(".ProseMirror[contenteditable=true]").first.click()
    editor.locator(".prose-menubar__selected").first.click()
    option = editor.locator(".prose-menubar__picker .prose-menubar__option").first
    expect(option).to_have_text("Título 3")
    option.click()  # the paragraph becomes a heading: the picker says so
    expect(editor.locator(".prose-menubar__selected button").first).to_have_attribute(
        "aria-label", "Estilo del texto: Título 3"
    )
