"""
Red-flag triage: does a reader's question suggest they may need urgent care?

The phrase lists live in ``settings.QUESTIONS_RED_FLAGS`` ({language: [phrase, ...]}).
Matching is deliberately forgiving, because a missed emergency costs far more
than an extra alert:

- case and accents are ignored ("Sangrado", "bebé" = "bebe");
- simple word forms match (each language has a tiny suffix stemmer, applied to
  both the phrase and the question: "bleeding" = "bleeds", "movimientos" =
  "movimiento");
- up to ``MAX_GAP`` words may sit between the words of a phrase ("my waters
  have just broken" matches "waters broken").

It is deliberately cautious about negation: a phrase is skipped only when a
negation word comes just before it in the same clause, with nothing between
them but filler words ("no bleeding", "I haven't had any bleeding", "sin
sangrado", "no tengo fiebre"). Anything else ("I can't stop bleeding", "I'm not
sure if I'm bleeding") still matches.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings

MAX_GAP = 2
NEGATION_REACH = 3

# Words that end a clause: a negation before them does not reach after them.
_CLAUSE_BREAK = re.compile(r"[.!?;:,()\[\]\n\r]+|\b(?:but|however|although|pero|aunque)\b")
_WORD = re.compile(r"[a-z0-9]+")
_BARE_CONTRACTION = re.compile(
    r"\b(has|have|had|did|does|do|ca|is|was|are|were|could|would|should|wo)nt\b"
)

NEGATIONS = {
    "en": frozenset({"no", "not", "never", "without", "nor", "none", "neither"}),
    "es": frozenset({"no", "sin", "nunca", "ni", "tampoco", "ningun", "ninguna", "nada"}),
}


def _words(text):
    return frozenset(text.split())


# Words that may stand between a negation and the phrase it negates.
FILLERS = {
    "en": _words(
        "a an the any some more much further new real signs sign of or and "
        "have has had been is was are were there be "
        "pain cramps cramping spotting discharge vaginal heavy"
    ),
    "es": _words(
        "he ha hay habido tenido tengo tiene tuve mas de del el la los las un una "
        "y o ni ningun ninguna nada dolor manchado perdidas sintomas signos senales"
    ),
}

# One strip per round, two rounds at most, and a stem keeps at least three letters.
_SUFFIXES = {
    "en": ("ings", "ing", "edly", "ed", "es", "s", "ly", "e"),
    # No bare "e" in Spanish, so that "sangre" (blood, as in "análisis de
    # sangre") stays apart from "sangrado" (bleeding).
    "es": (
        "iendo",
        "ando",
        "ados",
        "adas",
        "idos",
        "idas",
        "ado",
        "ada",
        "ido",
        "ida",
        "ar",
        "er",
        "ir",
        "as",
        "os",
        "es",
        "a",
        "o",
        "s",
    ),
}


def _rules_for(language):
    """The language whose word lists apply; English rules for languages without their own."""
    return language if language in _SUFFIXES else "en"


def stem(word, language):
    """A crude stem of ``word`` (already lower-case and accent-free) for ``language``."""
    for _round in range(2):
        for suffix in _SUFFIXES[_rules_for(language)]:
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                word = word[: -len(suffix)]
                break
        else:
            break
    return word


def fold(text):
    """Lower-case ``text``, remove accents and spell out English "n't" (or "nt") as " not"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    plain = re.sub(r"n['’]t\b", " not", plain)
    # Phones drop apostrophes: "hasnt", "cant", "dont".
    return _BARE_CONTRACTION.sub(r"\1 not", plain)


@dataclass(frozen=True)
class _Token:
    word: str
    stem: str
    clause: int


def _tokens(text, language):
    tokens = []
    for clause, part in enumerate(_CLAUSE_BREAK.split(fold(text))):
        tokens.extend(_Token(w, stem(w, language), clause) for w in _WORD.findall(part))
    return tokens


@lru_cache(maxsize=8)
def _compiled_phrases(phrases_key):
    """(language, label, stems) for each configured phrase; cached per configuration."""
    compiled = []
    for language, phrases in phrases_key:
        for phrase in phrases:
            stems = tuple(stem(word, language) for word in _WORD.findall(fold(phrase)))
            if stems:
                compiled.append((language, phrase, stems))
    return tuple(compiled)


def _configured_phrases():
    red_flags = settings.QUESTIONS_RED_FLAGS
    return _compiled_phrases(
        tuple((language, tuple(red_flags[language])) for language in sorted(red_flags))
    )


def _match_at(tokens, start, stems):
    """The index of the last token if ``stems`` match from ``start`` (with gaps), else None."""
    if tokens[start].stem != stems[0]:
        return None
    position = start
    for wanted in stems[1:]:
        for step in range(1, MAX_GAP + 2):
            candidate = position + step
            if candidate >= len(tokens) or tokens[candidate].clause != tokens[start].clause:
                return None
            if tokens[candidate].stem == wanted:
                position = candidate
                break
        else:
            return None
    return position


def _is_negated(tokens, start, language):
    clause = tokens[start].clause
    for back in range(1, NEGATION_REACH + 2):
        index = start - back
        if index < 0 or tokens[index].clause != clause:
            return False
        word = tokens[index].word
        if word in NEGATIONS[language]:
            return True
        if word not in FILLERS[language]:
            return False
    return False


def find_red_flags(text):
    """
    The configured red-flag phrases found in ``text``, in configuration order.

    Each phrase is reported once, and word forms of one phrase ("bleeding",
    "bleed") only once.

    Both languages' lists are checked: readers do not always write in the
    language of the page.
    """
    tokens_by_language = {}
    found, seen = [], set()
    for language, label, stems in _configured_phrases():
        rules = _rules_for(language)
        if stems in seen:
            continue  # another form of a phrase already found ("bleed" after "bleeding")
        if rules not in tokens_by_language:
            tokens_by_language[rules] = _tokens(text, rules)
        tokens = tokens_by_language[rules]
        if any(
            _match_at(tokens, start, stems) is not None and not _is_negated(tokens, start, rules)
            for start in range(len(tokens))
        ):
            found.append((label, stems))
            seen.add(stems)
    # "mueve menos" inside "se mueve menos" is the same finding: report the longer phrase.
    return [
        label for label, stems in found if not any(_part_of(stems, other) for _, other in found)
    ]


def _part_of(short, long):
    """True when the stems ``short`` are a run inside the longer stems ``long``."""
    size = len(short)
    return size < len(long) and any(
        long[start : start + size] == short for start in range(len(long) - size + 1)
    )
