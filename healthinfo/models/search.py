"""The vocabulary of the published pages, for "Did you mean …?" suggestions."""

from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.utils.translation import gettext_lazy as _

from .articles import LANGUAGE_CHOICES


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
