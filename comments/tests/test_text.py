"""Readers' text is stored as plain text and shown escaped, with safe links."""

import pytest

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
