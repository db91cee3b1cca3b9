"""
Keeping each page's stored plain-language scores in step with the page.

A change to a translation or one of its sections schedules one new score for
that translation when the transaction commits (however many sections an
admin page saved); a failure to score is logged and never undoes the edit. A
change to the glossary marks that language's scores out of date (one
UPDATE): ``manage.py score_plain_language`` or the report's button scores
them again.
"""

import logging

from django.db import transaction
from django.utils import timezone

from healthinfo.plain_language.analysis import analyse
from healthinfo.plain_language.highlight import highlight
from healthinfo.plain_language.models import (
    GlossaryTerm,
    ReadabilityScore,
    ReadabilityTarget,
)
from healthinfo.plain_language.text import page_blocks

logger = logging.getLogger(__name__)


def check_translation(translation, *, glossary=None, target=None):
    """The ``Report`` of ``translation`` as its readers see it now (3 queries)."""
    return _check(translation, glossary, target)[1]


def highlight_translation(translation):
    """
    ``(report, blocks)``: the ``Report`` of ``translation`` (a live page or a
    draft) and its text as readers see it, with the longest sentences and the
    hardest words marked (``healthinfo.plain_language.highlight``). 3 queries.
    """
    blocks, report = _check(translation)
    return report, highlight(blocks, report)


def _check(translation, glossary=None, target=None):
    if glossary is None:
        glossary = GlossaryTerm.objects.entries(translation.language)
    if target is None:
        target = ReadabilityTarget.objects.for_languages().get(translation.language)
    sections = list(translation.sections.order_by("order", "pk"))
    blocks = page_blocks(translation, sections)
    return blocks, analyse(blocks, translation.language, glossary=glossary, target=target)


def score_translation(translation, *, glossary=None, target=None):
    """Compute and store the score of ``translation``; return the ``ReadabilityScore``."""
    report = check_translation(translation, glossary=glossary, target=target)
    score, _created = ReadabilityScore.objects.update_or_create(
        translation=translation,
        defaults={
            "formula": report.formula,
            "score": report.score,
            "words": report.words,
            "reading_minutes": report.reading_minutes,
            "long_sentences": len(report.longest_sentences),
            "jargon": [item["term"] for item in report.jargon],
            "details": {
                "sentences": report.sentences,
                "reading_age": report.reading_age,
                "fernandez_huerta": report.fernandez_huerta,
                "hard_words": [item["word"] for item in report.hard_words],
            },
            "stale": False,
            "computed_at": timezone.now(),
        },
    )
    return score


def _score_now(translation_id):
    from healthinfo.models import ArticleTranslation

    translation = ArticleTranslation.objects.filter(pk=translation_id).first()
    if translation is None:
        return
    try:
        score_translation(translation)
    except Exception:
        # The check advises; it must never break saving a page.
        logger.exception("Plain-language score of translation %s failed", translation_id)


def schedule_score(translation_id):
    """Score the translation once the current transaction commits (once per transaction)."""
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        for _savepoints, callback, _robust in connection.run_on_commit:
            if getattr(callback, "plain_language_translation", None) == translation_id:
                return

    def run():
        _score_now(translation_id)

    run.plain_language_translation = translation_id
    transaction.on_commit(run, robust=True)


def mark_stale(language):
    """After a glossary change: that language's scores need computing again."""
    return ReadabilityScore.objects.filter(translation__language=language).update(stale=True)


def score_pages(queryset, *, limit=None):
    """
    Score the translations of ``queryset`` (all, or the first ``limit``), with
    the glossary and targets loaded once; return how many were scored.
    """
    targets = ReadabilityTarget.objects.for_languages()
    glossaries = {}
    done = 0
    for translation in queryset.order_by("pk")[:limit] if limit else queryset.order_by("pk"):
        language = translation.language
        if language not in glossaries:
            glossaries[language] = GlossaryTerm.objects.entries(language)
        score_translation(translation, glossary=glossaries[language], target=targets.get(language))
        done += 1
    return done
