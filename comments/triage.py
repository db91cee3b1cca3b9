"""
Red-flag triage: does a reader's question suggest she may need urgent care, and of what kind?

The rules (``comments.red_flags``) are clinical concepts per category and
language, written as short patterns of words. This module turns a question
into words and matches them:

- **Folding**: case, accents and apostrophes are ignored ("Sangrado" =
  "sangrado", "bebé" = "bebe", "can't" = "ca not", "hasnt" = "has not").
- **Stemming**: every word and every rule word goes through the Snowball
  stemmer of the rule's language (the ``snowballstemmer`` package), so
  "bleeding", "bleeds" and "bleed" are one word, as are "movimientos" and
  "movimiento".
- **Misspellings**: a rule word of six letters or more also matches a word
  one letter away from it ("bleding", "contarctions", "siezure").
- **Patterns**: "every 5 minutes", "cada 10 minutos", "4 times an hour"
  become the token ``xfreqx``; a severe blood pressure reading ("160/105")
  ``xbphighx``; a temperature of 38 °C or more ``xtemphighx``; "coming and
  going" / "van y vienen" ``xwavex``. The weeks of pregnancy a reader states
  ("31 weeks", "34+2", "de 30 semanas", "semana 30", "5 months pregnant", "due in
  two weeks"; the one said to be now) are read so that a rule can apply only
  before term, or only once movements are expected.
- **Idioms and intent**: figures of speech that use a red flag's words innocently
  ("this heartburn is killing me", "me muero de ganas", "dying to know";
  ``red_flags.IDIOMS``), and a wish to die laughed off ("want to die lol"), become
  ``xidiomx`` and count for nothing; a time alone as a sentence ("Tonight.") is marked
  ``xalonex``, a young child ("my 2 year old") reads as "toddler", and scratching in a
  question about itching becomes ``xitchscratchx``; "on purpose" /
  "a propósito" becomes ``xpurposex`` ("not on purpose" ``xaccidentx``), a count of eight or
  more of a medicine ``xmanyx`` ("took 20 of my sertraline"), and "sentido" in "no le veo
  sentido" ``xsensex`` (sense, not feeling the baby).
- **Synonyms**: slang, text-speak and regional words are read as the words the rules
  know (``red_flags.SYNONYMS``: "havnt", "bby", "panza", "guata", "el papá del bebé").
- **Negation**: a match is skipped when a negation word comes just before it in the
  same clause, with only filler or thought words between ("no bleeding", "I haven't
  noticed any bleeding", "I don't think my waters have gone", "sin sangrado"), or
  heads a list the match belongs to ("no bleeding, cramps or fluid"). Rules that
  contain the negation themselves ("not felt the baby move") are not negated again;
  "nearly"/"casi" negate falls only.
- **Context**: a match is skipped in a sentence that speaks about the past ("in my
  last pregnancy", "years ago", "hace dos meses") unless its clause says it is back
  ("now", "again"), when the sentence then says it is over ("but it stopped", "then
  he started moving again"; not for falls, fits, fainting, violence or self-harm),
  about someone else ("my sister") in a clause where the reader does not speak of
  herself and that person is not said to be pregnant, or in a general question: a
  marker before the match ("what are the signs of", "what should I do if", "my
  midwife told me to watch for") or a sentence that starts like a question and says
  nothing of the reader ("Does a high temperature cause…?"), unless the reader then
  describes herself in that clause ("what do I do if I'm bleeding"). Suicidal
  thoughts and violence are never skipped for asking in general terms.

Both languages' rules are applied to every question: readers do not always
write in the language of the page.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer
from django.conf import settings
from django.utils.translation import gettext, gettext_noop

from comments import red_flags, self_harm_cues, self_harm_model

STEMMERS = {"en": "english", "es": "spanish"}

# Sentences end at full stops, question and exclamation marks and line breaks;
# clauses also at commas, semicolons, brackets and "but"/"pero".
_SENTENCE_BREAK = re.compile(r"[.!?¡¿\n\r]+(?:\s|$)|[!?¡¿\n\r]+")
_CLAUSE_BREAK = re.compile(r"[,;:()\[\]]+|\b(?:but|however|although|pero|aunque|sino)\b")
_WORD = re.compile(r"[a-z0-9]+")
_BARE_CONTRACTION = re.compile(
    r"\b(has|have|had|did|does|do|ca|is|was|are|were|could|would|should|wo|ai)nt\b"
)
_APOSTROPHE = re.compile(r"['’‘`´]")

# --- Patterns that become a token of their own -------------------------------

_NUMBER_WORDS = (
    r"\d+|a few|few|couple of|a couple of|one|two|three|four|five|six|seven|eight|nine|ten|"
    r"un par de|pocos|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|quince"
)
_FREQUENCY = re.compile(
    r"\b(?:every|each|cada)\s+(?:(?:" + _NUMBER_WORDS + r")\s*(?:(?:or|to|and|-|u|o|a|y)\s*"
    r"(?:" + _NUMBER_WORDS + r")\s*)?)?(?:min|mins|minute|minutes|minuto|minutos)\b"
    r"|\b(?:" + _NUMBER_WORDS + r")\s*(?:(?:or|to|-|u|o|a)\s*\d+\s*)?"
    r"(?:min|mins|minutes|minutos)\s+(?:apart|between|de diferencia|entre)"
    r"|\b(?:" + _NUMBER_WORDS + r")\s*(?:times|veces)\s+(?:an|a|per|each|por|cada|la|una|en una)"
    r"\s+(?:hour|hora)\b"
    # "4 in the last hour", "3 en una hora", "five in an hour", "6 contractions an hour"
    r"|\b(?:" + _NUMBER_WORDS + r")\s+"
    r"(?:in|within|en|per|an|a|por)\s+(?:the\s+last\s+|the\s+past\s+|an\s+|one\s+|half\s+an\s+"
    r"|la\s+ultima\s+|una\s+|media\s+)?(?:hour|hora)\b"
)
_WAVES = re.compile(
    r"\b(?:coming and going|come and go|comes and goes|on and off|"
    r"van y vienen|vienen y van|va y viene|viene y va|in waves|en oleadas)\b"
)
_BLOOD_PRESSURE = re.compile(r"\b(\d{2,3})\s*/\s*(\d{2,3})\b")
_TEMPERATURE = re.compile(r"\b(3[89]|4[01])(?:[.,]\d)?\s*(?:°|º|degrees|grados|c\b)?")
_NORMAL_TEMPERATURE = re.compile(
    r"\b(?:3[56]|37)(?:[.,][0-4]\s*(?:°|º|degrees|grados|c\b)?|\s*(?:°|º|degrees|grados|c\b))"
    r"|\b3[56][.,][5-9]\b"
)
_TEMPERATURE_CONTEXT = re.compile(
    r"\b(?:temp|temperature|temperatura|fever|fiebre|calentura|thermometer|termometro|burning up)"
)

# Weeks of pregnancy: "31 weeks", "31wks", "34+2", "de 30 semanas", "32 sem", "week 30",
# "semana 30", "estoy de 34", "5 months pregnant", "embarazada de 4 meses", "at term".
_WEEKS = re.compile(
    r"\b(\d{1,2})\s*(?:\+\s*\d\s*)?(?:weeks?|wks?|wk|w|semanas?|sem|sdg|sg)\b(?!\s*(?:ago|after|since"
    r"|old|postpartum|post|pp|despues|tras|del parto|de dar|de haber|postparto|de nacid|de vida))"
    r"|\b(\d{1,2})\s*\+\s*\d\b"
    r"|\b(?:week|semana|sem)\s*(\d{1,2})\b"
    r"|\bestoy\s+de\s+(\d{1,2})\b(?!\s*(?:anos|dias|meses|horas))"
)
_MONTHS_PREGNANT = re.compile(
    r"\b(\d)\s*(?:months?|meses|mes)\s+(?:pregnant|gone|along|de embarazo|embarazada)"
    r"|\b(?:embarazada|embarazo)\s+de\s+(\d)\s*(?:meses|mes)\b"
    r"|\b(?:estoy|tengo)\s+(?:de\s+)?(\d)\s*(?:meses|mes)\b(?!\s*(?:de nacid|postparto|despues))"
)
_DUE_IN = re.compile(
    r"\bdue\s+in\s+(\d|one|two|three|four|five|six)\s+weeks?\b"
    r"|\b(?:salgo|sali|fpp|parto)\s+(?:de\s+cuentas\s+)?en\s+(\d|una|dos|tres|cuatro)\s+semanas?\b"
)
_SMALL_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "una": 1,
    "dos": 2,
    "tres": 3,
    "cuatro": 4,
}
_AT_TERM = re.compile(r"\b(?:at term|full term|term now|a termino|de termino|ya cumpli)\b")
_WEEKS_NOT_PREGNANCY = re.compile(r"(?:hace|for|durante|last|past|desde hace|about|ago|cada)\s*$")
# A stated week after one of these is the present one ("bled at 8 weeks, now 20 weeks").
_WEEKS_NOW = re.compile(
    r"(?:now|currently|today|im|i m|i am|am|estoy|ahora|actualmente|hoy|ya)"
    r"\s*(?:at|on|de|en la|la)?\s*$"
)


def fold(text):
    """Lower-case ``text``, remove accents and spell out English "n't" (or "nt") as " not"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    plain = re.sub(r"n['’]t\b", " not", plain)
    plain = _APOSTROPHE.sub("", plain)
    # Phones drop apostrophes: "hasnt", "cant", "dont".
    return _BARE_CONTRACTION.sub(r"\1 not", plain)


