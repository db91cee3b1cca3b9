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


def spanish_editing_page(new_context):
    from healthinfo.management.commands.load_demo import demo_password

    editor = new_context(locale="es-ES").new_page()
    editor.goto("/admin/login/?next=/admin/")
    editor.locator("#id_username").fill("editor")
    editor.locator("#id_password").fill(demo_password("editor"))
    editor.locator("input[type=submit]").click()
    editor.wait_for_url("**/admin/")
    editor.goto("/admin/healthinfo/drafttranslation/add/")
    expect(editor.locator(".prose-menubar").first).to_be_visible()
    return editor


def write_and_select(page, text):
    area = page.locator(".ProseMirror[contenteditable=true]").first
    area.click()
    page.keyboard.type(text)
    page.keyboard.press("Control+A")


def test_the_link_dialog_is_in_spanish_for_a_spanish_editor(new_context):
    editor = spanish_editing_page(new_context)
    write_and_select(editor, "Llame a su matrona")
    editor.get_by_role("button", name="Insertar un enlace").first.click()
    dialog = editor.get_by_role("dialog", name="Editar el enlace")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_label("Dirección (URL)")).to_be_focused()
    expect(dialog.get_by_label("Título")).to_be_visible()
    expect(dialog.get_by_role("button", name="Aceptar")).to_be_visible()
    dialog.get_by_label("Dirección (URL)").fill("https://example.org/matronas")
    dialog.get_by_role("button", name="Aceptar").click()
    expect(dialog).to_be_hidden()
    link = editor.locator(".ProseMirror a").first
    expect(link).to_have_attribute("href", "https://example.org/matronas")


def test_the_table_dialog_is_in_spanish_and_still_inserts_a_header_row(new_context):
    editor = spanish_editing_page(new_context)
    editor.locator(".ProseMirror[contenteditable=true]").first.click()
    editor.get_by_role("button", name="Insertar una tabla").first.click()
    dialog = editor.get_by_role("dialog", name="Propiedades de la tabla")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_label("Filas")).to_have_value("3")
    expect(dialog.get_by_label("Columnas")).to_have_value("3")
    header = dialog.get_by_label("Incluir una fila de encabezado")
    assert header.locator("option").all_text_contents() == ["Sí", "No"]
    header.select_option(label="Sí")
    dialog.get_by_role("button", name="Cancelar").click()
    expect(dialog).to_be_hidden()
    editor.get_by_role("button", name="Insertar una tabla").first.click()
    dialog = editor.get_by_role("dialog", name="Propiedades de la tabla")
    dialog.get_by_label("Incluir una fila de encabezado").select_option(label="Sí")
    dialog.get_by_role("button", name="Insertar la tabla").click()
    expect(editor.locator(".ProseMirror table th")).to_have_count(3)


def test_the_link_dialog_is_named_in_english_for_an_english_editor(editing_page):
    write_and_select(editing_page, "Call your midwife")
    editing_page.get_by_role("button", name="Insert a link").first.click()
    dialog = editing_page.get_by_role("dialog", name="Edit Link")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_label("URL")).to_be_visible()
    dialog.get_by_role("button", name="Cancel").click()
    expect(dialog).to_be_hidden()
