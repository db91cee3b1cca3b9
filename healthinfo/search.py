"""
Article search.

On PostgreSQL: full-text search over a stored, weighted document per
translation (title and alternate names weight A, summary B, section text C)
in the language's text-search configuration (``settings.SEARCH_CONFIGURATIONS``:
english, spanish), ranked with ``ts_rank``, with ``ts_headline`` snippets and
a GIN index. When a query finds little, the closest words of the site's
vocabulary (``SearchTerm``, pg_trgm similarity) make a "Did you mean …?".

The document is stored (``ArticleTranslation.search_vector``) rather than
computed by an expression index because it combines two tables: the
translation and its sections. ``refresh_search_document`` rebuilds it on
every save of either.

On SQLite (development): every word of the query must appear in the title,
alternate names, summary or section text; title and alternate-name matches
rank first, and suggestions come from ``difflib``.

Every path costs a constant number of queries: one that ranks the ids of at
most ``MAX_RESULTS`` matches (cached per query), one for the page of results
with their snippets, and one for suggestions when there are few results.
"""

import difflib
import hashlib
import html
import logging
import re
from dataclasses import dataclass

from django.conf import settings
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramSimilarity,
)
from django.core.cache import cache
from django.db import connection
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.db.models.functions import Greatest
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

from healthinfo.cache import LISTINGS_GENERATION_KEY, listings_generation
from healthinfo.links import plain_text
from healthinfo.models import ArticleTranslation, SearchTerm

logger = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 200
# Results beyond this many are not counted or shown ("more than 1,000 results").
MAX_RESULTS = 1000
RESULTS_CACHE_KEY = "search-results:{digest}"
RESULTS_CACHE_SECONDS = 300
MAX_TERMS = 8
SUGGEST_BELOW = 3
SNIPPET_WORDS = 30

_WORD = re.compile(r"\w+", re.UNICODE)
# ts_headline marks matches with these; they are removed from stored text, so
# after escaping the snippet they can only be ours.
_START, _STOP = "\x02", "\x03"
_MARKERS = re.compile(f"[{_START}{_STOP}]")


def query_terms(query):
    """The searchable words of ``query``: letters and digits only, at most ``MAX_TERMS``."""
    return _WORD.findall((query or "")[:MAX_QUERY_LENGTH].lower())[:MAX_TERMS]


def search_configuration(language):
    """The PostgreSQL text-search configuration for ``language`` ("simple" when unknown)."""
    return getattr(settings, "SEARCH_CONFIGURATIONS", {}).get(language, "simple")


def uses_full_text_search():
    return connection.vendor == "postgresql"


def _section_text(heading, body):
    return f"{heading}\n{html.unescape(strip_tags(plain_text(body)))}"


def refresh_search_document(translation):
    """Rebuild the stored search document and vocabulary of ``translation``."""
    rebuild_search_documents(ArticleTranslation.objects.filter(pk=translation.pk))


def rebuild_search_documents(translations=None):
    """
    Rebuild the search documents of ``translations`` (default: all) and add their
    words to the vocabulary. Set-based, for bulk imports that bypass ``save()``:
    a few queries per 500 pages, one vector update per language.
    """
    translations = ArticleTranslation.objects.all() if translations is None else translations
    pks = list(translations.values_list("pk", flat=True))
    for start in range(0, len(pks), 500):
        _rebuild_batch(pks[start : start + 500])


def _rebuild_batch(pks):
    from healthinfo.models import Section

    texts = {pk: [] for pk in pks}
    sections = (
        Section.objects.filter(translation_id__in=pks)
        .order_by("translation_id", "order", "pk")
        .values_list("translation_id", "heading", "body")
    )
    for translation_id, heading, body in sections:
        texts[translation_id].append(_section_text(heading, body))
    rows = list(
        ArticleTranslation.objects.filter(pk__in=pks).only(
            "pk", "language", "title", "alternate_names", "summary"
        )
    )
    vocabulary = set()
    for row in rows:
        row.search_text = _MARKERS.sub(" ", "\n\n".join(texts[row.pk]))
        words = _WORD.findall(
            " ".join([row.title, row.alternate_names, row.summary, row.search_text]).lower()
        )
        vocabulary.update(
            (row.language, word) for word in words if 3 <= len(word) <= 60 and not word.isdigit()
        )
    ArticleTranslation.objects.bulk_update(rows, ["search_text"], batch_size=500)
    if uses_full_text_search():
        for language in {row.language for row in rows}:
            config = search_configuration(language)
            ArticleTranslation.objects.filter(pk__in=pks, language=language).update(
                search_vector=SearchVector("title", "alternate_names", weight="A", config=config)
                + SearchVector("summary", weight="B", config=config)
                + SearchVector("search_text", weight="C", config=config)
            )
    SearchTerm.objects.bulk_create(
        [SearchTerm(language=language, word=word) for language, word in sorted(vocabulary)],
        ignore_conflicts=True,
        batch_size=1000,
    )


def search_translations(query, language):
    """Published translations in ``language`` matching ``query``, best first (a queryset)."""
    terms = query_terms(query)
    published = ArticleTranslation.objects.published().in_language(language)
    if not terms:
        return published.none()
    if uses_full_text_search():
        return _full_text(published, terms, language)
    return _portable(published, terms)


@dataclass(frozen=True)
class Matches:
    """The ids of the best matches of a query, best first, and whether there are more."""

    ids: tuple
    more: bool = False