def _severe_blood_pressure(match):
    systolic, diastolic = int(match.group(1)), int(match.group(2))
    plausible = 90 <= systolic <= 260 and 40 <= diastolic <= 160
    return plausible and (
        systolic >= red_flags.SEVERE_SYSTOLIC or diastolic >= red_flags.SEVERE_DIASTOLIC
    )


_COUNTED_PER_HOUR = re.compile(
    r"\b(?:" + _NUMBER_WORDS + r")\s+(contractions?|tightenings?|contracciones|pains|dolores)"
    r"\s+(?=(?:in|within|en|per|an|a|por)\s+(?:the\s+last\s+|the\s+past\s+|an\s+|one\s+"
    r"|la\s+ultima\s+|una\s+|media\s+)?(?:hour|hora)\b)"
)


_IDIOMS = re.compile(r"\b(?:" + "|".join(f"(?:{idiom})" for idiom in red_flags.IDIOMS) + r")\b")
# "I did it on purpose", "lo hice a propósito"; "not on purpose", "sin querer" is an accident.
_PURPOSE = re.compile(
    r"\b(?P<negation>(?:not|never|no|nunca)\s+(?:[a-z]+\s+){0,3})?"
    r"(?:on purpose|purposely|purposefully|deliberately|intentionally|a proposito|adrede|aposta"
    r"|lo hice yo|me lo hice yo|me lo he hecho yo)\b"
)
# "took 20 of my sertraline", "15 pastillas": a count of eight or more of a medicine.
_MEDICINE = r"(?:" + "|".join(red_flags.MEDICINE_PREFIXES) + r")[a-z]*"
_MANY_OF_A_MEDICINE = re.compile(
    r"\b(?:[89]|[1-9][0-9]|[1-9][0-9][0-9])\s+(?!(?:mg|g|ml|mcg|iu|ui|gr|gramos|miligramos)\b)"
    r"(?=(?:[a-z]+\s+){0,3}" + _MEDICINE + r"\b)"
)
# "no le veo sentido a nada", "la vida no tiene sentido": "sentido" is sense, not felt.
_SENSE = re.compile(
    r"\b((?:veo|vi|veia|encuentro|encontre|encontraba|tiene|tenia|tendra|hay)\s+"
    r"(?:el\s+|ningun\s+|ni\s+|mucho\s+)?)sentido\b"
)


