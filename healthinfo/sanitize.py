"""
HTML sanitising for editor-written content.

Editors write section bodies in a small HTML vocabulary, most often through
the rich-text editor (``healthinfo.editing``), sometimes by pasting from Word
or Google Docs, sometimes (the shell, an import) as raw HTML. Whatever arrives
is cleaned here on the way in, so what is stored is already safe to show;
templates still escape everything that is not such a stored body.

Cleaning runs in two passes:

1. ``_OfficeTidier`` reads the HTML with the standard library's tokenizer and
   throws away what office suites add around the words: ``<style>``, ``<xml>``
   and ``<script>`` blocks *with their contents* (bleach alone would keep their
   text), comments and conditional comments (``<!--[if gte mso 9]>``,
   ``<![if !supportLists]>`` fake bullets), Google Docs' bold wrapper
   (``<b id="docs-internal-guid-…">``), and turns Word's list paragraphs
   (``<p class=MsoListParagraph style="mso-list:…">``) into real lists and
   Google Docs' styled spans into ``<strong>``/``<em>``. This pass only removes
   or renames; it is not what makes the result safe.
2. bleach's allowlist (``EDITOR_TAGS``, ``EDITOR_ATTRIBUTES``,
   ``EDITOR_PROTOCOLS``) removes every other tag, attribute and URL scheme
   (``javascript:``, ``data:`` images, event handlers, ``style``, ``class``).

Then empty paragraphs left by Word's ``<o:p>&nbsp;</o:p>`` go, and so do
characters that have no place in stored text: NUL and other control
characters, lone surrogates (PostgreSQL refuses them) and the bidirectional
override and embedding controls that can make text display in a different
order from the one it is stored in. Right-to-left script and emoji (with their
joiners and variation selectors) are kept as written.
"""

import re
from html import escape
from html.parser import HTMLParser

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

# Text direction is allowed on blocks, with its three valid values only.
_DIRECTION_TAGS = ("p", "li", "blockquote", "td", "th", "h3", "h4", "h5")
_DIRECTIONS = frozenset({"rtl", "ltr", "auto"})

EDITOR_ATTRIBUTES = {
    "a": ["href", "title", "hreflang"],
    "abbr": ["title"],
    "th": ["scope", "colspan", "rowspan"],
    "td": ["colspan", "rowspan"],
    "ol": ["start"],
}

EDITOR_PROTOCOLS = frozenset({"http", "https", "mailto", "tel"})

# How much HTML one body may hold, checked before any parsing. A long health page
# section is 20-40 KB of HTML; what goes past this is almost always a paste with
# images inlined as data: URIs, or an accident.
EDITOR_MAX_BYTES = 500_000


def _allowed_attribute(tag, name, value):
    if name == "dir":
        return tag in _DIRECTION_TAGS and value.strip().lower() in _DIRECTIONS
    return name in EDITOR_ATTRIBUTES.get(tag, ())


_editor_cleaner = bleach.sanitizer.Cleaner(
    tags=EDITOR_TAGS,
    attributes=_allowed_attribute,
    protocols=EDITOR_PROTOCOLS,
    strip=True,
    strip_comments=True,
)

# Elements dropped with everything inside them: their text is never reader text.
_DROPPED_WITH_CONTENT = frozenset(
    {
        "script",
        "style",
        "xml",
        "head",
        "title",
        "template",
        "noscript",
        "iframe",
        "object",
        "embed",
        "svg",
        "math",
        "select",
        "textarea",
        "button",
        "canvas",
        "audio",
        "video",
    }
)
_VOID = frozenset(
    {"br", "img", "hr", "meta", "link", "input", "col", "wbr", "area", "base", "source"}
)
_HEADING_LEVELS = {"h1": "h3", "h2": "h3", "h6": "h5"}
_BOLD = re.compile(r"font-weight\s*:\s*(bold|bolder|[6-9]00)", re.I)
_ITALIC = re.compile(r"font-style\s*:\s*italic", re.I)
_WORD_LIST = re.compile(r"mso-list\s*:\s*l\d+", re.I)
_ORDERED_MARKER = re.compile(r"^\s*(\d+|[a-zA-Z]|[ivxlcIVXLC]+)[.)]\s*$")

# Characters removed from stored text (see the module docstring).
_UNWANTED_CHARACTERS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]"
)
_EMPTY_PARAGRAPH = re.compile(r"<p(?:\s[^>]*)?>(?:\s|&nbsp;|\xa0|<br\s*/?>)*</p>", re.I)


