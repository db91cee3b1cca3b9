"""
Extracts under each search result: the best passage of the best section(s),
introduced by the section's heading, with every word of the query marked.

A word is marked when its stem is one of the query's stems (its dictionary
terms and cognates included), so "weak cervix" marks "weak" and "cervix",
"itchy" marks "itching", "cuellos" marks "cuello". Computed in Python from the
stored section text on every database, escaped before marking.
"""

import html
import re
from dataclasses import dataclass
from functools import lru_cache

from django.utils.safestring import mark_safe

from .analysis import fold, joined, stem, stop_words

EXTRACT_WORDS = 30
MAX_FRAGMENTS = 2
_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*", re.UNICODE)


@dataclass(frozen=True)
class Fragment:
    """One passage: the heading of its section ("" for the summary) and marked, escaped text."""

    heading: str
    html: str


class Marker:
    """Tells which words of a text to mark for a set of stems in one language."""

    def __init__(self, query_stems, language):
        self.stems = frozenset(query_stems)
        self.language = language
        self._seen = {}

    def matches(self, word):
        """The stem ``word`` contributes to the query, or None."""
        try:
            return self._seen[word]
        except KeyError:
            key = word.lower()
            found = self._seen[word] = self._seen[key] = self._stem_of(key)
            return found

    def _stem_of(self, word):
        for found in _candidate_stems(word, self.language):
            if found in self.stems:
                return found
        return None


@lru_cache(maxsize=65536)
def _candidate_stems(word, language):
    """The stems a lower-case ``word`` may stand for (none for a stop word); shared by requests."""
    stopped = stop_words(language)
    if word in stopped or fold(word) in stopped:
        return ()
    return tuple(dict.fromkeys(stem(candidate, language) for candidate in (word, joined(word))))


def _words(text):
    return list(_WORD.finditer(text))


def escape(text):
    # Django's escape() without its lazy-string wrapper (the same characters);
    # called a few hundred times a results page. The fragments are marked safe once.
    return html.escape(text)


def _mark(text, start, end, marker, words):
    """``text[start:end]`` escaped, with the words that match ``marker`` in <mark>."""
    pieces, position = [], start
    for match in words:
        if match.end() <= start or match.start() >= end:
            continue
        word = match.group(0)
        spans = []
        if marker.matches(word) is not None:
            spans.append((match.start(), match.end()))
        elif "-" in word:
            offset = match.start()
            for part in word.split("-"):
                if part and marker.matches(part) is not None:
                    spans.append((offset, offset + len(part)))
                offset += len(part) + 1
        for span_start, span_end in spans:
            pieces.append(escape(text[position:span_start]))
            pieces.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
            position = span_end
    pieces.append(escape(text[position:end]))
    return "".join(pieces)


def _best_window(words, hits):
    """The index of the first word of the ``EXTRACT_WORDS`` window with the most distinct stems."""
    best_start, best_key = 0, (-1, 0)
    for first in hits:
        start = max(0, first - 4)
        inside = {
            words_stem
            for index, words_stem in hits.items()
            if start <= index < start + EXTRACT_WORDS
        }
        key = (len(inside), -start)
        if key > best_key:
            best_start, best_key = start, key
    return best_start


def _matched_words(text, marker):
    """
    Each word of ``text`` (as written) that matches, with the stem it stands
    for (a hyphenated word by its first matching part). Every distinct word is
    looked up once: a section repeats its words, and most have none of the query's.
    """
    matched = {}
    for word in set(_WORD.findall(text)):
        found = marker.matches(word)
        if found is None and "-" in word:
            found = next(
                (marker.matches(part) for part in word.split("-") if marker.matches(part)), None
            )
        if found is not None:
            matched[word] = found
    return matched


def _fragment(heading, body, marker):
    """``hits`` (word index -> stem, the indices of ``_words(body)``) and the heading's stems."""
    heading_hits = {marker.matches(match.group(0)) for match in _words(heading)} - {None}
    matched = _matched_words(body, marker)
    if not matched:
        # Most sections of a long page have none of the query's words: no positions needed.
        return {}, heading_hits
    hits = {
        index: matched[word] for index, word in enumerate(_WORD.findall(body)) if word in matched
    }
    return hits, heading_hits


def extract(sections, summary, query_stems=(), language=None, *, marker=None):
    """
    At most ``MAX_FRAGMENTS`` ``Fragment``s from ``sections`` ((heading, text)
    pairs), best first; the marked summary when no section has a query word.
    ``marker`` (for ``query_stems`` in ``language``) may be shared by the
    results of one page.
    """
    marker = marker or Marker(query_stems, language)
    scored = []
    for order, (heading, body) in enumerate(sections):
        hits, heading_hits = _fragment(heading, body, marker)
        if not hits and not heading_hits:
            continue
        distinct = set(hits.values()) | heading_hits
        scored.append(((len(distinct), len(hits)), -order, heading, body, hits, distinct))
    scored.sort(key=lambda item: (item[0], item[1]), reverse=True)
    fragments, covered = [], set()
    for _key, _order, heading, body, hits, distinct in scored:
        if fragments and distinct <= covered:
            continue  # a second passage only when it shows other words of the query
        fragments.append(
            Fragment(
                _mark(heading, 0, len(heading), marker, _words(heading)),
                # Word positions for the passages shown only.
                _passage(body, _words(body), hits, marker),
            )
        )
        covered |= distinct
        if len(fragments) == MAX_FRAGMENTS:
            break
    if not fragments and summary:
        fragments.append(Fragment("", _passage(summary, _words(summary), {}, marker)))
    return [Fragment(mark_safe(f.heading), mark_safe(f.html)) for f in fragments]


def _passage(body, words, hits, marker):
    if not words:
        return ""
    start_word = _best_window(words, hits) if hits else 0
    end_word = min(len(words), start_word + EXTRACT_WORDS)
    start = words[start_word].start() if start_word else 0
    end = words[end_word - 1].end() if end_word < len(words) else len(body)
    if end < len(body) and end_word < len(words):
        # Finish on the punctuation that closes the last word, if any.
        trailing = re.match(r"[^\w\s]*", body[end:])
        end += len(trailing.group(0)) if trailing else 0
    text = _mark(body, start, end, marker, words)
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(body) else ""
    return f"{prefix}{text}{suffix}"
