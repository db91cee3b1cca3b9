"""
Article search, in readers' own words and across languages.

``search(query, language)`` is the whole search as readers see it (an
``Outcome``): the query is parsed into concepts and expanded with the
lay-term dictionary (``query``), pages are ranked in the reader's language and
in the other site language (``ranking``), and when nothing matches every word,
the closest words the pages use, in either language, correct the query. The
outcome is cached per query until any article, translation, section, category
or dictionary entry changes (the listings generation) or for five minutes.
``results_page`` then loads the page shown, with extracts (``extracts``).

Modules: ``analysis`` (tokens, stop words, Snowball stems, trigram
similarity), ``documents`` (the stored ``SearchDocument`` per translation),
``query``, ``ranking``, ``extracts``, ``report`` (hit rates on a labelled set).
"""

import hashlib
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from healthinfo.cache import LISTINGS_GENERATION_KEY
from healthinfo.models import SearchDocument
from healthinfo.pagecache import generations

from .analysis import query_words, stems
from .documents import rebuild_search_documents, refresh_search_document, refresh_search_heads
from .extracts import Marker, extract
from .query import (
    MAX_QUERY_LENGTH,
    content_words,
    load_dictionary,
    lookup_vocabulary,
    other_languages,
    parse,
    suggestion,
)
from .ranking import rank, result_rows

logger = logging.getLogger(__name__)

__all__ = [
    "MAX_QUERY_LENGTH",
    "MAX_RESULTS",
    "Group",
    "Outcome",
    "Result",
    "rebuild_search_documents",
    "refresh_search_document",
    "refresh_search_heads",
    "results_page",
    "search",
]

# Results beyond this many are not counted or shown ("more than 1,000 results").
MAX_RESULTS = 1000
# With this many pages matching every word, pages matching only some are not shown.
ENOUGH_COMPLETE = 3
OTHER_LANGUAGE_RESULTS = 5
RESULTS_CACHE_KEY = "search:{digest}"


@dataclass(frozen=True)
class Group:
    """Ranked results in one language: ``complete`` of ``ids`` (the first ones) match every word."""

    language: str
    ids: tuple = ()
    complete: int = 0
    more: bool = False
    by_name: bool = False  # the first result has every concept in its title or alternate names
    written_in: bool = False  # the query is written in this group's language
    best: int = 0  # how many of the query's concepts the first result matches
    best_in_head: int = 0  # how many the first result has in its title, names or summary


@dataclass(frozen=True)
class Outcome:
    """What a search shows: results in the reader's language and in the other one."""

    query: str  # the words searched: the reader's, or the correction shown instead
    language: str
    results: Group
    other: Group
    other_first: bool = False  # the other language's results are the better answer
    corrected_from: str = ""  # the reader's words, when the results are for a correction
    suggestion: str = ""  # "Did you mean …?": a query that finds more (checked)
    highlights: dict = field(default_factory=dict)  # language -> stems to mark

    @property
    def has_words(self):
        return bool(query_words(self.query))

    def shown_ids(self):
        """Translation ids in the order a reader sees them on the first page (both groups)."""
        first = self.results.ids
        second = self.other.ids[:OTHER_LANGUAGE_RESULTS]
        return (*second, *first) if self.other_first else (*first, *second)


def _empty(query, language):
    other = other_languages(language)
    return Outcome(query, language, Group(language), Group(other[0] if other else language))


def search(query, language, *, correct=True):
    """
    The ``Outcome`` of ``query`` for a reader of ``language`` (cached). With
    ``correct`` off, the reader's words are searched as typed, never replaced.
    """
    query = " ".join((query or "")[:MAX_QUERY_LENGTH].split())
    if not content_words(query):
        return _empty(query, language)
    digest = hashlib.blake2b(
        f"{language}\n{correct}\n{query.lower()}".encode(), digest_size=16
    ).hexdigest()
    key = RESULTS_CACHE_KEY.format(digest=digest)
    keep_for = settings.SEARCH_RESULTS_CACHE_SECONDS
    if not keep_for:
        return _search(query, language, dictionary(), correct)
    try:
        found = cache.get_many([key, LISTINGS_GENERATION_KEY])
        generation = found.get(LISTINGS_GENERATION_KEY) or _listings_token()
    except Exception:
        logger.warning("Search results not cached: the cache is unavailable.", exc_info=True)
        return _search(query, language, dictionary(), correct)
    stored = found.get(key)
    if stored is not None and stored[0] == generation:
        return stored[1]
    outcome = _search(query, language, dictionary(), correct)
    try:
        cache.set(key, (generation, outcome), keep_for)
    except Exception:
        logger.warning("Search results not cached: the cache is unavailable.", exc_info=True)
    return outcome


_dictionary = {"version": None, "compiled": None}


def _listings_token():
    # As a shared page does: a token read in the last moment is current enough.
    found = generations.current([LISTINGS_GENERATION_KEY], recent=True)
    return found[LISTINGS_GENERATION_KEY].token


def dictionary():
    """
    The compiled lay-term dictionary, kept in this process while the listings
    cache generation stays the same (every change to an entry replaces it,
    ``healthinfo.signals``): compiling takes tens of milliseconds, so it must
    not happen per search, and checking costs no query of its own.
    """
    version = _listings_token()
    if _dictionary["version"] != version:
        _dictionary.update(version=version, compiled=load_dictionary())
    return _dictionary["compiled"]