# "I want to die lol", "me quiero morir jajaja": a wish to die said with a laugh right
# after it is a figure of speech (a wish said without one stays a wish).
_LAUGHED_OFF = re.compile(
    r"\b(?:(?:i|me)\s+)?(?:(?:want|wanna|wanted|gonna|could|ll|will|might|quiero|quisiera)\s+)?"
    r"(?:to\s+)?(?:die|morir|morirme|muero)\s+(?:lol|lmao|lmfao|rofl|haha[ha]*|jaja[ja]*|jeje[je]*|xd)\b"
)
# A time standing alone as a whole sentence ("Tonight.", "Esta noche."): a plan told
# without its act. Marked, the words stay for the rules.
_TIME_ALONE = re.compile(
    r"(?:^|(?<=[.!?\n]))\s*(tonight|this weekend|tomorrow night|esta noche|este finde"
    r"|este fin de semana|manana por la noche)\s*(?=[.!\n]|$)"
)
# A young child as the one who hits or kicks ("my 2 year old", "mi hijo de dos años"):
# a toddler's blow is not violence or a blow to the bump.
_YOUNG_CHILD = re.compile(
    r"\b(?:[1-5]|one|two|three|four|five)\s*(?:year|yr)s?\s*old\b"
    r"|\b(?:son|daughter|boy|girl)\s*\(?\s*[1-5]\s*\)"
    r"|\b(?:hijo|hija|nino|nina|nene|nena|peque)\s+de\s+(?:[1-5]|un|uno|dos|tres|cuatro|cinco)"
    r"\s+(?:ano|anos|anitos)\b"
)


# Scratching in a question about itching (cholestasis, eczema, stretch marks) is the itch,
# not self-injury: "scratch…"/"rasc…" become ``xitchscratchx`` there, unless the itch is
# denied ("no es por picor", "it's not the itch").
_ITCH = re.compile(r"\b(?:itch\w*|cholestasis|eczema|pica|picor|picazon|comezon|colestasis)\b")
_ITCH_DENIED = re.compile(
    r"\b(?:not|no|nothing to do with|isnt)\s+(?:es\s+)?(?:por|because of|from|the|an?|de)?\s*"
    r"(?:itch\w*|picor|pica|comezon|picazon)\b"
)
_SCRATCH = re.compile(r"\b(?:scratch\w*|rasc(?:o|a|as|an|ando|ado|ada|ar|arme|ue|aba|aria)\b)")


def _mark_itch(text):
    if _ITCH.search(text) and not _ITCH_DENIED.search(text):
        return _SCRATCH.sub(" xitchscratchx ", text)
    return text


def _mark_intent(text):
    """Idioms neutralised, the purpose of an act and counts of a medicine marked."""
    text = _mark_itch(text)
    text = _LAUGHED_OFF.sub(" xidiomx ", text)
    text = _IDIOMS.sub(" xidiomx ", text)
    text = _TIME_ALONE.sub(r" \1 xalonex ", text)
    text = _YOUNG_CHILD.sub(" toddler ", text)
    text = _PURPOSE.sub(
        lambda match: " xaccidentx " if match.group("negation") else " xpurposex ", text
    )
    text = _MANY_OF_A_MEDICINE.sub(" xmanyx ", text)
    return _SENSE.sub(r"\1 xsensex ", text)


def _mark_patterns(folded):
    """``folded`` with the patterns the rules refer to replaced by their tokens."""
    # "6 contractions an hour": the count is a frequency, the word stays for the rules.
    text = _COUNTED_PER_HOUR.sub(r"\1 xfreqx ", _mark_intent(folded))
    text = _FREQUENCY.sub(" xfreqx ", text)
    text = _WAVES.sub(" xwavex ", text)
    text = _BLOOD_PRESSURE.sub(
        lambda match: " xbphighx " if _severe_blood_pressure(match) else match.group(), text
    )
    if _TEMPERATURE_CONTEXT.search(text):
        text = _TEMPERATURE.sub(" xtemphighx ", text)
        # A reading under 37.5 °C is not a fever: "is 37.2 a temperature?"
        text = _NORMAL_TEMPERATURE.sub(" xtemplowx ", text)
    return text


def pregnancy_weeks(text):
    """
    The week of pregnancy the text states ("31 weeks", "34+2", "semana 30", "5 months
    pregnant", "at term"), or None. With several, the one said to be now ("at 8 weeks I
    bled, now 20 weeks"), else the first.
    """
    folded = fold(text)
    found = []
    for match in _WEEKS.finditer(folded):
        before = folded[max(0, match.start() - 14) : match.start()]
        if _WEEKS_NOT_PREGNANCY.search(before):
            continue
        weeks = int(next(group for group in match.groups() if group))
        if 4 <= weeks <= 43:
            found.append((bool(_WEEKS_NOW.search(before)), match.start(), weeks))
    for match in _MONTHS_PREGNANT.finditer(folded):
        months = int(next(group for group in match.groups() if group))
        if 1 <= months <= 9:
            found.append((True, match.start(), round(months * 4.35)))
    for match in _DUE_IN.finditer(folded):
        number = next(group for group in match.groups() if group)
        found.append((True, match.start(), 40 - int(_SMALL_NUMBERS.get(number, number))))
    for match in _AT_TERM.finditer(folded):
        found.append((True, match.start(), 40))
    if not found:
        return None
    now = [item for item in found if item[0]]
    return min(now or found, key=lambda item: item[1])[2]


# --- Words --------------------------------------------------------------------


@lru_cache(maxsize=4)
def _stemmer(language):
    return snowballstemmer.stemmer(STEMMERS[language])


@lru_cache(maxsize=20000)
def stem(word, language):
    """The Snowball stem of ``word`` (already folded) in ``language`` ("en" or "es")."""
    return _stemmer(language).stemWord(word)


