"""
A reader's query as search understands it: concepts with alternatives.

"itchy palms at night" becomes three *concepts*: [itchy | itching | itch],
[palms], [night]. A page matches a concept when it has any of its
alternatives (a multi-word alternative needs all its words), and a page that
matches every concept is a *complete* match. Alternatives come from:

- the reader's own words, searched in every language (names such as
  "preeclampsia" or "placenta previa" are the same in English and Spanish);
- the lay-term dictionary (``LayTerm``) of the site language and of the other
  language (a reader on /es/ may write English): its terms for pages in the
  dictionary's language, and its translations for pages in the other one;
- for pages in another language than the reader's, the closest words of that
  language's vocabulary to a word it does not know ("colestasis" →
  "cholestasis"), so cognates cross the language line.

Stop words of either language ("what", "the", "de", "mi") are not concepts.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection

from healthinfo.models import LayTerm, SearchTerm

from .analysis import all_stop_words, fold, joined, query_words, similarity, stem

MAX_QUERY_LENGTH = 200
MAX_CONCEPTS = 8
MAX_ALTERNATIVES = 12
# A word of the other language counts as the same word (a cognate) from here.
COGNATE_SIMILARITY = 0.5
COGNATE_MIN_LENGTH = 5
# A spelling suggestion must be at least this close (pg_trgm's similarity).
SUGGESTION_SIMILARITY = 0.4
SUGGESTION_MIN_LENGTH = 4
CANDIDATES_PER_WORD = 12


def site_languages():
    return [code for code, _name in settings.LANGUAGES]


def other_languages(language):
    return [code for code in site_languages() if code != language]


@dataclass
class Concept:
    """One thing the reader asked for: her words and what may stand for them, per language."""

    words: tuple
    alternatives: dict = field(default_factory=dict)  # language -> list of phrases
    from_dictionary: bool = False
    entry_languages: frozenset = frozenset()  # languages of the dictionary entries it matched
    # A filler word or a number: it adds to a page's rank but no page needs it.
    optional: bool = False

    def add(self, language, phrase):
        phrases = self.alternatives.setdefault(language, [])
        if phrase not in phrases and len(phrases) < MAX_ALTERNATIVES:
            phrases.append(phrase)

    def phrases(self, language):
        return self.alternatives.get(language, [])


@dataclass
class ParsedQuery:
    """The concepts of a query, and the reader's words the site does not know."""

    text: str
    language: str
    words: tuple  # every word typed, stop words included, in order
    concepts: list
    unknown: tuple = ()  # words found in no vocabulary and no dictionary
    known: frozenset = frozenset()  # folded words known in some language or the dictionary
    # The language the words are written in, as far as the vocabularies tell:
    # a reader on /en/ may type Spanish ("cuello uterino").
    written_in: str = ""

    @property
    def required(self):
        """The concepts a complete match must have (all but the optional ones)."""
        return [concept for concept in self.concepts if not concept.optional]

    def phrases(self, language):
        """Per required concept, the phrases to search in pages of ``language``."""
        return [concept.phrases(language) for concept in self.required]

    def optional_phrases(self, language):
        """The phrases of the optional concepts (they only add to the rank)."""
        return [
            phrase
            for concept in self.concepts
            if concept.optional
            for phrase in concept.phrases(language)
        ]


@dataclass(frozen=True)
class Entry:
    language: str
    stems: tuple
    means: tuple
    other: tuple


class Dictionary:
    """The lay-term dictionary, compiled for matching (stems of each phrase, per language)."""

    def __init__(self, terms):
        self.entries = {}  # language -> {stems tuple: [Entry, ...]}
        self.longest = 1
        self.reader_words = set()
        for term in terms:
            for phrase in term.word_list:
                phrase_stems = tuple(_content_stems(phrase, term.language))
                if not phrase_stems:
                    continue
                self.longest = max(self.longest, len(phrase_stems))
                self.reader_words.update(fold(joined(word)) for word in query_words(phrase))
                entry = Entry(
                    term.language,
                    phrase_stems,
                    tuple(term.means_list),
                    tuple(term.other_language_list),
                )
                self.entries.setdefault(term.language, {}).setdefault(phrase_stems, []).append(
                    entry
                )

    def match(self, words, start, language):
        """The longest dictionary phrase of ``language`` at ``words[start:]``: (length, entries)."""
        table = self.entries.get(language)
        if not table:
            return 0, []
        for length in range(min(self.longest, len(words) - start), 0, -1):
            key = tuple(stem(word, language) for word in words[start : start + length])
            if key in table:
                return length, table[key]
        return 0, []


