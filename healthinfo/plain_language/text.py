"""
The words of a page as readers see them.

Scores are computed on what a reader reads, not on the HTML: tags go, link
tokens become their words, and every block (paragraph, list item, heading,
table cell) is its own run of text, so that a list of short items counts as
short sentences rather than one long one.
"""

import re
from html import unescape
from html.parser import HTMLParser

from healthinfo.links import plain_text

BLOCKS = frozenset(
    {
        "p",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "td",
        "th",
        "dt",
        "dd",
        "caption",
        "figcaption",
        "blockquote",
        "br",
        "tr",
        "ul",
        "ol",
        "table",
        "div",
    }
)
_SPACES = re.compile(r"\s+")


class _BlockReader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks, self.current, self.skip = [], [], 0

    def _flush(self):
        text = _SPACES.sub(" ", "".join(self.current)).strip()
        if text:
            self.blocks.append(text)
        self.current = []

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "style"}:
            self.skip += 1
        elif tag in BLOCKS:
            self._flush()

    def handle_startendtag(self, tag, attrs):
        if tag in BLOCKS:
            self._flush()

    def handle_endtag(self, tag):
        if tag in {"script", "style"}:
            self.skip = max(0, self.skip - 1)
        elif tag in BLOCKS:
            self._flush()

    def handle_data(self, data):
        if not self.skip:
            self.current.append(data)


def html_blocks(html):
    """The runs of text of ``html`` (stored editor HTML with link tokens), in order."""
    if not html:
        return []
    reader = _BlockReader()
    reader.feed(plain_text(html))
    reader.close()
    reader._flush()
    return reader.blocks


def text_blocks(text):
    """The paragraphs of plain ``text`` (a summary), one per non-empty line."""
    return [
        _SPACES.sub(" ", unescape(line)).strip()
        for line in (text or "").splitlines()
        if line.strip()
    ]


def page_blocks(translation, sections):
    """
    What a reader of ``translation`` reads, as ``(kind, text)`` pairs: the
    summary, then each section's heading and body. ``kind`` is "heading" for
    headings (short labels, kept out of the sentence-based formulas) and
    "text" otherwise.
    """
    blocks = [("text", block) for block in text_blocks(translation.summary)]
    for section in sections:
        if section.heading.strip():
            blocks.append(("heading", _SPACES.sub(" ", section.heading).strip()))
        blocks.extend(("text", block) for block in html_blocks(section.body))
    return blocks