def _deletions(word):
    return {word[:index] + word[index + 1 :] for index in range(len(word))}


FUZZY_MIN_LENGTH = 6


@lru_cache(maxsize=20000)
def _fuzzy_keys(word):
    """
    ``word`` and every way of dropping one letter after the first: two words share a
    key when they are one edit apart (a letter missing, extra, wrong or two swapped)
    and start alike, because typing slips rarely hit the first letter ("sitting"
    is not "fitting").
    """
    if len(word) < FUZZY_MIN_LENGTH:
        return frozenset()
    return frozenset({word, *(word[0] + rest for rest in _deletions(word[1:]))})


@dataclass(frozen=True)
class Token:
    word: str
    stem: str
    sentence: int
    clause: int
    start: int  # offset in the folded, marked text
    end: int


@dataclass(frozen=True)
class Sentence:
    """
    What a sentence says around its red flags: past, someone else, a general question.

    ``present`` holds the clauses that say "now", "again", "still" (a past event that
    is back); ``current`` the clauses in which the reader describes herself now ("I'm",
    "I've been", "estoy"), where a general question cannot hide a symptom.
    """

    history: bool
    other_person: bool
    # Where a general question starts ("what are the signs of"): (token index, clauses),
    # the clauses set for words that reach no further than their clause ("if", "si").
    information: tuple = ()
    present: frozenset = frozenset()
    history_clauses: frozenset = frozenset()  # clauses where a marker of the past starts
    current: tuple = ()  # (token index, clause)
    about_others: frozenset = frozenset()  # clauses that may speak of the other person
    resolved: tuple = ()  # token indexes where the sentence says it is over ("it stopped")
    averted: tuple = ()  # token indexes where it says the fall did not happen


@dataclass(frozen=True)
class Analysis:
    language: str
    text: str
    tokens: tuple
    sentences: tuple
    weeks: int | None


def analyse(text, language):
    """Tokens of ``text`` for the rules of ``language``, with sentence context."""
    marked = _mark_patterns(fold(text))
    marked = _synonyms(language).sub(lambda match: _SYNONYM_WORDS[language][match.group()], marked)
    tokens, sentences = [], []
    clause = 0
    position = 0
    parts = _split_keeping_offsets(marked, _SENTENCE_BREAK)
    breaks = [match.group() for match in _SENTENCE_BREAK.finditer(marked)]
    for sentence_index, sentence_text in enumerate(parts):
        text_part, offset = sentence_text
        around = (breaks[sentence_index - 1] if sentence_index else "") + (
            breaks[sentence_index] if sentence_index < len(breaks) else ""
        )
        asked = "?" in around or "¿" in (breaks[sentence_index - 1] if sentence_index else "")
        first_token = len(tokens)
        for clause_text, clause_offset in _split_keeping_offsets(text_part, _CLAUSE_BREAK):
            clause += 1
            for match in _WORD.finditer(clause_text):
                word = match.group()
                start = offset + clause_offset + match.start()
                tokens.append(
                    Token(
                        word, stem(word, language), sentence_index, clause, start, start + len(word)
                    )
                )
        sentences.append(
            _sentence_context(text_part, tokens[first_token:], language, first_token, asked=asked)
        )
        position += len(text_part)
    return Analysis(language, marked, tuple(tokens), tuple(sentences), pregnancy_weeks(text))


_SYNONYM_WORDS = {
    language: {
        **red_flags.MISSPELLINGS.get(language, {}),
        **red_flags.SYNONYMS.get(language, {}),
    }
    for language in STEMMERS
}


@lru_cache(maxsize=4)
def _synonyms(language):
    """One pattern for every misspelling and synonym of ``language``, longest first."""
    words = sorted(_SYNONYM_WORDS[language], key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(word) for word in words) + r")\b")


def _split_keeping_offsets(text, pattern):
    parts, start = [], 0
    for match in pattern.finditer(text):
        parts.append((text[start : match.start()], start))
        start = match.end()
    parts.append((text[start:], start))
    return parts


@lru_cache(maxsize=1)
def _context_markers():
    """Context markers of every language: a reader may mix them, and rules of both apply."""
    merged = {}
    for markers in red_flags.CONTEXT.values():
        for kind, words in markers.items():
            merged.setdefault(kind, set()).update(words)
    return {kind: tuple(sorted(words)) for kind, words in merged.items()}


@lru_cache(maxsize=64)
def _marker_pattern(markers):
    """One pattern finding where any of ``markers`` (words or patterns) starts."""
    return re.compile(r" (?=(?:" + "|".join(f"(?:{marker})" for marker in markers) + r") )")


def _marker_positions(padded, markers):
    """Token indexes (in ``padded``, words joined by single spaces) where a marker starts."""
    if not markers:
        return []
    positions = []
    count, counted_to = 0, 0
    for match in _marker_pattern(tuple(markers)).finditer(padded):
        count += padded.count(" ", counted_to, match.start())
        counted_to = match.start()
        positions.append(count)
    return positions


def list_clauses(tokens):
    """
    The clauses of ``tokens`` (one sentence) that continue a list begun before them:
    "no bleeding, cramps or fluid", "if I have bleeding, fluid, reduced movements or pain".
    A clause continues the list when it is short and holds "or"/"nor"/"o"/"ni", or is
    very short and comes before one that does. Returns {clause: the clause that began it}.
    """
    clauses = []
    for token in tokens:
        if not clauses or clauses[-1][0] != token.clause:
            clauses.append((token.clause, []))
        clauses[-1][1].append(token.word)
    joins = red_flags.LIST_JOINS
    continues = [False] * len(clauses)
    for index in range(len(clauses) - 1, 0, -1):
        words = clauses[index][1]
        ends_a_list = len(words) <= 4 and (
            bool(joins.intersection(words)) or words[0] in {"and", "y", "e"}
        )
        leads_to_one = len(words) <= 3 and index + 1 < len(clauses) and continues[index + 1]
        continues[index] = ends_a_list or leads_to_one
    heads = {}
    for index, (clause, _words) in enumerate(clauses):
        heads[clause] = heads[clauses[index - 1][0]] if continues[index] else clause
    return heads


