"""
Readable differences between two published versions, for editors.

Section bodies are HTML; editors compare what readers read, so each body is
turned into plain lines (one per paragraph or list item) before diffing. The
result is data (kind, text) that a template escapes on the way out.
"""

import difflib
import re
from html import unescape

from django.utils.html import strip_tags
from django.utils.translation import gettext as _

BLOCK_END = re.compile(r"</(p|li|h[1-6]|tr|div|blockquote)>|<br\s*/?>", re.IGNORECASE)


def html_lines(html):
    """The text of ``html`` with one line per block element, blank lines dropped."""
    text = unescape(strip_tags(BLOCK_END.sub("\n", html)))
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def reference_line(reference):
    parts = [reference.get("authors"), reference.get("title"), reference.get("source")]
    details = [
        str(reference[key]) for key in ("year", "volume", "issue", "pages") if reference.get(key)
    ]
    line = ". ".join(p for p in parts if p)
    if details:
        line += f" {' '.join(details)}"
    for key in ("doi", "pmid", "url"):
        if reference.get(key):
            line += f" {key.upper()}: {reference[key]}"
    return line


def snapshot_parts(content):
    """A version's snapshot as named lists of lines: what an editor wants to compare."""
    review = content.get("review", {})
    sections = []
    for section in content.get("sections", []):
        sections.append(f"## {section['heading']}")
        sections.extend(html_lines(section["body"]))
    return [
        (
            _("Title and summary"),
            [content.get("title", ""), *html_lines(content.get("summary", ""))],
        ),
        (_("Alternate names"), list(content.get("alternate_names", []))),
        (_("Sections"), sections),
        (_("References"), [reference_line(r) for r in content.get("references", [])]),
        (
            _("Figures"),
            [
                f"{f['image']} — {f['alt_text']} — {f['caption']}"
                for f in content.get("figures", [])
            ],
        ),
        (
            _("Review box"),
            [
                f"{review.get('last_reviewed_on')} → {review.get('next_review_due')}",
                review.get("reviewed_by", ""),
                *review.get("also_reviewed_by", []),
            ],
        ),
    ]


def compare(old, new):
    """
    The differences between two snapshots, part by part.

    Returns ``[(part name, changed, [(kind, text), …])]`` where kind is
    "added", "removed" or "same" (context lines around a change).
    """
    result = []
    for (name, old_lines), (_name, new_lines) in zip(
        snapshot_parts(old), snapshot_parts(new), strict=True
    ):
        lines = []
        for line in difflib.unified_diff(old_lines, new_lines, lineterm="", n=2):
            if line.startswith(("---", "+++")):
                continue
            if line.startswith("@@"):
                lines.append(("gap", "…"))
            elif line.startswith("+"):
                lines.append(("added", line[1:]))
            elif line.startswith("-"):
                lines.append(("removed", line[1:]))
            else:
                lines.append(("same", line[1:]))
        result.append((name, bool(lines), lines))
    return result
