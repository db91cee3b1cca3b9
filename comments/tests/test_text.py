"""Readers' text is stored as plain text and shown escaped, with safe links."""

import re
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from comments.text import clean_reader_text, count_links, render_reader_text


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("<script>alert(1)</script> Is this normal?", "alert(1) Is this normal?"),
        ("<b>bold</b> and <a href='javascript:alert(1)'>a link</a>", "bold and a link"),
        ("&lt;b&gt;encoded&lt;/b&gt; tags", "encoded tags"),
        ("sugar <5.3 & rising", "sugar <5.3 & rising"),
        ("evil \u202egnp.exe\u202c name", "evil gnp.exe name"),
        ("null\x00 and bell\x07 and escape\x1b", "null and bell and escape"),
        ("zero\u200bwidth", "zerowidth"),
        ("emoji 🤰🏽 stays", "emoji 🤰🏽 stays"),
        ("'; DROP TABLE comments_question; --", "'; DROP TABLE comments_question; --"),
        ("  spaced   out\t\ttext  ", "spaced out text"),
        ("one\r\n\r\n\r\n\r\ntwo", "one\n\ntwo"),
    ],
)
def test_reader_text_is_cleaned_to_plain_visible_text(raw, clean):
    assert clean_reader_text(raw) == clean


def test_single_line_text_loses_its_line_breaks():
    assert clean_reader_text("Sam\nSmith", multiline=False) == "Sam Smith"


def test_rendering_escapes_everything_and_links_web_addresses_as_user_content():
    html = render_reader_text('See https://www.nhs.uk/pregnancy/ and <b>"this"</b>')
    assert (
        '<a href="https://www.nhs.uk/pregnancy/" rel="nofollow ugc noopener">'
        "https://www.nhs.uk/pregnancy/</a>" in html
    )
    assert "&lt;b&gt;&quot;this&quot;&lt;/b&gt;" in html


def test_rendering_never_links_other_schemes_or_email_addresses():
    html = render_reader_text("javascript:alert(1) and me@example.com")
    assert "<a" not in html


def test_rendering_keeps_paragraphs_and_line_breaks():
    assert render_reader_text("one\ntwo\n\nthree") == "<p>one<br>two</p><p>three</p>"


def test_links_are_counted():
    assert count_links("see https://a.example/x, www.nhs.uk and nothing else") == 2


# Pieces of hostile text: addresses, and the characters an address may not hold.
_HOSTILE_PIECES = [
    "https://",
    "http://",
    "www.",
    "example",
    ".com",
    ".org/",
    "nhs.uk",
    "/path",
    "?q=1",
    "&b=2",
    "#top",
    "%",
    "%41",
    "50",
    '"',
    "'",
    "<",
    ">",
    "<b>",
    "&quot;",
    "`",
    "{",
    "}",
    "|",
    "\\",
    "^",
    "(",
    ")",
    ".",
    ",",
    " ",
    "\n",
    "onmouseover=alert(1)",
    "ñ",
    "javascript:",
]


class _Links(HTMLParser):
    """The hrefs and the visible text of rendered reader text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.hrefs, self.text = [], []

    def handle_starttag(self, tag, attrs):
        assert tag in {"p", "br", "a"}, tag
        if tag == "a":
            self.hrefs.append(dict(attrs)["href"])
        if tag == "br":
            self.text.append("\n")

    def handle_data(self, data):
        self.text.append(data)


# What the URL standard (and the HTML checker) allows in an href: no spaces, quotes,
# angle brackets or the other excluded characters; "%" only before two hex digits.
_VALID_HREF = re.compile(r"https?://(?:[^\s\"'<>`{}|\\^%]|%[0-9A-Fa-f]{2})+")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_HOSTILE_PIECES), max_size=30).map("".join))
def test_links_from_hostile_text_are_always_valid_addresses(text):
    html = str(render_reader_text(text))
    parsed = _Links()
    parsed.feed(html)
    parsed.close()
    for href in parsed.hrefs:
        assert _VALID_HREF.fullmatch(href), (text, href)
    # Nothing the reader wrote is lost or added (paragraph breaks aside).
    shown = re.sub(r"\s+", "", "".join(parsed.text))
    assert shown == re.sub(r"\s+", "", text)


@pytest.mark.parametrize(
    ("text", "href", "rest"),
    [
        (
            'see https://x.example.com/a"onmouseover=alert(1)',
            "https://x.example.com/a",
            '"onmouseover',
        ),
        ("https://x.example.com/<script>", "https://x.example.com/", "<script>"),
        ("www.nhs.uk/page'x'", "http://www.nhs.uk/page", "'x'"),
        ("https://nhs.uk/a>b", "https://nhs.uk/a", ">b"),
        ("https://nhs.uk/50%off", "https://nhs.uk/50%25off", ""),
    ],
)
def test_a_link_stops_at_a_quote_or_angle_bracket(text, href, rest):
    parsed = _Links()
    parsed.feed(str(render_reader_text(text)))
    assert parsed.hrefs == [href]
    assert rest in "".join(parsed.text)
