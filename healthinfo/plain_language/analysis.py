"""
How hard a page is to read.

English pages get the Flesch–Kincaid grade (a US school grade; the reading
age is the grade plus five). Spanish pages get a formula made for Spanish:
Szigriszt-Pazos's perspicuity on the INFLESZ scale (Barrio-Cantalejo et al.,
2008, validated on health texts for patients), with Fernández-Huerta's score
beside it. Both families are 0-100 "ease" scales for Spanish (higher is
easier) and a grade for English (higher is harder).

Syllables are counted by textstat (the CMU pronouncing dictionary for
English, Pyphen's hyphenation dictionaries otherwise), which is the
language-specific, hard part. The three formulas are applied here, to our own
sentence and word counts, because textstat's own sentence count ignores
sentences of one or two words: a list of short items ("Bleeding.",
"Fever.") would count as one long sentence and make a plain page look hard.
A test checks that on ordinary prose our grade equals textstat's.

Reading time uses the silent reading speeds measured for each language by
Trauzettel-Klosinski et al. (2012): 228 words a minute in English, 218 in
Spanish.
"""

import math
import re
from dataclasses import asdict, dataclass, field
from functools import lru_cache

from django.utils.translation import gettext_lazy as _
from textstat.backend.counts import count_syllables

WORDS_PER_MINUTE = {"en": 228, "es": 218}

# A word: letters, possibly joined by hyphens or apostrophes ("well-being", "don't");
# a number is a word too ("24 weeks").
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*|\d+(?:[.,:]\d+)*")
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’»)\]]*\s+")

# How many of each finding an editor is shown.
LONGEST_SENTENCES = 5
HARDEST_WORDS = 10
# A sentence longer than this is listed among the longest (plain-language guides
# advise 15-20 words on average, and no sentence much over 25).
LONG_SENTENCE_WORDS = {"en": 25, "es": 25}
# A word with at least this many syllables is a hard word (Spanish words are longer).
HARD_WORD_SYLLABLES = {"en": 4, "es": 5}


@dataclass(frozen=True)
class Formula:
    """The readability score used for one language, and which way is harder."""

    key: str
    name: str
    harder_when_higher: bool
    default_target: float
    help_text: str

    def above_target(self, score, target):
        """True when ``score`` is harder to read than ``target`` allows."""
        if score is None or target is None:
            return False
        return score > target if self.harder_when_higher else score < target


FORMULAS = {
    "en": Formula(
        "flesch_kincaid_grade",
        _("Flesch–Kincaid grade"),
        harder_when_higher=True,
        default_target=8.0,
        help_text=_("A US school grade: lower is easier. Reading age is the grade plus 5."),
    ),
    "es": Formula(
        "inflesz",
        _("INFLESZ (Szigriszt-Pazos)"),
        harder_when_higher=False,
        default_target=55.0,
        help_text=_(
            "0 to 100: higher is easier. Below 40 very difficult, 40-55 somewhat difficult, "
            "55-65 normal, 65-80 quite easy, above 80 very easy."
        ),
    ),
}

INFLESZ_BANDS = [
    (40, _("very difficult")),
    (55, _("somewhat difficult")),
    (65, _("normal")),
    (80, _("quite easy")),
    (math.inf, _("very easy")),
]


def formula_for(language):
    return FORMULAS.get(language, FORMULAS["en"])


@lru_cache(maxsize=50_000)
def syllables(word, language):
    """Syllables in one ``word`` (textstat; at least one)."""
    return max(1, count_syllables(word.lower(), language))


def words_of(text):
    return _WORD.findall(text)


def word_matches(text):
    """The words of ``text`` as regular-expression matches (where each one is)."""
    return _WORD.finditer(text)


def sentence_spans(block):
    """Where each sentence of one block starts and ends, as ``(start, end)`` pairs."""
    start = 0
    for gap in _SENTENCE_END.finditer(block):
        yield start, gap.start()
        start = gap.end()
    yield start, len(block)


def split_sentences(block):
    """The sentences of one block of text."""
    return [
        block[start:end].strip() for start, end in sentence_spans(block) if block[start:end].strip()
    ]


@dataclass(frozen=True)
class GlossaryEntry:
    """A medical term, its other forms and its plain alternatives, in one language."""

    term: str
    forms: tuple = ()
    plain: tuple = ()
    note: str = ""

    @property
    def all_forms(self):
        return (self.term, *self.forms)


def _phrase_pattern(phrases):
    alternatives = sorted({p.strip() for p in phrases if p.strip()}, key=len, reverse=True)
    if not alternatives:
        return None
    body = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in alternatives)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE)


