"""
What search reads: one stored document per page, the vocabulary of the pages
(for "Did you mean …?") and the lay-term dictionary that editors keep.
"""

import re

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .articles import LANGUAGE_CHOICES, Article, ArticleTranslation

_HAS_WORD = re.compile(r"[^\W_]", re.UNICODE)
MAX_PHRASES = 30
MAX_PHRASE_LENGTH = 100


class SearchTerm(models.Model):
    """
    One word that appears in an article translation, per language.

    Search suggests the closest of these (trigram similarity on PostgreSQL)
    when a query finds nothing, so "cervicle" offers "cervical". Words are
    added as translations are saved; ``manage.py rebuild_search`` starts the
    list afresh.
    """

    language = models.CharField(_("language"), max_length=10, choices=LANGUAGE_CHOICES)
    word = models.CharField(_("word"), max_length=60)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["language", "word"], name="unique_search_term")
        ]
        # Created on PostgreSQL only (see migration 0006).
        indexes = [GinIndex(fields=["word"], opclasses=["gin_trgm_ops"], name="search_term_trgm")]
        verbose_name = _("search term")
        verbose_name_plural = _("search terms")

    def __str__(self):
        return self.word


class SearchDocument(models.Model):
    """
    What search reads of one article translation, rebuilt whenever it or a
    section changes (``healthinfo.search.documents``).

    ``text`` is the sections as plain text, each a heading line followed by its
    body, separated by a blank line, so extracts can name the section they come
    from. On PostgreSQL, ``vector`` is the whole weighted document (title and
    alternate names A, summary B, sections C; GIN index) that queries match,
    and ``head`` only its A and B parts: ranking thousands of matches reads
    ``head``, a few hundred bytes, instead of every section.
    """

    translation = models.OneToOneField(
        ArticleTranslation,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_document",
        verbose_name=_("article translation"),
    )
    # The translation's article and language, so a search reads this table alone.
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="+", verbose_name=_("article")
    )
    language = models.CharField(_("language"), max_length=10, choices=LANGUAGE_CHOICES)
    text = models.TextField(_("section text"), blank=True)
    vector = SearchVectorField(null=True)
    head = SearchVectorField(null=True)

    class Meta:
        # The GIN indexes are created on PostgreSQL only (see the migration).
        indexes = [
            GinIndex(fields=["vector"], name="search_document_vector"),
            GinIndex(fields=["head"], name="search_document_head"),
            models.Index(fields=["language", "article"], name="search_document_language"),
        ]
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")

    def __str__(self):
        return str(self.translation_id)

    def sections(self):
        """(heading, text) of each section, in order."""
        for block in self.text.split("\n\n"):
            heading, _newline, body = block.partition("\n")
            if heading or body:
                yield heading, body


class SearchHead(models.Model):
    """
    The small weighted vector (title and alternate names A, summary B) of one
    published article translation: what search ranks first.

    A row exists only while its article is published, and holds what readers
    see: it is written where content becomes public or stops being public
    (``healthinfo.search.documents.refresh_search_heads``, called whenever an
    article's status or unpublish time is saved and whenever a live page's
    search document is rebuilt); drafts never reach it. Ranking thousands of
    matches reads these rows (a few hundred bytes, no section text) and needs no
    join to the articles to know which pages readers may see: only the
    unpublish time, copied here, is compared with the clock.
    """

    translation = models.OneToOneField(
        ArticleTranslation,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="+",
        verbose_name=_("article translation"),
    )
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="+", verbose_name=_("article")
    )
    language = models.CharField(_("language"), max_length=10, choices=LANGUAGE_CHOICES)
    head = SearchVectorField(null=True)
    unpublish_at = models.DateTimeField(_("unpublish at"), null=True, blank=True)

    class Meta:
        # The GIN index is created on PostgreSQL only (see the migration). Rows
        # change only when pages are published or taken down: without a pending
        # list, searches never scan unmerged entries.
        indexes = [GinIndex(fields=["head"], name="search_head_head", fastupdate=False)]
        verbose_name = _("published search head")
        verbose_name_plural = _("published search heads")

    def __str__(self):
        return str(self.translation_id)


def phrases(value):
    """The non-blank lines of ``value``, stripped, in order and without repeats."""
    seen = []
    for line in (value or "").splitlines():
        phrase = " ".join(line.split())
        if phrase and phrase not in seen:
            seen.append(phrase)
    return seen


class LayTermQuerySet(models.QuerySet):
    def in_language(self, language):
        return self.filter(language=language)


class LayTerm(models.Model):
    """
    Words readers use, mapped to the words the pages use, in one language.

    "itchy" → "itching", "sugar" → "glucose", "waters" → "amniotic fluid",
    "losing a baby" → "miscarriage". A query that contains one of ``words``
    also finds pages with any of ``means`` (and still the reader's own words).
    ``other_language_means`` are the same terms in the other site language, so
    a Spanish reader's words also find pages that exist only in English.
    Editors keep the list in the admin; every change refreshes cached searches.
    """

    language = models.CharField(
        _("language"),
        max_length=10,
        choices=LANGUAGE_CHOICES,
        help_text=_("The language readers write these words in."),
    )
    words = models.TextField(
        _("readers write"),
        help_text=_(
            "One word or phrase per line, as readers type it, for example “itchy” or "
            "“losing a baby”. Small words such as “a” or “my” are ignored when matching."
        ),
    )
    means = models.TextField(
        _("pages say"),
        help_text=_("One term per line, in the same language, as the pages write it."),
    )
    other_language_means = models.TextField(
        _("pages in the other language say"),
        blank=True,
        help_text=_(
            "Optional: the same terms in the other site language (English for a Spanish "
            "entry), so that pages with no translation in the reader's language are found."
        ),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = LayTermQuerySet.as_manager()

    class Meta:
        ordering = ["language", "words"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(words="") & ~models.Q(means=""), name="lay_term_not_empty"
            )
        ]
        verbose_name = _("lay term")
        verbose_name_plural = _("lay terms (search dictionary)")

    def __str__(self):
        words = phrases(self.words)
        means = phrases(self.means)
        return f"{words[0] if words else '?'} → {means[0] if means else '?'}"

    def save(self, *args, **kwargs):
        # The admin, a data import and the shell all keep the same rules.
        self.full_clean()
        super().save(*args, **kwargs)

    def clean(self):
        errors = {}
        for field in ("words", "means", "other_language_means"):
            lines = phrases(getattr(self, field))
            if field != "other_language_means" and not lines:
                errors[field] = _("Write at least one word.")
            elif len(lines) > MAX_PHRASES:
                errors[field] = _("Write at most %(count)d lines.") % {"count": MAX_PHRASES}
            elif any(len(line) > MAX_PHRASE_LENGTH for line in lines):
                errors[field] = _("Each line can have at most %(count)d characters.") % {
                    "count": MAX_PHRASE_LENGTH
                }
            elif any(not _HAS_WORD.search(line) for line in lines):
                errors[field] = _("Each line needs letters or numbers.")
            else:
                setattr(self, field, "\n".join(lines))
        if errors:
            raise ValidationError(errors)

    @property
    def word_list(self):
        return phrases(self.words)

    @property
    def means_list(self):
        return phrases(self.means)

    @property
    def other_language_list(self):
        return phrases(self.other_language_means)
