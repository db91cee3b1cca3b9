"""
The content of an article page: everything between the title and the
questions, rendered once and cached.

The article view runs one query for the translation (which also proves the
article is visible now), then asks ``cached_content`` for the rest: sections
with their links resolved, figures, references, the review box, the other
languages of the page and its structured data. Cold, that costs at most five
queries (sections, references, figures when the page has any, the review's
sign-offs, and one query for the page's other languages and its link targets
together); warm, none.

The cache key holds the article's cache generation (content, reviews and
questions change it), the site-wide content generation (publishing or
retitling any article changes how links to it render), today's date
(overdue notices) and the site's address (the structured data's ``@id``, see
``healthinfo.site_address``). An entry never outlives the next scheduled publish or
unpublish time of the article or of an article it links to.

The parts that belong to one reader (the question form, their pending
questions, their feedback vote) are never cached here.
"""

import logging
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db.models import Prefetch, Q, prefetch_related_objects
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from healthinfo import site_address
from healthinfo.cache import article_generation, content_generation
from healthinfo.figures.services import with_renditions
from healthinfo.links import Target, linked_slugs, render_links
from healthinfo.models import AdditionalReviewer, ArticleTranslation, Figure

logger = logging.getLogger(__name__)

PAGE_CACHE_KEY = "article-page:{article}:{language}:{generation}:{content}:{day}:{site}"
PAGE_CACHE_SECONDS = 3600


@dataclass
class ArticleContent:
    """The cacheable part of an article page."""

    body_html: str
    # {language code: address} of every language the page can be read in.
    alternates: dict = field(default_factory=dict)
    # {language code: title} for the same languages.
    titles: dict = field(default_factory=dict)
    structured_data: dict = field(default_factory=dict)
    # When the cached copy must be dropped (the next scheduled change), or None.
    expires_at: object = None


def _related_translations(translation, slugs):
    """
    One query: the other languages of this article and every translation of the
    articles its tokens link to, with what deciding visibility needs.
    """
    condition = Q(article_id=translation.article_id)
    if slugs:
        condition |= Q(article__slug__in=slugs)
    return list(
        ArticleTranslation.objects.filter(condition)
        .select_related("article")
        .only(
            "language",
            "title",
            "article_id",
            "updated_at",
            "article__slug",
            "article__status",
            "article__publish_at",
            "article__unpublish_at",
            "article__next_review_due",
        )
        .order_by()
    )


def _choose_targets(rows, slugs, language, now):
    """``{slug: Target}`` preferring the reader's language, then the source language."""
    preference = {language: 0, settings.LANGUAGE_CODE: 1}
    targets = {}
    for row in sorted(rows, key=lambda row: preference.get(row.language, 2)):
        slug = row.article.slug
        if slug in slugs and slug not in targets and row.article.is_visible(now):
            targets[slug] = Target(row.get_absolute_url(), row.title, row.language)
    return targets


def render_sections(translation, sections, now=None):
    """
    Set ``section.html`` on each of ``sections``: its body with link tokens resolved.

    One query. Returns the translations it read (this article's languages and
    the link targets) and the slugs the sections link to. Page versions call
    it too, so an archived copy keeps the links exactly as they were rendered.
    """
    now = now or timezone.now()
    slugs = linked_slugs(*(section.body for section in sections))
    rows = _related_translations(translation, slugs)
    targets = _choose_targets(rows, slugs, translation.language, now)
    where = f"{translation.article.slug} ({translation.language})"
    for section in sections:
        section.html = mark_safe(
            render_links(section.body, targets, language=translation.language, where=where)
        )
    return rows, slugs


def _next_change(articles, now):
    """The earliest future publish or unpublish time among ``articles``."""
    times = [
        moment
        for article in articles
        for moment in (article.publish_at, article.unpublish_at)
        if moment is not None and moment > now
    ]
    return min(times, default=None)


def load_content(translation, site_url=None):
    """
    Query and render the content of ``translation``'s page (no cache).

    ``translation`` comes from ``ArticleTranslation.objects.for_reader()``;
    the editors' preview calls this directly for a draft. ``site_url`` is the
    address the page is served at (``healthinfo.site_address``).
    """
    from healthinfo.structured_data import medical_web_page

    now = timezone.now()
    article = translation.article
    has_figures = getattr(translation, "has_figures", True)
    # A draft (the editors' preview) has figures of its own model.
    figure_model = translation.figures.model if translation.pk else Figure
    figures = Prefetch("figures", queryset=with_renditions(figure_model.objects.all()))
    lookups = ["sections", "references", *([figures] if has_figures else [])]
    if article.last_review_id:
        lookups.append(
            Prefetch(
                "article__last_review__signoffs",
                queryset=AdditionalReviewer.objects.order_by("pk"),
            )
        )
    prefetch_related_objects([translation], *lookups)
    sections = list(translation.sections.all())
    rows, slugs = render_sections(translation, sections, now)
    own = [row for row in rows if row.article_id == article.pk]
    languages = dict(settings.LANGUAGES)
    own = sorted(
        (row for row in own if row.language in languages),
        key=lambda row: list(languages).index(row.language),
    )
    alternates = {row.language: row.get_absolute_url() for row in own}
    titles = {row.language: row.title for row in own}
    body_html = render_to_string(
        "healthinfo/_article_body.html",
        {
            "translation": translation,
            "article": article,
            "sections": sections,
            "references": list(translation.references.all()),
            "figures": list(translation.figures.all()) if has_figures else [],
            "alternates": alternates,
        },
    )
    linked_articles = {row.article for row in rows if row.article.slug in slugs}
    return ArticleContent(
        body_html=body_html,
        alternates=alternates,
        titles=titles,
        structured_data=medical_web_page(
            translation, sections, alternates, titles, site_url or site_address.current()
        ),
        expires_at=_next_change([article, *linked_articles], now),
    )


def cached_content(translation, site_url=None):
    """``load_content``, cached per article, language, generation and address (see module docs)."""
    article = translation.article
    site_url = site_url or site_address.current()
    try:
        key = PAGE_CACHE_KEY.format(
            article=article.pk,
            language=translation.language,
            generation=article_generation(article.pk),
            content=content_generation(),
            day=timezone.localdate().isoformat(),
            site=site_url,
        )
        stored = cache.get(key)
    except Exception:
        logger.warning("Article page not cached: the cache is unavailable.", exc_info=True)
        return load_content(translation, site_url)
    now = timezone.now()
    if stored is not None and (stored.expires_at is None or stored.expires_at > now):
        stored.body_html = mark_safe(stored.body_html)
        return stored
    content = load_content(translation, site_url)
    timeout = PAGE_CACHE_SECONDS
    if content.expires_at is not None:
        timeout = max(1, min(timeout, int((content.expires_at - now) / timedelta(seconds=1))))
    try:
        cache.set(key, content, timeout)
    except Exception:
        logger.warning("Article page not cached: the cache is unavailable.", exc_info=True)
    content.body_html = mark_safe(content.body_html)
    return content