def find(query, language):
    """
    ``Matches`` of ``query`` in ``language``: at most ``MAX_RESULTS`` ids, best first.

    One query that ranks only ids (not whole rows), cached per query until any
    article, translation or category changes (the listings generation) or for
    ``RESULTS_CACHE_SECONDS``, whichever comes first: readers search the same
    few words again and again. ``page_of_results`` then loads the page shown.
    """
    terms = query_terms(query)
    if not terms:
        return Matches(())
    asked = f"{language}\n{' '.join(terms)}".encode()
    key = RESULTS_CACHE_KEY.format(digest=hashlib.blake2b(asked, digest_size=16).hexdigest())
    try:
        found = cache.get_many([key, LISTINGS_GENERATION_KEY])
        generation = found.get(LISTINGS_GENERATION_KEY) or listings_generation()
    except Exception:
        logger.warning("Search results not cached: the cache is unavailable.", exc_info=True)
        return _matches(query, language)
    stored = found.get(key)
    if stored is not None and stored[0] == generation:
        return stored[1]
    matches = _matches(query, language)
    try:
        cache.set(key, (generation, matches), RESULTS_CACHE_SECONDS)
    except Exception:
        logger.warning("Search results not cached: the cache is unavailable.", exc_info=True)
    return matches


def _matches(query, language):
    ranked = search_translations(query, language).values_list("pk", flat=True)
    ids = tuple(ranked[: MAX_RESULTS + 1])
    return Matches(ids[:MAX_RESULTS], more=len(ids) > MAX_RESULTS)


def page_of_results(ids, query, language):
    """
    The translations with ``ids`` (one page of ``find``), in that order, each with
    ``snippet`` set. One query; pages unpublished since the search are left out.
    """
    terms = query_terms(query)
    rows = ArticleTranslation.objects.published().filter(pk__in=ids).select_related("article")
    if uses_full_text_search():
        config = search_configuration(language)
        rows = rows.annotate(
            headline=SearchHeadline(
                "search_text",
                SearchQuery(" ".join(terms), config=config, search_type="plain"),
                config=config,
                start_sel=_START,
                stop_sel=_STOP,
                max_words=SNIPPET_WORDS,
                min_words=12,
                max_fragments=2,
                fragment_delimiter=" … ",
            )
        )
    by_id = {row.pk: row for row in rows}
    results = [by_id[pk] for pk in ids if pk in by_id]
    for translation in results:
        translation.snippet = snippet(translation, terms)
    return results


def _full_text(published, terms, language):
    config = search_configuration(language)
    search_query = SearchQuery(" ".join(terms), config=config, search_type="plain")
    return (
        published.filter(search_vector=search_query)
        .annotate(rank=SearchRank(F("search_vector"), search_query))
        .select_related("article")
        .order_by("-rank", "title", "pk")
    )


def _portable(published, terms):
    matches = Q()
    in_names = Q()
    for term in terms:
        names = Q(title__icontains=term) | Q(alternate_names__icontains=term)
        matches &= names | Q(summary__icontains=term) | Q(search_text__icontains=term)
        in_names &= names
    return (
        published.filter(matches)
        .annotate(
            name_match=Case(
                When(in_names, then=Value(1)), default=Value(0), output_field=IntegerField()
            )
        )
        .select_related("article")
        .order_by("-name_match", "title", "pk")
    )


def snippet(translation, terms):
    """A short, escaped extract of ``translation``'s text with the query's words in <mark>."""
    headline = getattr(translation, "headline", None)
    if headline is not None:
        marked = escape(headline)
        return mark_safe(marked.replace(_START, "<mark>").replace(_STOP, "</mark>"))
    return _portable_snippet(translation.search_text or translation.summary, terms)


def _portable_snippet(text, terms):
    words = text.split()
    if not words:
        return ""
    lowered = [word.lower() for word in words]
    start = next((i for i, word in enumerate(lowered) if any(term in word for term in terms)), 0)
    start = max(0, start - 5)
    extract = words[start : start + SNIPPET_WORDS]
    pattern = re.compile("|".join(re.escape(term) for term in terms), re.IGNORECASE)
    marked = " ".join(_mark(word, pattern) for word in extract)
    prefix = "… " if start else ""
    suffix = " …" if start + SNIPPET_WORDS < len(words) else ""
    return mark_safe(f"{prefix}{marked}{suffix}")


def _mark(word, pattern):
    """``word`` escaped, with the parts matching ``pattern`` in <mark>."""
    pieces, position = [], 0
    for match in pattern.finditer(word):
        pieces.append(escape(word[position : match.start()]))
        pieces.append(f"<mark>{escape(match.group(0))}</mark>")
        position = match.end()
    pieces.append(escape(word[position:]))
    return "".join(pieces)


def suggest(terms, language):
    """
    The query with each word replaced by the closest word the site uses, or ""
    when nothing closer is known. One query.
    """
    if not terms:
        return ""
    if uses_full_text_search():
        # The % operator (trigram_similar) uses the trigram GIN index; similarity() alone cannot.
        similar = Q()
        for term in terms:
            similar |= Q(word__trigram_similar=term)
        candidates = (
            SearchTerm.objects.filter(similar, language=language)
            .annotate(
                similarity=Greatest(
                    *[TrigramSimilarity("word", term) for term in terms], Value(0.0)
                )
            )
            .filter(similarity__gt=0.3)
            .order_by("-similarity")
            .values_list("word", flat=True)[:200]
        )
        # The annotation is each word's best similarity; pick the best per term below.
        vocabulary = list(candidates)
    else:
        starts = Q()
        for term in terms:
            starts |= Q(word__startswith=term[:2])
        vocabulary = list(
            SearchTerm.objects.filter(starts, language=language).values_list("word", flat=True)[
                :5000
            ]
        )
    known = set(vocabulary)
    suggested = []
    for term in terms:
        if term in known:
            suggested.append(term)
            continue
        close = difflib.get_close_matches(term, vocabulary, n=1, cutoff=0.6)
        suggested.append(close[0] if close else term)
    return " ".join(suggested) if suggested != terms else ""
