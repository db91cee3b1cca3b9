"""Print view (a print stylesheet) and the client-side text-size control."""

from pathlib import Path

import pytest
from django.conf import settings

from healthinfo.tests.factories import make_article

pytestmark = pytest.mark.django_db

STATIC = Path(settings.BASE_DIR) / "static"


def print_rules():
    css = (STATIC / "css" / "site.css").read_text()
    return css[css.index("@media print") :]


def test_print_stylesheet_hides_navigation_forms_and_feedback():
    rules = print_rules()
    for selector in (".site-header", ".site-footer", "nav[aria-label]", "form", ".feedback"):
        assert selector in rules.split("{", 2)[1]


def test_print_stylesheet_writes_out_link_addresses():
    rules = print_rules()
    assert 'a[href^="http"]::after' in rules and 'a[href^="/"]::after' in rules
    assert 'content: " (" attr(href) ")"' in rules


def test_article_page_offers_a_print_button_that_needs_javascript_to_appear(client):
    make_article("topic")
    html = client.get("/en/articles/topic/").content.decode()
    assert "data-print hidden>Print this page</button>" in html
    assert "/static/js/site.js" in html and "/static/css/site.css" in html


def test_text_size_control_stays_in_the_browser():
    script = (STATIC / "js" / "site.js").read_text()
    assert "localStorage" in script
    assert "document.cookie" not in script and "fetch(" not in script


def test_text_size_buttons_are_labelled_and_hidden_without_javascript(client):
    make_article("topic")
    html = client.get("/es/").content.decode()
    assert 'class="text-size" role="group" aria-label="Tamaño del texto" hidden' in html
