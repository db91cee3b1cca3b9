"""Readers' answers to "Was this information useful?" under each article."""

import html
import re

import bleach
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .articles import LANGUAGE_CHOICES

REASON_MAX_LENGTH = 300
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def clean_reason(text):
    """A reader's reason as plain text: no markup, no control characters, single spaces."""
    text = _CONTROL.sub(" ", text or "")
    # bleach leaves entities for < and &: readers' text is shown escaped, so undo them.
    text = html.unescape(bleach.clean(text, tags=set(), strip=True))
    return re.sub(r"\s+", " ", text).strip()[:REASON_MAX_LENGTH]


class FeedbackQuerySet(models.QuerySet):
    def summary_by_article(self):
        """Per article: ``yes``, ``no`` and ``total`` counts."""
        return self.values("article").annotate(
            yes=models.Count("pk", filter=models.Q(useful=True)),
            no=models.Count("pk", filter=models.Q(useful=False)),
            total=models.Count("pk"),
        )


class Feedback(models.Model):
    """One reader's vote on one article page, with an optional reason when it was not useful."""

    article = models.ForeignKey(
        "healthinfo.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="feedback",
    )
    language = models.CharField(_("language"), max_length=10, choices=LANGUAGE_CHOICES)
    useful = models.BooleanField(_("useful"))
    reason = models.CharField(_("reason"), max_length=REASON_MAX_LENGTH, blank=True)
    created_at = models.DateTimeField(_("given at"), default=timezone.now, editable=False)

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")

    def __str__(self):
        return f"{self.article} — {_('useful') if self.useful else _('not useful')}"

    def save(self, *args, **kwargs):
        # Readers' text is stored as plain text, whatever the path it came by.
        self.reason = clean_reason(self.reason) if not self.useful else ""
        super().save(*args, **kwargs)