def _general_question(words, asked):
    """
    A question about pregnancy in general: it starts like one ("does …", "can a …", "¿se
    puede …") and the reader says nothing of herself in it ("I", "my", "me", "estoy").
    "Is it normal to …" is left out: readers ask it about what is happening to them.
    """
    if not asked or not words or words[0] not in red_flags.QUESTION_OPENERS:
        return False
    if " normal " in f" {' '.join(words)} ":
        return False
    return red_flags.FIRST_PERSON.isdisjoint(words)


_TIME_AGO = re.compile(r"\b(?:ago|hace)\b")
# "with my son", "con mi hija": a past pregnancy named after the child it gave, unless the
# clause wishes to be with that child now (see ``_wished_now``).
_NAMED_AFTER_A_CHILD = re.compile(r"(?:with my|con mi) (?:son|daughter|hijo|hija)\b")
# A clause after "but"/"pero" that says it is over: "…, but it stopped", "pero paró".
_ENDS_IT = re.compile(
    r"^(?:(?:it|then|ya|luego|despues|se|me|all|has|had|it s|its|now) )*"
    r"(?:stopped|paro|detuvo|quito|went away|settled|cleared)\b"
)


def _clauses_that_end_it(tokens, first_index):
    """Token indexes of the clauses that begin by saying the symptom stopped."""
    found, seen = [], set()
    for index, token in enumerate(tokens):
        if token.clause in seen:
            continue
        seen.add(token.clause)
        words = " ".join(t.word for t in tokens[index : index + 6] if t.clause == token.clause)
        if _ENDS_IT.match(words):
            found.append(first_index + index)
    return tuple(found)


def _sentence_context(sentence_text, tokens, language, first_index, *, asked=False):
    context = _context_markers()
    words = [token.word for token in tokens]
    padded = f" {' '.join(words)} "
    heads = list_clauses(tokens)
    information = []
    if _general_question(words, asked):
        information.append((first_index, None))
    for kind, clause_only in (("information", False), ("information_in_clause", True)):
        for index in _marker_positions(padded, context[kind]):
            before = f" {' '.join(words[:index])} "
            exempt = context["information_exempt_before"]
            if any(before.endswith(f" {word} ") for word in exempt):
                continue
            if clause_only:
                head = heads[tokens[index].clause]
                reach = frozenset(clause for clause, start in heads.items() if start == head)
            else:
                reach = None
            information.append((first_index + index, reach))
    others = {tokens[index].clause for index in _marker_positions(padded, context["other_person"])}
    other_person = bool(others) and not _marker_positions(
        padded, context["other_person_is_the_patient"]
    )
    # Someone else is spoken of, but not in a clause where the reader speaks of herself
    # ("me quedé rígida, mi madre dice que fue un ataque").
    about_others = frozenset(
        clause
        for clause in {token.clause for token in tokens}
        if clause in others
        or red_flags.FIRST_PERSON.isdisjoint(
            token.word for token in tokens if token.clause == clause
        )
    )
    # "gave birth 3 months ago", "parí hace un mes": the time dates the birth, it is
    # not an event that is over.
    births = _marker_positions(padded, context["birth"])
    times_ago = [marker for marker in context["history"] if _TIME_AGO.search(marker)]
    others_past = [marker for marker in context["history"] if not _TIME_AGO.search(marker)]
    history = _marker_positions(padded, others_past) + [
        index
        for index in _marker_positions(padded, times_ago)
        if not any(0 <= index - birth <= 5 for birth in births)
    ]
    return Sentence(
        history=bool(history),
        history_clauses=frozenset(
            tokens[index].clause
            for index in history
            if not _NAMED_AFTER_A_CHILD.match(" ".join(words[index : index + 3]))
        ),
        other_person=other_person,
        about_others=about_others,
        resolved=tuple(
            first_index + index for index in _marker_positions(padded, context["resolved"])
        )
        + _clauses_that_end_it(tokens, first_index),
        averted=tuple(
            first_index + index for index in _marker_positions(padded, context["averted"])
        ),
        information=tuple(information),
        present=frozenset(
            tokens[index].clause for index in _marker_positions(padded, context["present"])
        ),
        current=tuple(
            (first_index + index, tokens[index].clause)
            for index in _marker_positions(padded, context["current"])
        ),
    )


# --- Matching -------------------------------------------------------------------


@dataclass(frozen=True)
class Slot:
    """One place in a rule: any of several words, stems, prefixes ("contrac*")."""

    stems: frozenset
    prefixes: tuple
    fuzzy: frozenset
    # (length, keys) of long prefixes, so that "contarctions" still starts like "contraction*".
    fuzzy_prefixes: tuple = ()

    @classmethod
    def compile(cls, alternatives, language, *, fuzzy_matching=True):
        stems, prefixes, fuzzy, fuzzy_prefixes = set(), [], set(), []
        for alternative in alternatives.split("|"):
            word = fold(alternative).strip()
            if not word:
                continue
            if word.endswith("*"):
                prefixes.append(word[:-1])
                if len(word) - 1 >= FUZZY_MIN_LENGTH:
                    fuzzy_prefixes.append((len(word) - 1, _fuzzy_keys(word[:-1])))
            elif word.startswith("="):
                # This exact word (or a misspelling of it), not everything sharing its stem:
                # Spanish "cortarme" stems to "cort", like "corto" (short).
                stems.add(word[1:])
                fuzzy |= _fuzzy_keys(word[1:])
            else:
                stems.add(stem(word, language))
                stems.add(word)
                fuzzy |= _fuzzy_keys(word)
        if not fuzzy_matching:
            fuzzy, fuzzy_prefixes = set(), []
        return cls(frozenset(stems), tuple(prefixes), frozenset(fuzzy), tuple(fuzzy_prefixes))

    def matches(self, token):
        if token.stem in self.stems or token.word in self.stems:
            return True
        if self.prefixes and token.word.startswith(self.prefixes):
            return True
        if token.word in red_flags.NOT_MISSPELLINGS:
            return False
        if self.fuzzy and not self.fuzzy.isdisjoint(_fuzzy_keys(token.word)):
            return True
        return any(
            not keys.isdisjoint(_fuzzy_keys(token.word[:length]))
            for length, keys in self.fuzzy_prefixes
            if len(token.word) >= length
        )


