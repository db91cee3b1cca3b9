"""
Readers' text: cleaned to plain text on the way in, escaped and linkified on the way out.

Readers may not send HTML at all. Tags are stripped with bleach and entities
decoded, so what is stored is the plain text the reader meant ("sugar <5.3"
stays "sugar <5.3"); templates escape it like any other text. Invisible
characters that can disguise text (control characters, bidirectional
overrides, zero-width joiners used to dodge filters) are removed.
"""

import html
import re
import unicodedata

import bleach
from bleach.linkifier import URL_RE, Linker
from django.utils.html import escape
from django.utils.safestring import mark_safe

# Bidirectional embeddings, overrides and isolates (the "Trojan Source" set),
# plus zero-width characters and the byte-order mark.
_INVISIBLE = dict.fromkeys(
    [
        *range(0x202A, 0x202F),
        *range(0x2066, 0x206A),
        0x200B,
        0x200C,
        0x200E,
        0x200F,
        0x2060,
        0xFEFF,
    ]
)
_BLANK_LINES = re.compile(r"\n{3,}")
_SPACES = re.compile(r"[^\S\n]+")

LINK_REL = "nofollow ugc noopener"


def _keep(char):
    if char in "\n\t":
        return True
    category = unicodedata.category(char)
    # Cc: control characters; Cs: lone surrogates; Co/Cn: private or unassigned.
    return category not in {"Cc", "Cs", "Co", "Cn"}


def clean_reader_text(value, *, multiline=True):
    """
    ``value`` as tidy plain text: no HTML, no invisible or control characters.

    Line breaks are kept in ``multiline`` text (at most one blank line in a
    row) and turned into spaces otherwise; runs of spaces become one space.
    """
    if not value:
        return ""
    text = unicodedata.normalize("NFC", str(value)).replace("\r\n", "\n").replace("\r", "\n")
    # Until nothing changes: decoding entities can reveal new tags ("&lt;b&gt;")
    # or characters an earlier round removed ("&#8238;").
    for _round in range(5):
        stripped = "".join(char for char in text.translate(_INVISIBLE) if _keep(char))
        stripped = html.unescape(
            bleach.clean(stripped, tags=set(), strip=True, strip_comments=True)
        )
        if stripped == text:
            break
        text = stripped
    else:
        # Pathological nesting of entities: drop angle brackets rather than loop on.
        text = text.replace("<", "").replace(">", "")
    if not multiline:
        text = text.replace("\n", " ")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


_SCHEME_URL = re.compile(r"\b(?:https?|ftp)://\S+", re.IGNORECASE)


def count_links(text):
    """How many web addresses ``text`` contains: any with a scheme, and those linkify would link."""
    spans = sorted(
        match.span() for pattern in (_SCHEME_URL, URL_RE) for match in pattern.finditer(text or "")
    )
    count, reach = 0, -1
    for start, end in spans:
        if start >= reach:
            count += 1
        reach = max(reach, end)
    return count


# Characters a web address may not contain (the URL standard, and what the HTML
# checker refuses in an href): a link stops at the first of them. Quotes and
# angle brackets matter most: escaped, they would still end up inside the href.
_NOT_IN_ADDRESS = re.compile(r"""(["'<>`{}|\\^])""")
_LONE_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")


def _link_attributes(attrs, new=False):
    href_key = (None, "href")
    href = attrs.get(href_key, "")
    if not href.startswith(("http://", "https://")):
        return None  # drop the link, keep the text
    # "50%off" in a path is not a valid address; "50%25off" is what the reader meant.
    attrs[href_key] = _LONE_PERCENT.sub("%25", href)
    attrs[(None, "rel")] = LINK_REL
    return attrs


_linker = Linker(callbacks=[_link_attributes], parse_email=False)


def _linkify(text):
    """
    ``text`` escaped, with its web addresses linked. The text is linked piece by
    piece between the characters no address can hold, so a link never reaches
    past a quote or an angle bracket (``https://x.example/a"onclick=…``).
    """
    pieces = _NOT_IN_ADDRESS.split(text)
    # split() with a group: even indexes are text, odd ones the separators.
    return "".join(
        _linker.linkify(escape(piece)) if index % 2 == 0 else escape(piece)
        for index, piece in enumerate(pieces)
        if piece
    )


def render_reader_text(text):
    """
    Plain text as safe HTML: escaped, paragraphs and line breaks kept, and web
    addresses linked with ``rel="nofollow ugc noopener"``.
    """
    linked = _linkify(text or "")
    paragraphs = [part for part in re.split(r"\n{2,}", linked) if part.strip()]
    return mark_safe("".join(f"<p>{part.strip().replace('\n', '<br>')}</p>" for part in paragraphs))
