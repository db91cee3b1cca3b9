"""
Published versions of articles and the audit trail of what happened to them.

A ``Version`` is an immutable snapshot of one language of an article as
readers saw it when it was published: the words, the references, the figures
and the review box. Published health pages are cited later (in complaints, in
court), so a version is never changed or deleted once written; the database
rows refuse it through every ORM path we control.

An ``ArticleEvent`` is one line of the article's audit trail: who created,
edited, submitted, published, reviewed, unpublished or restored it, and when.

The snapshot itself is built above the models (``healthinfo.snapshots``),
because it renders links the way the article page does.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from .articles import LANGUAGE_CHOICES


class ImmutableVersionError(ValidationError):
    """Raised when code tries to change or delete a published version."""


class VersionQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ImmutableVersionError(_("Published versions cannot be changed."))

    def delete(self):
        raise ImmutableVersionError(_("Published versions cannot be deleted."))

    def for_article(self, article):
        """The article's versions, newest first, without the (large) snapshot."""
        return self.filter(article=article).defer("content").order_by("-published_at", "-pk")

    def latest_for(self, article, language):
        """The newest version of ``article`` in ``language``, or None."""
        return self.filter(article=article, language=language).order_by("-number").first()


class Version(models.Model):
    """An immutable snapshot of one language of an article as published."""

    article = models.ForeignKey(
        "healthinfo.Article",
        verbose_name=_("article"),
        # Versions outlive edits; deleting an article with versions is refused.
        on_delete=models.PROTECT,
        related_name="versions",
    )
    language = models.CharField(_("language"), max_length=10, choices=LANGUAGE_CHOICES)
    number = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=200)
    content = models.JSONField(_("snapshot"))
    published_at = models.DateTimeField(_("published"), default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Who vouched for this version: the review that signed it off, or an editor's
    # declaration that the change was not clinical. Written with the version, never after.
    sign_off = models.ForeignKey(
        "healthinfo.Review",
        verbose_name=_("signed off by review"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="signed_versions",
    )
    non_clinical_change = models.ForeignKey(
        "healthinfo.NonClinicalChange",
        verbose_name=_("non-clinical change"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="versions",
    )

    objects = VersionQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["article", "language", "number"], name="unique_version_number"
            )
        ]
        ordering = ["article", "language", "-number"]
        verbose_name = _("published version")
        verbose_name_plural = _("published versions")

    def __str__(self):
        return f"{self.title} ({self.language}) v{self.number}"

    def save(self, *args, **kwargs):
        if self.pk is not None or not self._state.adding:
            raise ImmutableVersionError(_("Published versions cannot be changed."))
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        """The citable permalink, in the version's own language."""
        with translation.override(self.language):
            return reverse(
                "healthinfo:version",
                kwargs={"slug": self.article.slug, "number": self.number},
            )

    def delete(self, *args, **kwargs):
        raise ImmutableVersionError(_("Published versions cannot be deleted."))


class ArticleEvent(models.Model):
    """One line of an article's audit trail."""

    class Action(models.TextChoices):
        CREATED = "created", _("Created")
        EDITED = "edited", _("Edited")
        SUBMITTED = "submitted", _("Submitted for review")
        PUBLISHED = "published", _("Published")
        REVIEWED = "reviewed", _("Reviewed")
        ASSIGNED = "assigned", _("Review assigned")
        UNPUBLISHED = "unpublished", _("Unpublished")
        RESTORED = "restored", _("Restored as draft")
        DRAFT_STARTED = "draft_started", _("Draft started")
        DRAFT_DISCARDED = "draft_discarded", _("Draft discarded")
        SCHEDULED = "scheduled", _("Publication scheduled")
        SCHEDULED_PUBLISH = "scheduled_publish", _("Published as scheduled")
        SCHEDULED_UNPUBLISH = "scheduled_unpublish", _("Unpublished as scheduled")
        SCHEDULE_FAILED = "schedule_failed", _("Scheduled publication failed")
        WITHDRAWN = "withdrawn", _("Withdrawn after review")

    article = models.ForeignKey(
        "healthinfo.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="events",
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("article event")
        verbose_name_plural = _("article events")

    def __str__(self):
        return f"{self.article} — {self.get_action_display()} ({self.at:%Y-%m-%d %H:%M})"