@dataclass(frozen=True)
class CompiledRule:
    rule: object
    slots: tuple
    unless: Slot | None
    negation_inside: bool


def _compile(rule, language):
    slots = tuple(Slot.compile(part, language) for part in rule.slots)
    negations = red_flags.NEGATIONS[language]
    return CompiledRule(
        rule=rule,
        slots=slots,
        # Exceptions match exactly: "feeling" must not count as "feeding".
        unless=Slot.compile(rule.unless, language, fuzzy_matching=False) if rule.unless else None,
        negation_inside=any(word in negations for word in rule.slots[0].split("|")),
    )


@lru_cache(maxsize=8)
def _compiled_rules(extra_key):
    compiled = {language: [] for language in STEMMERS}
    for rule in red_flags.RULES:
        compiled[rule.language].append(_compile(rule, rule.language))
    for language, by_category in extra_key:
        if language not in STEMMERS:
            continue
        for category, patterns in by_category:
            for pattern in patterns:
                rule = red_flags.Rule(category, language, tuple(pattern.split()))
                compiled[language].append(_compile(rule, language))
    return {language: tuple(rules) for language, rules in compiled.items()}


def _rules():
    extra = getattr(settings, "QUESTIONS_EXTRA_RED_FLAGS", {}) or {}
    key = tuple(
        (language, tuple((category, tuple(patterns)) for category, patterns in sorted(by.items())))
        for language, by in sorted(extra.items())
    )
    return _compiled_rules(key)


def _is_negated(analysis, index, category):
    """
    True when a negation governs the word at ``index``: just before it with only filler
    words between ("I haven't noticed any bleeding", "sin sangrado"), or at the start of
    a list it belongs to ("no bleeding, cramps or fluid"). "Nearly", "casi" negate
    events only ("I nearly fainted", "casi me caigo").
    """
    # Every language's words: a Spanish rule may be reading an English question.
    tokens = analysis.tokens
    negations = red_flags.ALL_NEGATIONS
    if category in red_flags.EVENT_CATEGORIES:
        negations = negations | red_flags.NEAR_MISSES
    fillers = red_flags.ALL_FILLERS
    clause = tokens[index].clause
    for back in range(1, red_flags.NEGATION_REACH + 2):
        position = index - back
        if position < 0 or tokens[position].clause != clause:
            break
        word = tokens[position].word
        if word in negations:
            return True
        if word not in fillers:
            break
    sentence = tokens[index].sentence
    in_sentence = [token for token in tokens if token.sentence == sentence]
    head = list_clauses(in_sentence).get(clause, clause)
    if head == clause:
        return False
    return any(token.word in negations for token in in_sentence if token.clause == head)


def _match_from(tokens, start, compiled):
    """The token indexes of a match of ``compiled`` starting at ``start``, or None."""
    rule = compiled.rule
    first = tokens[start]
    if not compiled.slots[0].matches(first):
        return None
    found = [start]
    if rule.kind == "seq":
        position = start
        for slot in compiled.slots[1:]:
            for step in range(1, rule.gap + 2):
                candidate = position + step
                if candidate >= len(tokens) or tokens[candidate].clause != first.clause:
                    return None
                if slot.matches(tokens[candidate]):
                    position = candidate
                    found.append(candidate)
                    break
            else:
                return None
        return found
    # "near": every other slot within ``window`` tokens of the first, in the same sentence.
    for slot in compiled.slots[1:]:
        low, high = max(0, start - rule.window), min(len(tokens), start + rule.window + 1)
        hit = next(
            (
                index
                for index in range(low, high)
                if index != start
                and tokens[index].sentence == first.sentence
                and slot.matches(tokens[index])
            ),
            None,
        )
        if hit is None:
            return None
        found.append(hit)
    return found


def _applies(compiled, analysis, found):
    rule = compiled.rule
    tokens = analysis.tokens
    first = tokens[found[0]]
    sentence = analysis.sentences[first.sentence]
    weeks = analysis.weeks
    if rule.needs_weeks and weeks is None:
        return False
    if (
        rule.weeks is not None
        and weeks is not None
        and not (rule.weeks[0] <= weeks < rule.weeks[1])
    ):
        return False
    if not compiled.negation_inside and any(
        _is_negated(analysis, index, rule.category) for index in {found[0], min(found)}
    ):
        return False
    if compiled.unless is not None:
        if rule.unless_before is None:
            clauses = {tokens[index].clause for index in found}
            nearby = [token for token in tokens if token.clause in clauses]
        else:
            start = min(found)
            nearby = [
                token
                for token in tokens[max(0, start - rule.unless_before) : start]
                if token.clause == first.clause
            ]
        if any(compiled.unless.matches(token) for token in nearby):
            return False
    clause = first.clause
    # A past event is skipped, unless the same clause says it is back ("again", "now");
    # so is one the sentence then says is over ("… but then he started moving again").
    if sentence.history and clause not in sentence.present:
        return False
    if rule.category in red_flags.EVENT_CATEGORIES and any(
        index > min(found) for index in sentence.averted
    ):
        return False
    if rule.category not in red_flags.NOT_UNDONE_BY_FEELING_FINE and any(
        index > min(found) for index in sentence.resolved
    ):
        return False
    if rule.category in red_flags.NEVER_SKIPPED_FOR_CONTEXT:
        return True
    if sentence.other_person and clause in sentence.about_others:
        return False
    # A general question ("what are the signs of …", "what if my waters break") hides
    # the words it names, unless the reader then describes herself in that clause
    # ("what do I do if I'm bleeding").
    start = min(found)
    return not any(
        index < start
        and (reach is None or clause in reach)
        and not any(
            index < current < start and current_clause == clause
            for current, current_clause in sentence.current
        )
        for index, reach in sentence.information
    )


