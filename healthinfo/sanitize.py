"""
HTML sanitising for editor-written content.

Editors write section bodies in a small HTML vocabulary. Everything outside
the allowlist is stripped on save, so what is stored is already safe to show;
templates still escape everything that is not such a stored body.
"""

import bleach

EDITOR_TAGS = frozenset(
    {
        "p",
        "br",
        "h3",
        "h4",
        "h5",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "strong",
        "em",
        "b",
        "i",
        "sup",
        "sub",
        "abbr",
        "blockquote",
        "a",
        "table",
        "caption",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "th",
        "td",
        "figure",
        "figcaption",
    }
)

EDITOR_ATTRIBUTES = {
    "a": ["href", "title", "hreflang"],
    "abbr": ["title"],
    "th": ["scope", "colspan", "rowspan"],
    "td": ["colspan", "rowspan"],
    "ol": ["start"],
}

EDITOR_PROTOCOLS = frozenset({"http", "https", "mailto", "tel"})

_editor_cleaner = bleach.sanitizer.Cleaner(
    tags=EDITOR_TAGS,
    attributes=EDITOR_ATTRIBUTES,
    protocols=EDITOR_PROTOCOLS,
    strip=True,
    strip_comments=True,
)


def clean_editor_html(html):
    """Return ``html`` with every tag, attribute and URL scheme outside the allowlist removed."""
    if not html:
        return ""
    return _editor_cleaner.clean(html).strip()
