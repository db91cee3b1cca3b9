"""The sanitiser against pasted office HTML and hostile markup (healthinfo/sanitize.py)."""

from html.parser import HTMLParser
from pathlib import Path

from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from healthinfo.sanitize import (
    EDITOR_ATTRIBUTES,
    EDITOR_TAGS,
    clean_editor_html,
    editor_html_too_large,
)

OFFICE = Path(__file__).parent / "office_html"


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.attributes = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes.extend((tag, name, value) for name, value in attrs)


def parsed(html):
    collector = _Collector()
    collector.feed(html)
    return collector


def assert_only_allowed(html):
    result = parsed(html)
    assert set(result.tags) <= EDITOR_TAGS
    for tag, name, value in result.attributes:
        assert name in EDITOR_ATTRIBUTES.get(tag, ()) or name == "dir", (tag, name, value)
        assert not (value or "").strip().lower().startswith(("javascript:", "data:", "vbscript:"))


def test_word_paste_keeps_words_lists_and_tables_and_drops_office_clutter():
    html = clean_editor_html((OFFICE / "word_list_and_styles.html").read_text())
    assert_only_allowed(html)
    for clutter in ("mso", "MsoNormal", "o:p", "Calibri", "Style Definitions", "WordDocument"):
        assert clutter not in html
    assert "·" not in html and "supportLists" not in html  # Word's fake bullets
    assert "<ul><li>bleeding from your vagina</li>" in html
    assert "<ol><li>A midwife checks you and the baby.</li>" in html
    assert "<i>pressure</i>" in html
    assert "<table>" in html and "Scan of the cervix" in html
    assert "<img" not in html and "clip_image" not in html
    assert "<p></p>" not in html and "<p>\xa0</p>" not in html


def test_google_docs_paste_loses_its_bold_wrapper_and_keeps_real_emphasis():
    html = clean_editor_html((OFFICE / "google_docs.html").read_text())
    assert_only_allowed(html)
    assert "docs-internal-guid" not in html
    assert not html.startswith("<b>")  # the wrapper would make the whole paste bold
    assert "<strong>short cervix</strong>" in html
    assert "<em> do not need</em>" in html
    assert "<h3" in html  # a pasted top-level heading sits under the section's own
    assert "data:image" not in html and "<img" not in html
    assert "Walk a little every day" in html


def test_script_and_style_blocks_go_with_their_contents():
    html = clean_editor_html(
        "<p>Rest</p><script>alert('x')</script><style>p{color:red}</style>"
        "<svg><script>alert(2)</script></svg><noscript>nojs</noscript><p>more</p>"
    )
    assert html == "<p>Rest</p><p>more</p>"


def test_event_handlers_and_dangerous_urls_are_removed():
    html = clean_editor_html(
        '<p onclick="steal()" style="x">a <a href="javascript:alert(1)" onmouseover="x()">b</a> '
        '<a href="data:text/html;base64,PHNjcmlwdD4=">c</a> <a href="https://nhs.uk/">d</a>'
        '<img src=x onerror="alert(1)"></p>'
    )
    assert_only_allowed(html)
    assert "onclick" not in html and "onerror" not in html and "javascript" not in html
    assert '<a href="https://nhs.uk/">d</a>' in html


def test_conditional_comments_and_processing_instructions_leave_nothing():
    html = clean_editor_html(
        "<!--[if gte mso 9]><xml><o:OfficeDocumentSettings/></xml><![endif]-->"
        "<?xml version='1.0'?><![if !vml]><p>shape</p><![endif]><p>text</p><!-- note -->"
    )
    assert html == "<p>text</p>"


def test_right_to_left_text_and_emoji_are_kept_and_direction_overrides_removed():
    html = clean_editor_html(
        '<p dir="rtl">שלום עולם</p><p dir="evil">x</p><p>👩\u200d⚕️ ok \u202egnp.exe\u202c</p>'
    )
    assert '<p dir="rtl">שלום עולם</p>' in html
    assert 'dir="evil"' not in html
    assert "👩\u200d⚕️" in html
    assert "\u202e" not in html and "\u202c" not in html


def test_null_characters_and_lone_surrogates_never_reach_the_database():
    html = clean_editor_html("<p>a\x00b\ud800c\x07</p>")
    assert html == "<p>abc</p>"


def test_broken_link_tokens_are_kept_as_written_for_the_form_to_report():
    assert clean_editor_html("<p>See [[bed-rest and [[ok|fine]]</p>") == (
        "<p>See [[bed-rest and [[ok|fine]]</p>"
    )


def test_a_five_megabyte_body_is_measured_without_being_parsed():
    body = "<p>" + "x" * 5_000_000 + "</p>"
    assert editor_html_too_large(body) == 5_000_007
    assert editor_html_too_large("<p>short</p>") is None
    assert (
        editor_html_too_large("é" * 200_000) == 400_000
        or editor_html_too_large("é" * 200_000) is None
    )


HOSTILE_PIECES = st.sampled_from(
    [
        "<script>",
        "</script>",
        "<style>",
        "<p>",
        "</p>",
        "<b>",
        "</b>",
        '<span style="font-weight:700">',
        "</span>",
        "<o:p>",
        "</o:p>",
        "<![if !supportLists]>",
        "<![endif]>",
        "<!--",
        "-->",
        '<a href="javascript:x">',
        '<a href="https://a.example/">',
        "</a>",
        '<img src="data:image/png;base64,AA" onerror=x>',
        '<p style="mso-list:l0 level1">',
        "<h1>",
        "</h1>",
        "<svg onload=x>",
        "[[",
        "]]",
        "|",
        "text ",
        "שלום",
        "👩\u200d⚕️",
        "\u202e",
        "&lt;",
        "&",
        "<",
        ">",
        '"',
        "<table><tr><td>",
        "</td></tr></table>",
        '<b id="docs-internal-guid-1">',
    ]
)


@hypothesis_settings(max_examples=300, deadline=None)
@given(pieces=st.lists(HOSTILE_PIECES, max_size=30))
def test_any_mix_of_office_and_hostile_markup_comes_out_safe_and_stable(pieces):
    html = clean_editor_html("".join(pieces))
    assert_only_allowed(html)
    # Markup that is not allowed is gone or escaped as text ("&lt;img onerror=x&gt;"):
    # no element carries a handler or a style, whatever the text says.
    assert "<script" not in html.lower() and "<img" not in html.lower()
    assert "\u202e" not in html
    # Cleaning what was stored changes nothing: a page saved twice stays the same.
    assert clean_editor_html(html) == html


@hypothesis_settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=200))
def test_any_unicode_text_survives_without_characters_the_database_refuses(text):
    html = clean_editor_html(text)
    html.encode("utf-8")  # no lone surrogates
    assert "\x00" not in html
