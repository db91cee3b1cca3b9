"""
Words as search sees them: tokens, stop words, stems and spelling similarity.

PostgreSQL stems documents and queries with its text-search configurations
(``english``, ``spanish``: Snowball stemmers and Snowball stop-word lists).
Everything search does in Python (the portable ranking on SQLite, the
lay-term dictionary, highlighting in extracts, spelling suggestions) uses the
same Snowball stemmers (PyStemmer) and the same stop-word lists (copied from
PostgreSQL's ``tsearch_data``, see ``stopwords/``), so a word is the same word
on both databases.
"""

import re
import unicodedata
from functools import cache, lru_cache
from pathlib import Path

import Stemmer

STOPWORDS_DIR = Path(__file__).resolve().parent / "stopwords"
# The Snowball algorithm (and the stop-word list) of each site language.
STEMMERS = {"en": "english", "es": "spanish"}

# Letters and digits; hyphenated words are split (and also joined, see ``tokens``).
_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*", re.UNICODE)
MAX_WORD_LENGTH = 60


def fold(text):
    """``text`` lowercased, without accents and with compatibility forms unified."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def tokens(text):
    """
    The words of ``text`` in order, lowercased (accents kept).

    A hyphenated word gives its parts and the parts joined ("pre-eclampsia":
    "pre", "eclampsia", "preeclampsia"), so both spellings find each other.
    """
    words = []
    for match in _WORD.finditer(text.lower()):
        word = match.group(0)
        if "-" in word:
            parts = [part for part in word.split("-") if part]
            words.extend(parts)
            words.append("".join(parts))
        else:
            words.append(word)
    return [word[:MAX_WORD_LENGTH] for word in words]


_APOSTROPHE = re.compile(r"(?<=\w)['’](?=\w)")


def query_words(text):
    """
    The words of a query in order, lowercased; a hyphenated word stays one word
    and apostrophes inside a word go ("can't" is "cant", as readers often type it).
    """
    text = _APOSTROPHE.sub("", text.lower())
    return [match.group(0)[:MAX_WORD_LENGTH] for match in _WORD.finditer(text)]


def joined(word):
    """A hyphenated word written as one ("pre-eclampsia" → "preeclampsia")."""
    return word.replace("-", "")


@cache
def stop_words(language):
    """The stop words of ``language`` (folded), as PostgreSQL's configuration drops them."""
    name = STEMMERS.get(language)
    if name is None:
        return frozenset()
    lines = (STOPWORDS_DIR / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(fold(line.strip()) for line in lines if line.strip())


def all_stop_words():
    """Words that are stop words in any site language (a query may be in either)."""
    return frozenset().union(*(stop_words(language) for language in STEMMERS))


@cache
def _stemmer(language):
    return Stemmer.Stemmer(STEMMERS.get(language, "porter"))


@lru_cache(maxsize=65536)
def stem(word, language):
    """The Snowball stem of ``word`` in ``language``, accents folded."""
    return fold(_stemmer(language).stemWord(word))


def stems(text, language):
    """The stems of the words of ``text`` that are not stop words, in order."""
    stopped = stop_words(language)
    return [stem(word, language) for word in tokens(text) if fold(word) not in stopped]


def trigrams(word):
    """The trigrams of ``word`` as pg_trgm makes them (two spaces before, one after)."""
    padded = f"  {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def similarity(first, second):
    """pg_trgm's ``similarity()``: shared trigrams over all trigrams of the two words."""
    a, b = trigrams(first), trigrams(second)
    return len(a & b) / len(a | b) if a and b else 0.0
