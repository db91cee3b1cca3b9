"""
The plain-language report of one page in a real browser: the page's text with
its hardest words and longest sentences marked, readable without colour (the
marks carry hidden labels and titles), with no serious axe violation (colour
contrast included) and valid HTML.
"""

import pytest
from playwright.sync_api import expect

from healthinfo.tests.e2e.checks import axe_violations, html_errors

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize(("username", "locale"), [("editor", "en-GB"), ("editor", "es-ES")])
def test_editor_opens_a_pages_text_with_its_findings_marked(new_context, username, locale):
    from healthinfo.management.commands.load_demo import demo_password

    page = new_context(locale=locale).new_page()
    page.goto("/admin/login/?next=/admin/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(demo_password(username))
    page.locator("input[type=submit]").click()
    page.wait_for_url("**/admin/")
    page.goto("/admin/healthinfo/readabilityscore/")
    english = locale.startswith("en")
    link_name = "Text with findings marked" if english else "Texto con los hallazgos marcados"
    page.get_by_role("link", name=link_name).first.click()
    marked = page.locator(".plain-language-marked .plain-language-text")
    expect(marked).to_be_visible()
    hard = marked.locator("mark.plain-language-hard")
    expect(hard.first).to_be_visible()
    label = "Hard word:" if english else "Palabra difícil:"
    expect(hard.first.locator(".visually-hidden")).to_have_text(label)
    # Not colour alone: the hard words are bold and underlined too.
    style = hard.first.evaluate(
        "(mark) => [getComputedStyle(mark).fontWeight, getComputedStyle(mark).textDecorationLine]"
    )
    assert style == ["700", "underline"]
    name = "plain-language-page-en" if english else "plain-language-page-es"
    problems = {
        "axe (serious or critical)": axe_violations(page, name),
        "Nu HTML Checker errors": html_errors(page.content(), name),
    }
    assert problems == {"axe (serious or critical)": [], "Nu HTML Checker errors": []}