@dataclass(frozen=True)
class RedFlag:
    """One red flag found: its category and the words of the question that showed it."""

    category: str
    evidence: str

    @property
    def label(self):
        return red_flags.CATEGORY_LABELS[self.category]


@dataclass(frozen=True)
class Cue:
    """One self-harm cue found (``comments.self_harm_cues``): its kind, strength and words."""

    kind: str
    strong: bool
    words: str

    def __str__(self):
        return f"{self_harm_cues.KINDS[self.kind]}: {self.words}"


@dataclass(frozen=True)
class Triage:
    """What triage found in a question: every red flag, and the most serious category."""

    flags: tuple = ()
    # The self-harm cues found, whether or not they were enough to flag the question.
    cues: tuple = ()
    # The self-harm model's probability (``comments.self_harm_model``); None without a model.
    self_harm_probability: float | None = None

    @property
    def is_urgent(self):
        return bool(self.flags)

    @property
    def category(self):
        """The most serious category found (``red_flags.CATEGORIES`` order), or None."""
        if not self.flags:
            return None
        found = {flag.category for flag in self.flags}
        return next(category for category in red_flags.CATEGORIES if category in found)

    @property
    def evidence(self):
        """The words that showed each red flag, most serious category first, once each."""
        order = {category: index for index, category in enumerate(red_flags.CATEGORIES)}
        seen, evidence = set(), []
        for flag in sorted(self.flags, key=lambda flag: order[flag.category]):
            if flag.evidence not in seen:
                seen.add(flag.evidence)
                evidence.append(flag.evidence)
        return evidence


# Triage reads at most this much of a text: as much as a question can hold, and
# a bound on the work a hostile post can cause before the form refuses it.
MAX_TEXT = 2000


# The evidence when only the self-harm model flagged a question. It is stored in English
# with the question, like the rest of the evidence, and shown in the midwife's language
# by ``readable_evidence``.
MODEL_EVIDENCE = gettext_noop("wording like messages about self-harm: %(words)s")
_MODEL_EVIDENCE_START = MODEL_EVIDENCE.split("%")[0]
_DEFAULT_MODEL = object()


def model_evidence(words):
    """The plain-words evidence of a self-harm flag raised by the model alone."""
    return MODEL_EVIDENCE % {"words": ", ".join(f"'{word}'" for word in words)}


def readable_evidence(evidence):
    """
    ``evidence`` (one item of ``Triage.evidence``) in the active language: the model's
    sentence is translated; the reader's own words are shown as she wrote them.
    """
    if evidence.startswith(_MODEL_EVIDENCE_START):
        return gettext(MODEL_EVIDENCE) % {"words": evidence[len(_MODEL_EVIDENCE_START) :]}
    return evidence


def triage(text, *, model=_DEFAULT_MODEL):
    """
    Screen ``text`` for red flags in English and Spanish and return a ``Triage``.

    ``model`` is the self-harm model to consult (the committed one by default; None for
    the rules alone, as the cross-validation measures them).
    """
    if model is _DEFAULT_MODEL:
        model = self_harm_model.load()
    text = (text or "")[:MAX_TEXT]
    flags = []
    analyses = []
    for language, rules in _rules().items():
        analysis = analyse(text, language)
        analyses.append(analysis)
        positions = _word_positions(analysis.tokens)
        for compiled in rules:
            if any(flag.category == compiled.rule.category for flag in flags):
                continue
            evidence = _first_match(analysis, compiled, positions, _applies)
            if evidence is not None:
                flags.append(RedFlag(compiled.rule.category, evidence))
    cues = find_cues(analyses)
    if not any(flag.category == "self_harm" for flag in flags) and cues_flag(cues):
        flags.append(RedFlag("self_harm", "; ".join(str(cue) for cue in cues)))
    probability = None
    if model is not None:
        # A second opinion: the rules and cues miss indirect wording they were not written
        # for. The model reads the same analysed words and only adds a self-harm flag.
        found = self_harm_model.features(analyses)
        probability = model.probability(found)
        # Only for a question the rules left routine: a bleeding or a violence question is
        # already urgent and keeps its category (the model was taught those are not
        # self-harm, and a self-harm flag would take precedence over them).
        if probability >= model.threshold and not flags and not self_harm_declined(analyses):
            flags.append(RedFlag("self_harm", model_evidence(model.top_words(found))))
    return Triage(tuple(flags), cues, probability)


def self_harm_declined(analyses):
    """
    True when the question says no to self-harm in the words the rules and cues know:
    one of them matches but is negated ("I've never hurt myself", "no tengo ganas de
    morirme"), or in a sentence about the past that is not said to be back ("I self-harmed
    years ago, I'm well now"), or a wish to die is laughed off ("me quiero morir jajaja").
    The model reads words, not that context, so it must not bring back what the rules set
    aside. Only asked when the model would flag, which is rare, so its cost does not matter.
    """
    for analysis in analyses:
        if any(token.word == "xidiomx" for token in analysis.tokens):
            return True
        positions = _word_positions(analysis.tokens)
        self_harm_rules = (
            compiled
            for compiled in _rules()[analysis.language]
            if compiled.rule.category == "self_harm"
        )
        cues = (compiled for _, compiled in _compiled_cues().get(analysis.language, ()))
        for compiled in (*self_harm_rules, *cues):
            if _first_match(analysis, compiled, positions, _said_not_or_past):
                return True
    return False


def _said_not_or_past(compiled, analysis, found):
    """A self-harm rule or cue at ``found`` that is negated or in a past that is over."""
    return _negated_at(compiled, analysis, found) or _in_a_past_that_is_over(analysis, found)