def _search(query, language, compiled, correct=True):
    vocabulary = lookup_vocabulary(content_words(query))
    parsed = parse(query, language, compiled, vocabulary)
    results, other = _groups(parsed)
    outcome = Outcome(
        query, language, results, other, _other_first(results, other), highlights=_stems(parsed)
    )
    if results.complete >= ENOUGH_COMPLETE or not correct:
        return outcome
    corrected = suggestion(parsed, vocabulary)
    if not corrected or corrected.lower() == query.lower():
        return outcome
    parsed_correction = parse(corrected, language, compiled)
    better_results, better_other = _groups(parsed_correction)
    if not (better_results.complete or better_other.complete):
        return outcome
    if results.complete or other.complete:
        # Something matches as typed: show it, and offer the correction.
        return Outcome(**{**outcome.__dict__, "suggestion": corrected})
    return Outcome(
        corrected,
        language,
        better_results,
        better_other,
        _other_first(better_results, better_other),
        corrected_from=query,
        highlights=_stems(parsed_correction),
    )


def _groups(parsed):
    """The ranked results in the reader's language and in the other one. Two queries."""
    language = parsed.language
    needed = len(parsed.required)
    found = rank(
        parsed.phrases(language), language, MAX_RESULTS + 1, parsed.optional_phrases(language)
    )
    complete = [match for match in found if match.coverage >= needed]
    results = _group(language, found, len(complete), keep_partial=len(complete) < ENOUGH_COMPLETE)
    others = other_languages(language)
    if not others or (
        len(complete) >= ENOUGH_COMPLETE and complete[0].by_name and parsed.written_in == language
    ):
        # Pages named by the reader's words in her own language: the other
        # language has nothing to add (and searching it would double the cost).
        return results, Group(others[0] if others else language)
    # A page found in the reader's language is not repeated in the other one,
    # unless she wrote in the other language: then its pages are what she wants.
    in_other_language = parsed.written_in == others[0]
    found_articles = set() if in_other_language else {match.article_id for match in complete}
    other_found = [
        match
        for match in rank(
            parsed.phrases(others[0]),
            others[0],
            MAX_RESULTS + 1,
            parsed.optional_phrases(others[0]),
            # Its partial matches are shown only when her language has no complete one.
            partial=not complete,
        )
        if match.article_id not in found_articles
    ]
    other_complete = sum(1 for match in other_found if match.coverage >= needed)
    other = _group(
        others[0],
        other_found,
        other_complete,
        # Pages in the other language matching only some words are noise next to
        # pages in the reader's own language.
        keep_partial=not complete and not other_complete,
        written_in=in_other_language,
    )
    return results, other


def _group(language, matches, complete, *, keep_partial, written_in=False):
    shown = matches if keep_partial else matches[:complete]
    return Group(
        language,
        ids=tuple(match.translation_id for match in shown[:MAX_RESULTS]),
        complete=min(complete, MAX_RESULTS),
        more=len(shown) > MAX_RESULTS,
        by_name=bool(shown) and shown[0].by_name and complete > 0,
        written_in=written_in,
        best=shown[0].coverage if shown else 0,
        best_in_head=shown[0].in_head if shown else 0,
    )


def _other_first(results, other):
    """
    The other language's pages come first when they answer the query better:
    it is written in that language, or they match more of its words, or they
    name them (title or alternate names) or sum them up (summary) where the
    reader's language only mentions them.
    """
    if not other.ids:
        return False
    if other.best != results.best:
        return other.best > results.best
    if not other.complete:
        return False
    if other.written_in:
        return True
    return (other.by_name, other.best_in_head) > (results.by_name, results.best_in_head)


def _stems(parsed):
    """Per language, the stems of every phrase searched there (what extracts mark)."""
    highlights = {}
    for language in (parsed.language, *other_languages(parsed.language)):
        words = set()
        for phrases in parsed.phrases(language):
            for phrase in phrases:
                words.update(stems(phrase, language))
        highlights[language] = frozenset(words)
    return highlights


@dataclass
class Result:
    """One search result as the page shows it: a published translation, its link and extracts."""

    pk: int
    language: str
    title: str
    summary: str
    alternate_names: str  # joined with "; "
    url: str
    fragments: list
    complete: bool  # it matches every word
    foreign: bool  # in another language than the page's


def results_page(ids, outcome, language):
    """
    The ``Result``s of the published translations with ``ids`` (a page of an
    outcome's group), in that order. One query; pages unpublished since the
    search are left out.
    """
    group = outcome.results if language == outcome.language else outcome.other
    complete = set(group.ids[: group.complete])
    by_id = {row[0]: row for row in result_rows(ids)} if ids else {}
    # One marker for the page: the results share most of their words, each
    # looked up once.
    marker = Marker(outcome.highlights.get(language, ()), language)
    shown = []
    foreign = language != translation.get_language()
    with translation.override(language):
        address = reverse("healthinfo:article", kwargs={"slug": _SLUG})
    for pk in ids:
        row = by_id.get(pk)
        if row is None:
            continue
        _pk, row_language, title, summary, alternate_names, slug, text = row
        sections = list(SearchDocument(text=text).sections()) if text else []
        shown.append(
            Result(
                pk,
                row_language,
                title,
                summary,
                "; ".join(name.strip() for name in alternate_names.splitlines() if name.strip()),
                address.replace(_SLUG, slug),
                extract(sections, summary, marker=marker),
                pk in complete,
                foreign,
            )
        )
    return shown


# The article address is reversed once per page with this stand-in for the slug,
# which each result's slug then replaces (reverse() per result cost more than its row).
_SLUG = "0slug0"
