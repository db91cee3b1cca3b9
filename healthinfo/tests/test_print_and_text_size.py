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


def test_print_stylesheet_writes_out_link_addresses_in_full():
    rules = print_rules()
    assert 'a[href^="https:"]::after, a[href^="http:"]::after' in rules or (
        'a[href^="http:"]::after, a[href^="https:"]::after' in rules
    )
    # Paths on this site get the site's address in front (from print-address.css).
    assert 'a[href^="/"]::after { content: " (" var(--site-url, "") attr(href) ")"; }' in rules


def test_print_address_stylesheet_gives_the_sites_address(client, settings):
    settings.SITE_URL = "https://health.example.org"
    response = client.get("/print-address.css")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/css; charset=utf-8"
    assert "public" in response["Cache-Control"]
    assert response.content.decode() == ':root { --site-url: "https://health.example.org"; }\n'


def test_print_address_stylesheet_follows_the_request_without_site_url(client, settings):
    settings.SITE_URL = ""
    settings.ALLOWED_HOSTS = ["127.0.0.1"]
    response = client.get("/print-address.css", HTTP_HOST="127.0.0.1:8765")
    assert response.content.decode() == ':root { --site-url: "http://127.0.0.1:8765"; }\n'


def test_print_address_stylesheet_cannot_be_broken_out_of():
    from healthinfo.views.print_address import css_string

    assert css_string('https://x.example/"}</style>\\') == (
        '"https://x.example/\\22 }\\3c /style\\3e \\5c "'
    )


def test_every_page_links_the_print_address_stylesheet_for_print_only(client):
    make_article("topic")
    for path in ("/en/", "/en/search/?q=topic", "/en/articles/topic/"):
        html = client.get(path).content.decode()
        assert '<link rel="stylesheet" href="/print-address.css" media="print">' in html


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