def _negated_at(compiled, analysis, found):
    """The self-harm rule or cue at ``found`` is negated ("I've never wanted to hurt myself")."""
    return not compiled.negation_inside and any(
        _is_negated(analysis, index, "self_harm") for index in {found[0], min(found)}
    )


def _in_a_past_that_is_over(analysis, found):
    """``found`` is in a sentence about the past, in a clause not said to be back nor wished now."""
    first = analysis.tokens[found[0]]
    sentence = analysis.sentences[first.sentence]
    return bool(
        sentence.history
        and first.clause not in sentence.present
        and not _wished_now(analysis.tokens, first.clause, sentence, analysis.language)
    )


def _word_positions(tokens):
    """
    Where each distinct word stands: a pattern's first word is tried once per word,
    not once per token, so long or repetitive texts cost little.
    """
    positions = {}
    for index, token in enumerate(tokens):
        positions.setdefault(token.word, []).append(index)
    return positions


def _first_match(analysis, compiled, positions, applies):
    """The words of the first place ``compiled`` matches and ``applies`` accepts, or None."""
    tokens = analysis.tokens
    first = compiled.slots[0]
    starts = sorted(
        index
        for indexes in positions.values()
        if first.matches(tokens[indexes[0]])
        for index in indexes
    )
    for start in starts:
        found = _match_from(tokens, start, compiled)
        if found is not None and applies(compiled, analysis, found):
            low, high = min(found), max(found)
            return _readable(analysis.text[tokens[low].start : tokens[high].end])
    return None


# --- Self-harm cues ---------------------------------------------------------------------


def cues_flag(cues):
    """
    True when the cues found show self-harm: a strong one, or two different kinds said in
    different words ("my mum died" is a loss, not also a death wish).
    """
    if any(cue.strong for cue in cues):
        return True
    return any(
        first.kind != second.kind and first.words != second.words
        for index, first in enumerate(cues)
        for second in cues[index + 1 :]
    )


@lru_cache(maxsize=1)
def _compiled_cues():
    compiled = {language: [] for language in STEMMERS}
    for cue in self_harm_cues.CUES:
        rule = red_flags.Rule("self_harm", cue.language, cue.slots, gap=cue.gap, unless=cue.unless)
        compiled[cue.language].append((cue, _compile(rule, cue.language)))
    return {language: tuple(cues) for language, cues in compiled.items()}


def find_cues(analyses):
    """
    The self-harm cues in the analysed question (one ``analyse`` per language), one of
    each kind, strong before weak, in ``self_harm_cues.KINDS`` order.
    """
    found = {}
    for analysis in analyses:
        positions = _word_positions(analysis.tokens)
        for cue, compiled in _compiled_cues().get(analysis.language, ()):
            if cue.kind in found and (found[cue.kind].strong or not cue.strong):
                continue
            words = _first_match(
                analysis,
                compiled,
                positions,
                lambda compiled, analysis, found, kind=cue.kind: _cue_applies_to(
                    compiled, analysis, found, kind
                ),
            )
            if words is not None:
                found[cue.kind] = Cue(cue.kind, cue.strong, words)
    order = list(self_harm_cues.KINDS)
    return tuple(sorted(found.values(), key=lambda cue: (not cue.strong, order.index(cue.kind))))


def _cue_applies(compiled, analysis, found):
    return _cue_applies_to(compiled, analysis, found, None)


def _cue_applies_to(compiled, analysis, found, cue_kind):
    """
    A cue counts when the reader says it of herself, now: not negated, not undone by an
    ``unless`` word in its clause, not in a sentence about the past that is not said to
    be back, not in a clause about someone else.
    """
    tokens = analysis.tokens
    first = tokens[found[0]]
    sentence = analysis.sentences[first.sentence]
    if _negated_at(compiled, analysis, found):
        return False
    if compiled.unless is not None:
        clauses = {tokens[index].clause for index in found}
        if any(compiled.unless.matches(token) for token in tokens if token.clause in clauses):
            return False
    if cue_kind not in self_harm_cues.TIMELESS and _in_a_past_that_is_over(analysis, found):
        return False
    # Someone else's words ("my sister took an overdose") are not a cue, unless the
    # reader is in the same clause herself ("I've had most of my husband's diazepam").
    # Goodbyes, burdens and reunions are said to or of someone else by nature ("gave the
    # dog to my mum", "estar con mi hija en el cielo").
    if cue_kind in self_harm_cues.SAID_TO_OTHERS:
        return True
    if sentence.other_person and first.clause in sentence.about_others:
        return any(
            token.word in self_harm_cues.SELF_WORDS[analysis.language]
            for token in tokens
            if token.clause == first.clause
        )
    return True


def _wished_now(tokens, clause, sentence, language):
    """
    A wish in the present ("solo quiero estar con mi hija en el cielo, la perdí hace dos
    meses") is not about the past: the time belongs to the loss, in another clause.
    """
    if clause in sentence.history_clauses:
        return False
    wishes = self_harm_cues.WISH_WORDS[language]
    return any(token.word in wishes for token in tokens if token.clause == clause)


_PATTERN_WORDS = {
    "xfreqx": "every few minutes",
    "xwavex": "coming and going",
    "xbphighx": "high blood pressure",
    "xtemphighx": "38 °C or more",
    "xtemplowx": "under 37.5 °C",
    "xpurposex": "on purpose",
    "xaccidentx": "not on purpose",
    "xmanyx": "many",
    "xsensex": "sentido",
    "xalonex": "",
    "xitchscratchx": "scratching an itch",
    "xidiomx": "",
}


def _readable(evidence):
    for token, words in _PATTERN_WORDS.items():
        evidence = evidence.replace(token, words)
    return " ".join(evidence.split())


def find_red_flags(text):
    """The words of ``text`` that show a red flag (empty when there is none)."""
    return triage(text).evidence
