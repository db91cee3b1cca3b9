"""The reader pages' header (a menu that works without JavaScript) and the article's layout."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings

from healthinfo.tests.factories import make_article

pytestmark = pytest.mark.django_db

CSS = (Path(settings.BASE_DIR) / "static" / "css" / "site.css").read_text()


class Outline(HTMLParser):
    """The path of open elements (tag.class) at each element the test asks about."""

    def __init__(self):
        super().__init__()
        self.stack, self.found = [], {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = f"{tag}.{attrs.get('class', '').split(' ')[0]}" if attrs.get("class") else tag
        if tag not in {"br", "img", "input", "link", "meta", "hr"}:
            self.stack.append(name)
        self.found.setdefault(name, list(self.stack))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop().split(".")[0] == tag:
                break


def outline(html):
    parser = Outline()
    parser.feed(html)
    return parser.found


def test_topics_and_text_size_are_behind_a_menu_button_that_needs_no_javascript(client):
    html = client.get("/en/").content.decode()
    found = outline(html)
    assert "details.site-menu" in found["nav.category-menu"]
    assert "details.site-menu" in found["div.text-size"]
    # The search stays outside the menu, always in view.
    assert "details.site-menu" not in found["form.site-search"]
    assert re.search(r'<summary class="[^"]*site-menu-button[^"]*">.*Menu</summary>', html)


def test_menu_button_is_labelled_in_spanish(client):
    html = client.get("/es/").content.decode()
    assert re.search(r"<summary [^>]*>.*Menú</summary>", html)
    assert 'aria-label="Temas"' in html


def test_header_reads_in_the_order_it_is_shown(client):
    html = client.get("/en/").content.decode()
    header = html[html.index('<header class="site-header') : html.index("</header>")]
    order = [
        "site-name",
        "language-switcher",
        "site-search",
        "site-menu",
        "text-size",
        "category-menu",
    ]
    positions = [header.index(f'class="{name}') for name in order]
    assert positions == sorted(positions)


def test_article_text_sits_beside_its_contents_list(client):
    make_article("topic", sections=3)
    found = outline(client.get("/en/articles/topic/").content.decode())
    assert "div.article-columns" in found["nav.contents"]
    assert "div.article-text" in found["section.article-section"]
    assert "div.article-text" not in found["nav.contents"]


def test_contents_column_is_sticky_on_wide_screens_only():
    wide = CSS[CSS.index("@media (min-width: 992px)") :]
    wide = wide[: wide.index("\n}\n")]
    assert "position: sticky" in wide and ".contents" in wide


def test_summary_is_normal_weight_and_dark():
    rule = re.search(r"\.article \.lead \{([^}]*)\}", CSS).group(1)
    assert "font-weight: 400" in rule and "color: #1f2d33" in rule


def test_search_field_may_shrink_so_its_button_stays_on_screen():
    assert ".site-search .form-control { flex: 1 1 auto; min-width: 0; }" in CSS
    assert "min-width: 14rem" not in CSS


def test_focus_ring_shows_on_bootstraps_buttons_and_links_too():
    rule = CSS[: CSS.index("outline: 3px solid #c25e00")]
    selectors = rule[rule.rindex("}") + 1 :]
    for selector in ("a:focus-visible", "summary:focus-visible", ".btn:focus-visible"):
        assert selector in selectors
