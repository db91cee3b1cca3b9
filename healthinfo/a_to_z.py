"""
The A-Z index of the articles in one language: each page under its title and
under every alternate name readers know it by ("Incompetent cervix → Cervical
insufficiency"), grouped by initial and sorted with accents folded ("Úlcera"
under U, between "Ubicación" and "Urticaria").

One query for the whole index, whatever the number of articles: the titles and
alternate names of the published translations, nothing else. Initials cannot
be read from the alternate names in SQL (one text field, a name per line), and
the page is rendered once and shared by every reader (``shared_pages``).
"""

import unicodedata
from dataclasses import dataclass

from django.urls import reverse
from django.utils import translation

from healthinfo.models import ArticleTranslation, current_language

# Initials that are not letters share one group, listed last.
OTHER = "#"


def folded(text):
    """``text`` without accents and case, for sorting and comparing ("Úlcera" → "ulcera")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def letter_of(name):
    """The letter ``name`` is listed under ("Á…" → "A"); initials that are no letter → "#"."""
    initial = folded(name.strip())[:1].upper()
    return initial if initial.isalpha() and len(initial) == 1 else OTHER


def requested_letter(value):
    """
    The letter a reader asked for in ``?letter=`` ("c" → "C", "é" → "E", "#"),
    or None when ``value`` is not one letter (or "#").
    """
    if value == OTHER:
        return OTHER
    if len(value) != 1 or not value.isalpha():
        return None
    letter = letter_of(value)
    return None if letter == OTHER else letter


@dataclass(frozen=True)
class Entry:
    """One line of the index: ``name`` leads to the page ``title`` at ``url``."""

    name: str
    title: str
    url: str

    @property
    def is_alternate_name(self):
        return self.name != self.title

    @property
    def letter(self):
        return letter_of(self.name)

    @property
    def sort_key(self):
        return (folded(self.name), self.name, folded(self.title), self.url)


def entries(language=None):
    """Every entry of the index in ``language`` (default: the active one), in order."""
    language = language or current_language()
    rows = (
        ArticleTranslation.objects.published()
        .in_language(language)
        .values_list("title", "alternate_names", "article__slug")
    )
    found = {}
    with translation.override(language):
        for title, alternate_names, slug in rows:
            url = reverse("healthinfo:article", kwargs={"slug": slug})
            for name in [title, *(name.strip() for name in alternate_names.splitlines())]:
                # A name given twice for one page, or differing only in accents, is listed once.
                if name and (folded(name), url) not in found:
                    found[folded(name), url] = Entry(name=name, title=title, url=url)
    return sorted(found.values(), key=lambda entry: entry.sort_key)


def letters(index):
    """The letters that have entries in ``index``, A to Z, then "#"."""
    return sorted({entry.letter for entry in index}, key=lambda letter: (letter == OTHER, letter))
