"""
Published versions of articles and the audit trail of what happened to them.

A ``Version`` is an immutable snapshot of one language of an article as
readers saw it when it was published: the words, the references, the figures
and the review box. Published health pages are cited later (in complaints, in
court), so a version is never changed or deleted once written; the database
rows refuse it through every ORM path we control.

An ``ArticleEvent`` is one line of the article's audit trail: who created,
edited, submitted, published, reviewed, unpublished or restored it, and when.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from .articles import LANGUAGE_CHOICES, Article, ArticleTranslation


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


def build_snapshot(translation):
    """
    Everything a reader of ``translation`` sees, as plain JSON-ready data.

    Reads the article's review box from ``translation.article`` (its last
    whole-page review with sign-offs), so the archive shows who vouched for
    that version even after later reviews.
    """
    from healthinfo.article_page import render_sections

    article = translation.article
    review = article.last_review
    sections = list(translation.sections.all())
    render_sections(translation, sections)
    return {
        "slug": article.slug,
        "language": translation.language,
        "category": article.category.name(translation.language),
        "title": translation.title,
        "summary": translation.summary,
        "alternate_names": translation.alternate_name_list,
        "sections": [
            {"heading": s.heading, "anchor": s.anchor, "body": s.body, "html": s.html}
            for s in sections
        ],
        "references": [
            {
                "authors": r.authors,
                "title": r.title,
                "source": r.source,
                "year": r.year,
                "volume": r.volume,
                "issue": r.issue,
                "pages": r.pages,
                "doi": r.doi,
                "pmid": r.pmid,
                "url": r.url,
                "accessed_on": r.accessed_on.isoformat() if r.accessed_on else None,
                # As rendered at publication, so a later change of citation style
                # does not rewrite the archive.
                "citation": r.citation,
                "doi_url": r.doi_url,
                "pubmed_url": r.pubmed_url,
            }
            for r in translation.references.all()
        ],
        "figures": [
            {
                "image": f.image.name,
                "url": f.image.url if f.image else "",
                "alt_text": f.alt_text,
                "caption": f.caption,
                "credit": f.credit,
            }
            for f in translation.figures.all()
        ],
        "review": {
            "last_reviewed_on": (
                article.last_reviewed_on.isoformat() if article.last_reviewed_on else None
            ),
            "next_review_due": (
                article.next_review_due.isoformat() if article.next_review_due else None
            ),
            "reviewed_by": review.reviewer_signature if review else "",
            "also_reviewed_by": [s.signature for s in review.signoffs.all()] if review else [],
        },
    }


def _version_after_commit(article_id):
    from healthinfo.services import record_published_changes

    # Once per article and transaction, however many sections an edit saves.
    pending = transaction.get_connection().run_on_commit
    if any(getattr(entry[1], "versions_article_id", None) == article_id for entry in pending):
        return

    def record():
        record_published_changes(article_id)

    record.versions_article_id = article_id
    # robust: a failure is logged, never turned into an error after the edit committed.
    transaction.on_commit(record, robust=True)


@receiver([post_save, post_delete], sender="healthinfo.Section")
@receiver([post_save, post_delete], sender="healthinfo.Reference")
@receiver([post_save, post_delete], sender="healthinfo.Figure")
def part_of_published_page_changed(sender, instance, origin=None, **kwargs):
    """
    Whatever the path of an edit (the translation admin, the shell), a change
    to a published page gets its new version as soon as the edit commits.
    """
    if isinstance(origin, (Article, ArticleTranslation)):
        return  # deleted with its translation or article
    article_id = (
        ArticleTranslation.objects.filter(pk=instance.translation_id)
        .values_list("article_id", flat=True)
        .first()
    )
    if article_id is not None:
        _version_after_commit(article_id)


@receiver([post_save, post_delete], sender="healthinfo.ArticleTranslation")
def published_translation_changed(sender, instance, origin=None, **kwargs):
    if isinstance(origin, Article):
        return  # deleted with its article
    _version_after_commit(instance.article_id)
