"""
Article search.

This is the portable search that works on every database: each word of the
query must appear in the title, alternate names, summary or a section body,
and title/alternate-name matches rank first.
"""

import re

from django.db.models import Case, IntegerField, Q, Value, When

from healthinfo.models import ArticleTranslation

MAX_QUERY_LENGTH = 200
MAX_TERMS = 8

_WORD = re.compile(r"\w+", re.UNICODE)


def query_terms(query):
    """The searchable words of ``query``: letters and digits only, at most ``MAX_TERMS``."""
    return _WORD.findall((query or "")[:MAX_QUERY_LENGTH].lower())[:MAX_TERMS]


def refresh_search_document(translation):
    """Rebuild the stored search document of ``translation`` (after its content changed)."""


def search_translations(query, language):
    """Published translations in ``language`` matching every word of ``query``, best first."""
    terms = query_terms(query)
    if not terms:
        return ArticleTranslation.objects.none()
    matches = Q()
    title_hits = Q()
    for term in terms:
        in_names = Q(title__icontains=term) | Q(alternate_names__icontains=term)
        matches &= (
            in_names
            | Q(summary__icontains=term)
            | Q(sections__body__icontains=term)
            | Q(sections__heading__icontains=term)
        )
        title_hits &= in_names
    return (
        ArticleTranslation.objects.published()
        .in_language(language)
        .filter(matches)
        .annotate(
            name_match=Case(
                When(title_hits, then=Value(1)), default=Value(0), output_field=IntegerField()
            )
        )
        .select_related("article")
        .distinct()
        .order_by("-name_match", "title")
    )