def _content_stems(phrase, language):
    stopped = all_stop_words()
    return [stem(word, language) for word in query_words(phrase) if fold(word) not in stopped]


def load_dictionary():
    """The whole dictionary, compiled (one query)."""
    return Dictionary(LayTerm.objects.all())


# Words readers add to a query that say nothing about which page they need
# ("baby not moving as *much*", "bleeding at *30* weeks"). They stay in the
# query when nothing else is left; otherwise no page needs them.
_FILLER = """
    much many lot lots really bit little always usually still since ago today tonight
    yesterday tomorrow now anything something everything thing things ok okay please
    help worried worry normal mean meaning happen happening happened know need get got
    getting keep kept feel feels felt like also even just ever
    mucho mucha muchos muchas poco hoy ayer ahora algo cosa cosas normal ayuda
    preocupada preocupado pasa pasar significa necesito siento noto notar sigue siempre
"""
FILLER_WORDS = frozenset(fold(word) for word in _FILLER.split())


def content_words(query):
    """The words of ``query`` that can be concepts (no stop words), at most ``MAX_CONCEPTS``×2."""
    stopped = all_stop_words()
    return [word for word in query_words(query) if fold(word) not in stopped][: MAX_CONCEPTS * 2]


def is_filler(word):
    """A number or a filler word: it cannot tell pages apart."""
    return word.isdigit() or fold(word) in FILLER_WORDS


def parse(query, language, dictionary, vocabulary=None):
    """
    ``query`` as concepts, expanded with ``dictionary``.

    ``vocabulary`` (from ``lookup_vocabulary``) adds cognates from the other
    languages and tells which words nobody uses; without it, neither.
    """
    query = (query or "")[:MAX_QUERY_LENGTH]
    words = content_words(query)
    languages = [language, *other_languages(language)]
    concepts = []
    position = 0
    while position < len(words) and len(concepts) < MAX_CONCEPTS:
        length, entries = 0, []
        for dictionary_language in languages:
            found_length, found = dictionary.match(words, position, dictionary_language)
            if found_length > length:
                length, entries = found_length, list(found)
            elif found_length and found_length == length:
                entries += found
        length = max(length, 1)
        typed = tuple(words[position : position + length])
        concept = Concept(
            words=typed,
            from_dictionary=bool(entries),
            entry_languages=frozenset(entry.language for entry in entries),
        )
        for page_language in languages:
            concept.add(page_language, " ".join(typed))
            if len(typed) == 1 and "-" in typed[0]:
                concept.add(page_language, joined(typed[0]))
        for entry in entries:
            for term in entry.means:
                concept.add(entry.language, term)
            for other_language in other_languages(entry.language):
                for term in entry.other:
                    concept.add(other_language, term)
        concepts.append(concept)
        position += length
    for concept in concepts:
        concept.optional = not concept.from_dictionary and all(
            is_filler(word) for word in concept.words
        )
    if all(concept.optional for concept in concepts):
        for concept in concepts:
            concept.optional = False
    parsed = ParsedQuery(
        text=query,
        language=language,
        words=tuple(query_words(query)),
        concepts=concepts,
    )
    if vocabulary is not None:
        _add_cognates(parsed, vocabulary, dictionary)
    return parsed


def _add_cognates(parsed, vocabulary, dictionary):
    unknown = []
    known = set(dictionary.reader_words)
    evidence = dict.fromkeys(site_languages(), 0)
    for concept in parsed.concepts:
        if len(concept.entry_languages) == 1:
            (language,) = concept.entry_languages
            evidence[language] = evidence.get(language, 0) + len(concept.words)
        for word in concept.words:
            folded = fold(joined(word))
            found = vocabulary.get(joined(word), {})
            known_in = [lang for lang in site_languages() if found.get(lang, {}).get("known")]
            if len(known_in) == 1 and not concept.entry_languages:
                evidence[known_in[0]] += 1
            in_pages = bool(known_in)
            if in_pages or folded in dictionary.reader_words or word.isdigit():
                known.add(folded)
            else:
                unknown.append(word)
            if len(word) < COGNATE_MIN_LENGTH or concept.from_dictionary:
                continue
            for other_language in other_languages(parsed.language):
                candidates = found.get(other_language, {})
                if candidates.get("known"):
                    continue
                for candidate, score in candidates.get("close", [])[:2]:
                    if score >= COGNATE_SIMILARITY:
                        concept.add(other_language, candidate)
    parsed.unknown = tuple(unknown)
    parsed.known = frozenset(known)
    best = max(evidence.values(), default=0)
    if best and evidence.get(parsed.language, 0) < best:
        parsed.written_in = max(evidence, key=lambda language: (evidence[language], language))
    else:
        parsed.written_in = parsed.language