def find_jargon(text, glossary):
    """
    The glossary terms used in ``text`` without one of their plain
    alternatives anywhere in it (a term explained on the page, "cerclage (a
    stitch)", is not flagged), most used first.
    """
    found = []
    for entry in glossary:
        pattern = _phrase_pattern(entry.all_forms)
        if pattern is None:
            continue
        uses = pattern.findall(text)
        if not uses:
            continue
        explained = _phrase_pattern(entry.plain)
        if explained is not None and explained.search(text):
            continue
        found.append(
            {
                "term": entry.term,
                "found": uses[0],
                "count": len(uses),
                "plain": list(entry.plain),
                "note": entry.note,
            }
        )
    return sorted(found, key=lambda item: (-item["count"], item["term"].casefold()))


@dataclass
class Report:
    """Everything the check says about one text (``as_dict()`` is the JSON the editor gets)."""

    language: str
    formula: str
    formula_name: str
    words: int = 0
    sentences: int = 0
    syllables: int = 0
    reading_minutes: int = 0
    score: float | None = None
    target: float | None = None
    above_target: bool = False
    reading_age: float | None = None
    band: str = ""
    fernandez_huerta: float | None = None
    longest_sentences: list = field(default_factory=list)
    hard_words: list = field(default_factory=list)
    jargon: list = field(default_factory=list)

    def as_dict(self):
        data = asdict(self)
        data["formula_name"] = str(self.formula_name)
        data["band"] = str(self.band)
        return data


def analyse(blocks, language, *, glossary=(), target=None):
    """
    Score ``blocks`` (``(kind, text)`` pairs from ``healthinfo.plain_language.text``,
    or plain strings) in ``language`` against ``target`` (default: the formula's).
    """
    formula = formula_for(language)
    target = formula.default_target if target is None else float(target)
    blocks = [block if isinstance(block, tuple) else ("text", block) for block in blocks]
    report = Report(
        language=language, formula=formula.key, formula_name=formula.name, target=target
    )
    all_words, scored_words, scored_sentences, scored_syllables = [], 0, 0, 0
    sentences = []
    for kind, block in blocks:
        for sentence in split_sentences(block):
            words = words_of(sentence)
            if not words:
                continue
            all_words.extend(words)
            if kind == "heading":
                continue
            scored_sentences += 1
            scored_words += len(words)
            scored_syllables += sum(syllables(word, language) for word in words)
            sentences.append((len(words), sentence))
    report.words = len(all_words)
    report.sentences = scored_sentences
    report.syllables = scored_syllables
    if report.words:
        report.reading_minutes = max(
            1, math.ceil(report.words / WORDS_PER_MINUTE.get(language, 200))
        )
    if scored_words:
        per_sentence = scored_words / scored_sentences
        per_word = scored_syllables / scored_words
        if language == "es":
            report.score = round(206.835 - 62.3 * per_word - per_sentence, 1)
            report.fernandez_huerta = round(206.84 - 60 * per_word - 1.02 * per_sentence, 1)
            report.band = next(label for limit, label in INFLESZ_BANDS if report.score < limit)
        else:
            grade = 0.39 * per_sentence + 11.8 * per_word - 15.59
            report.score = round(grade, 1)
            report.reading_age = round(max(grade, 0) + 5, 1)
        report.above_target = formula.above_target(report.score, target)
    limit = LONG_SENTENCE_WORDS.get(language, 25)
    report.longest_sentences = [
        {"text": sentence, "words": count}
        for count, sentence in sorted(sentences, key=lambda item: -item[0])[:LONGEST_SENTENCES]
        if count > limit
    ]
    report.hard_words = hardest_words(all_words, language)
    report.jargon = find_jargon("\n".join(text for _kind, text in blocks), glossary)
    return report


def hardest_words(words, language):
    """The words with the most syllables (at least the hard-word threshold), each once."""
    threshold = HARD_WORD_SYLLABLES.get(language, 4)
    counts, spelling = {}, {}
    for word in words:
        if len(word) < 7 or word.isdigit():  # no short word has that many syllables
            continue
        key = word.casefold()
        counts[key] = counts.get(key, 0) + 1
        spelling.setdefault(key, word)
    hard = []
    for key, count in counts.items():
        number = syllables(key, language)
        if number >= threshold:
            hard.append({"word": spelling[key], "syllables": number, "count": count})
    hard.sort(key=lambda item: (-item["syllables"], -item["count"], item["word"].casefold()))
    return hard[:HARDEST_WORDS]
