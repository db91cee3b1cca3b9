"""
The A-Z index of the articles in one language: each page under its title and
under every alternate name readers know it by ("Incompetent cervix → Cervical
insufficiency"), grouped by initial and sorted with accents folded ("Úlcera"
under U, between "Ubicación" and "Urticaria"). In Spanish, Ñ is a letter of its
own, not an accented N: "Ñ" has its own group after N, and "año" sorts after
"anuria" (and is not "ano").

One query for the whole index, whatever the number of articles: the titles and
alternate names of the published translations, nothing else. Initials cannot
be read from the alternate names in SQL (one text field, a name per line), and
the page is rendered once and shared by every reader (``shared_pages``).
"""

import unicodedata
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import translation

from healthinfo.models import ArticleTranslation, current_language

# Initials that are not letters share one group, listed last.
OTHER = "#"
_SLUG = "a-to-z-slug"


# Spanish ñ, folded: "n" then a character above every letter, so that it sorts
# after every "n…" and before "o" ("anuria" < "año" < "aorta").
_ENYE = "n\uffff"
_LANGUAGES_WITH_ENYE = {"es"}


def folded(text, language=None):
    """
    ``text`` without accents and case, for sorting and comparing ("Úlcera" →
    "ulcera"); in Spanish ñ is kept apart from n.
    """
    if text.isascii():
        return text.lower()
    if language in _LANGUAGES_WITH_ENYE:
        text = text.replace("ñ", _ENYE).replace("Ñ", _ENYE)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def letter_of(name, language=None):
    """The letter ``name`` is listed under ("Á…" → "A"); initials that are no letter → "#"."""
    return _letter_of_folded(folded(name.strip(), language))


def _letter_of_folded(name):
    if name.startswith(_ENYE):
        return "Ñ"
    initial = name[:1].upper()
    return initial if initial.isalpha() and len(initial) == 1 else OTHER


def requested_letter(value, language=None):
    """
    The letter a reader asked for in ``?letter=`` ("c" → "C", "é" → "E", "#";
    "ñ" → "Ñ" in Spanish, "N" elsewhere), or None when ``value`` is not one
    letter (or "#").
    """
    if value == OTHER:
        return OTHER
    if len(value) != 1 or not value.isalpha():
        return None
    letter = letter_of(value, language)
    return None if letter == OTHER else letter


@dataclass(frozen=True)
class Entry:
    """One line of the index: ``name`` leads to the page ``title`` at ``url``."""

    name: str
    title: str
    url: str
    # ``name`` folded (``folded``), and the letter it is listed under.
    folded_name: str = field(repr=False)
    letter: str

    @property
    def is_alternate_name(self):
        return self.name != self.title


def entries(language=None):
    """Every entry of the index in ``language`` (default: the active one), in order."""
    language = language or current_language()
    rows = (
        ArticleTranslation.objects.published()
        .in_language(language)
        .values_list("title", "alternate_names", "article__slug")
    )
    # One reverse() for all rows: a slug is letters, digits, "-" and "_" only.
    with translation.override(language):
        address = reverse("healthinfo:article", kwargs={"slug": _SLUG})
    found = {}
    for title, alternate_names, slug in rows:
        url = address.replace(_SLUG, slug)
        for name in [title, *(name.strip() for name in alternate_names.splitlines())]:
            key = folded(name, language)
            # A name given twice for one page, or differing only in accents, is listed once.
            if name and (key, url) not in found:
                found[key, url] = Entry(name, title, url, key, _letter_of_folded(key.lstrip()))
    return sorted(
        found.values(), key=lambda entry: (entry.folded_name, entry.name, entry.title, entry.url)
    )


def letters(index):
    """The letters that have entries in ``index``, A to Z (Ñ after N), then "#"."""
    return sorted(
        {entry.letter for entry in index},
        key=lambda letter: (letter == OTHER, folded(letter, "es")),
    )