def lookup_vocabulary(words):
    """
    For each of ``words``: per language, whether the pages use it ("known") and
    the closest words they use ("close": [(word, similarity)], best first). One query.
    """
    words = sorted({joined(word) for word in words if not word.isdigit()})
    result = {word: {} for word in words}
    if not words:
        return result
    if connection.vendor == "postgresql":
        rows = _candidates_postgres(words)
    else:
        rows = _candidates_portable(words)
    for word, language, candidate in rows:
        entry = result[word].setdefault(language, {"known": False, "close": []})
        if fold(candidate) == fold(word):
            entry["known"] = True
        else:
            entry["close"].append((candidate, similarity(fold(word), fold(candidate))))
    for languages in result.values():
        for entry in languages.values():
            entry["close"].sort(key=lambda pair: (-pair[1], len(pair[0]), pair[0]))
    return result


def _candidates_postgres(words):
    # The % operator (similarity above pg_trgm's threshold, 0.3) uses the trigram
    # GIN index; the best few per word and language are kept. A word the pages
    # of a language use is looked up there by equality only: its close words
    # are never read (cognates and corrections are for words a language lacks),
    # and the trigram scan of a common word ("headache") took several ms.
    table = SearchTerm._meta.db_table
    sql = f"""
        SELECT asked.word, languages.language, found.word
        FROM unnest(%s::text[]) AS asked(word)
        CROSS JOIN unnest(%s::text[]) AS languages(language)
        CROSS JOIN LATERAL (
            SELECT word FROM {table}
            WHERE language = languages.language AND word = asked.word
            UNION ALL
            (SELECT word FROM {table}
             WHERE language = languages.language AND word %% asked.word
               AND NOT EXISTS (
                   SELECT FROM {table}
                   WHERE language = languages.language AND word = asked.word
               )
             ORDER BY similarity(word, asked.word) DESC, word
             LIMIT %s)
        ) AS found
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [words, site_languages(), CANDIDATES_PER_WORD])
        return cursor.fetchall()


def _candidates_portable(words):
    # Development databases are small: compare with every word of the vocabulary.
    rows = []
    vocabulary = list(SearchTerm.objects.values_list("language", "word"))
    for word in words:
        folded = fold(word)
        scored = {}
        for language, candidate in vocabulary:
            score = similarity(folded, fold(candidate))
            if score >= 0.3 or candidate == word:
                scored.setdefault(language, []).append((score, candidate))
        for language, candidates in scored.items():
            candidates.sort(key=lambda pair: (-pair[0], pair[1]))
            rows += [(word, language, candidate) for _s, candidate in candidates[:12]]
    return rows


def suggestion(parsed, vocabulary):
    """
    The query with each unknown word replaced by the closest word that some page
    uses, in any language ("" when no word can be corrected). Words nobody uses
    and nothing resembles are left out: a suggestion never offers a non-word.
    """
    if not parsed.unknown:
        return ""
    unknown = set(parsed.unknown)
    suggested, replaced = [], False
    for word in parsed.words:
        if word not in unknown:
            suggested.append(word)
            continue
        best = None
        word = joined(word)
        if len(word) >= SUGGESTION_MIN_LENGTH:
            languages = [parsed.language, *other_languages(parsed.language)]
            for rank, language in enumerate(languages):
                for candidate, score in vocabulary.get(word, {}).get(language, {}).get("close", []):
                    key = (score, -rank)
                    if score >= SUGGESTION_SIMILARITY and (best is None or key > best[0]):
                        best = (key, candidate)
        if best is not None:
            suggested.append(best[1])
            replaced = True
    # Leaving a word out is no spelling suggestion: partial matches show that.
    if not replaced or not any(word not in all_stop_words() for word in suggested):
        return ""
    return " ".join(suggested)
