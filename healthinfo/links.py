"""
Internal links between articles, written by editors as tokens.

``[[cervical-insufficiency]]`` links to that article with its title as the
link text; ``[[bed-rest|resting in bed]]`` uses the given text. Tokens are
stored as written and resolved when a page is rendered, so a link follows the
target's current title and the reader's language. A token that does not
resolve is shown as plain text (and logged): the raw token never reaches
readers. ``healthinfo.validation`` refuses to publish an article with such a
token and ``manage.py check_links`` finds the ones that broke later.
"""

import logging
import re
from dataclasses import dataclass

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

logger = logging.getLogger(__name__)

# The slug part cannot contain tag characters, so a token never spans a tag
# boundary in its slug; the text part may hold inline markup (<em>).
TOKEN = re.compile(r"\[\[\s*([^\[\]|<>\"']*?)\s*(?:\|\s*((?:(?!\]\]|\[\[).)*?)\s*)?\]\]", re.S)
SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,100}$")
_TAG = re.compile(r"(<[^>]*>)")
_LEFTOVER = re.compile(r"\[\[|\]\]")


@dataclass(frozen=True)
class Token:
    """One link token as written: ``raw`` text, target ``slug``, optional link ``text``."""

    raw: str
    slug: str
    text: str

    @property
    def valid_slug(self):
        return bool(SLUG.match(self.slug))


@dataclass(frozen=True)
class Target:
    """Where a resolved token points: the address, title and language of the target page."""

    url: str
    title: str
    language: str


def find_tokens(html):
    """Every link token in ``html``, in order of appearance."""
    return [Token(m.group(0), m.group(1), m.group(2) or "") for m in TOKEN.finditer(html or "")]


def linked_slugs(*htmls):
    """The set of well-formed slugs that the tokens in ``htmls`` point to."""
    return {token.slug for html in htmls for token in find_tokens(html) if token.valid_slug}


def plain_text(html):
    """``html`` with each token replaced by the words a reader would see (for search)."""
    return TOKEN.sub(lambda m: m.group(2) or m.group(1).replace("-", " "), html or "")


def render_links(html, targets, *, language, where=""):
    """
    ``html`` (sanitised editor HTML) with its tokens turned into links.

    ``targets`` maps slugs to ``Target``s. A token without a target becomes
    its text (or its slug in words) and a warning naming ``where`` is logged.
    Tokens inside tag attributes are dropped: a link cannot live there.
    """
    html = "".join(
        TOKEN.sub("", part) if part.startswith("<") else part for part in _TAG.split(html or "")
    )

    def replace(match):
        slug, text = match.group(1), match.group(2)
        target = targets.get(slug) if SLUG.match(slug) else None
        if target is None:
            logger.warning("Unresolved link token %r in %s", match.group(0)[:120], where)
            # The text part is stored, sanitised HTML: keep it as it is.
            return text if text else escape(slug.replace("-", " "))
        label = text if text else escape(target.title)
        if target.language != language:
            return format_html(
                '<a href="{}" hreflang="{}" lang="{}">{}</a>',
                target.url,
                target.language,
                target.language,
                mark_safe(label),
            )
        return format_html('<a href="{}">{}</a>', target.url, mark_safe(label))

    html = TOKEN.sub(replace, html)
    # Whatever is malformed ("[[" without an end) loses its brackets, never shows as a token.
    if _LEFTOVER.search(html):
        logger.warning("Malformed link token in %s", where)
        html = "".join(
            part if part.startswith("<") else _without_brackets(part) for part in _TAG.split(html)
        )
    return html


def _without_brackets(text):
    """``text`` without "[[" or "]]", including pairs that removing one brings together ("[]][")."""
    while _LEFTOVER.search(text):
        text = _LEFTOVER.sub("", text)
    return text


def published_slugs(slugs, now=None):
    """The subset of ``slugs`` that name an article readers can see now (one query)."""
    from healthinfo.models import Article

    slugs = {slug for slug in slugs if SLUG.match(slug)}
    if not slugs:
        return set()
    return set(Article.objects.published(now).filter(slug__in=slugs).values_list("slug", flat=True))


def broken_tokens(html, resolvable):
    """The tokens of ``html`` whose slug is not in ``resolvable``, each once, in order."""
    seen, broken = set(), []
    for token in find_tokens(html):
        if token.slug not in resolvable and token.raw not in seen:
            seen.add(token.raw)
            broken.append(token)
    return broken