class _OfficeTidier(HTMLParser):
    """The first pass: see the module docstring. Feed it HTML, read ``result()``."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out = []
        self.dropping = 0  # depth inside an element dropped with its content
        self.dropped_tag = None
        self.in_conditional = False  # inside <![if …]> … <![endif]>
        self.replaced = []  # stack of (tag, closing text) for renamed/unwrapped elements
        self.word_list = None  # index in ``out`` of an open Word list, else None
        self.word_item = False  # inside a Word list paragraph
        self.marker = []  # the fake bullet of the current Word list paragraph

    # Word lists --------------------------------------------------------------

    def _close_word_list(self):
        if self.word_list is not None:
            self.out.append("</ol>" if self.out[self.word_list] == "<ol>" else "</ul>")
            self.word_list = None

    # Tokens --------------------------------------------------------------------

    def handle_starttag(self, tag, attrs):
        self._start(tag, attrs, closed=False)

    def handle_startendtag(self, tag, attrs):
        self._start(tag, attrs, closed=True)

    def _start(self, tag, attrs, closed):
        if self.dropping:
            if tag == self.dropped_tag and not closed:
                self.dropping += 1
            return
        if tag in _DROPPED_WITH_CONTENT:
            if not closed:
                self.dropping, self.dropped_tag = 1, tag
            return
        if self.in_conditional:
            return
        attributes = dict(attrs)
        style = attributes.get("style") or ""
        if tag == "p" and _WORD_LIST.search(style):
            if self.word_list is None:
                self.word_list = len(self.out)
                self.out.append("<ul>")
            self.out.append("<li>")
            self.word_item, self.marker = True, []
            return
        if tag in {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "div"}:
            self._close_word_list()
        if tag == "b":
            # Google Docs wraps a paste in <b style="font-weight:normal" id="docs-internal-guid-…">.
            if closed:
                return
            if (attributes.get("id") or "").startswith("docs-internal-guid"):
                self.replaced.append((tag, ""))
                return
            self.out.append("<b>")
            self.replaced.append((tag, "</b>"))
            return
        if tag == "span":
            opening, closing = "", ""
            if _BOLD.search(style):
                opening, closing = "<strong>", "</strong>"
            if _ITALIC.search(style):
                opening, closing = opening + "<em>", "</em>" + closing
            self.replaced.append((tag, closing))
            self.out.append(opening)
            return
        # A body sits under its section's <h2>: pasted top-level headings become <h3>.
        tag = _HEADING_LEVELS.get(tag, tag)
        if ":" in tag:  # <o:p>, <w:sdt>, <v:shape>, <st1:place>: keep only their words
            if not closed:
                self.replaced.append((tag, ""))
            return
        rendered = "".join(
            f' {name}="{escape(value or "", quote=True)}"'
            for name, value in attrs
            if not name.startswith("on")  # never carried into the second pass at all
        )
        self.out.append(f"<{tag}{rendered}{' /' if closed else ''}>")

    def handle_endtag(self, tag):
        if self.dropping:
            if tag == self.dropped_tag:
                self.dropping -= 1
            return
        if self.in_conditional:
            return
        if tag == "p" and self.word_item:
            self.out.append("</li>")
            self.word_item = False
            return
        if self.replaced and tag in {"b", "span"} | ({tag} if ":" in tag else set()):
            for index in range(len(self.replaced) - 1, -1, -1):
                if self.replaced[index][0] == tag:
                    self.out.append(self.replaced.pop(index)[1])
                    return
        if ":" in tag:
            return
        tag = _HEADING_LEVELS.get(tag, tag)
        if tag in _VOID:
            return
        self.out.append(f"</{tag}>")

    def handle_data(self, data):
        if self.dropping:
            return
        if self.in_conditional:
            if self.word_item:
                self.marker.append(data)
            return
        self.out.append(escape(data, quote=False))

    def handle_comment(self, data):
        pass  # comments, including <!--[if gte mso 9]>…<![endif]--> blocks

    def unknown_decl(self, data):
        # Word's "downlevel-revealed" conditionals: <![if !supportLists]>•<![endif]>.
        keyword = data.strip().lower()
        if keyword.startswith("if"):
            self.in_conditional = True
        elif keyword.startswith("endif"):
            marker = "".join(self.marker).replace("\xa0", " ")
            in_list = self.in_conditional and self.word_item and self.word_list is not None
            if in_list and _ORDERED_MARKER.match(marker):
                self.out[self.word_list] = "<ol>"
            self.in_conditional = False

    def handle_decl(self, decl):
        pass  # <!DOCTYPE …>

    def handle_pi(self, data):
        pass  # <?xml …?> and Word's <?if …?>

    def result(self):
        self.close()
        if self.word_item:
            self.out.append("</li>")
        self._close_word_list()
        self.out.extend(closing for _tag, closing in reversed(self.replaced))
        return "".join(self.out)


def tidy_office_html(html):
    """The first pass alone: ``html`` without office-suite wrapping (not yet safe)."""
    tidier = _OfficeTidier()
    tidier.feed(html)
    return tidier.result()


def clean_editor_html(html):
    """
    Return ``html`` with office clutter and every tag, attribute and URL scheme
    outside the allowlist removed.

    Callers that take input from a person check its size first
    (``editor_html_too_large``): this function parses whatever it is given.
    """
    if not html:
        return ""
    html = _UNWANTED_CHARACTERS.sub("", html)
    cleaned = _editor_cleaner.clean(tidy_office_html(html))
    # Misnested markup (a heading inside a heading) is re-nested by the parser: clean
    # until the result is stable, so that a stored body cleaned again stays the same.
    for _attempt in range(3):
        again = _editor_cleaner.clean(cleaned)
        if again == cleaned:
            break
        cleaned = again
    cleaned = _UNWANTED_CHARACTERS.sub("", cleaned)
    previous = None
    while previous != cleaned:  # an empty <p> can hold another one
        previous, cleaned = cleaned, _EMPTY_PARAGRAPH.sub("", cleaned)
    return cleaned.strip()


def clean_plain_text(text):
    """``text`` without the characters that have no place in stored text (see above)."""
    return _UNWANTED_CHARACTERS.sub("", text or "")


def editor_html_too_large(html, limit=EDITOR_MAX_BYTES):
    """The size of ``html`` in bytes when it is over ``limit``, else None (no parsing)."""
    if not html:
        return None
    # Every character is at least one byte: skip encoding what is surely small.
    if len(html) * 4 <= limit:
        return None
    size = len(html.encode("utf-8", "surrogatepass"))
    return size if size > limit else None
