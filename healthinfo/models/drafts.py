"""
Drafts: the changes editors make to an article before readers see them.

Editors never write the live page. Each language they change has one
``DraftTranslation`` (with its own ``DraftSection``, ``DraftReference`` and
``DraftFigure`` rows, the same fields as the live ones): ordinary rows that
an admin page edits with ordinary inlines. ``services.publish`` copies a
draft over the live page in one transaction and deletes it; until then
readers keep the published version.

Every change to any draft of an article moves ``Article.draft_revision`` on.
A sign-off (a review) or a ``NonClinicalChange`` names the revision it
approved, so a change made after it needs a new one. Each draft also counts
its own ``revision``, which the admin form carries to refuse a save made on
top of another editor's.
"""

from django.conf import settings
from django.db import models
from django.db.models import F
from django.db.models.functions import Coalesce
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .articles import (
    Article,
    ArticleTranslation,
    Figure,
    FigureContent,
    Reference,
    ReferenceContent,
    Section,
    SectionContent,
    TranslationContent,
    replacing_parts,
    replacing_parts_now,
)

PART_NAMES = ("sections", "references", "figures")


def _same(field, outer):
    """``field`` equals ``outer`` (an ``OuterRef``), NULL counting as equal to NULL."""
    return models.Q(**{field: outer}) | (
        models.Q(**{f"{field}__isnull": True}) & models.Q(models.lookups.IsNull(outer, True))
    )


def _count(queryset):
    """The number of rows of ``queryset`` (correlated to the outer query), as an expression."""
    counted = (
        queryset.order_by()
        .annotate(group=models.Value(1))
        .values("group")
        .annotate(n=models.Count("pk"))
        .values("n")[:1]
    )
    return Coalesce(models.Subquery(counted), 0)


def _parts_differ(draft_model, live_model):
    """
    True when a draft's parts (``draft_model`` rows) differ from its live page's
    (``live_model`` rows) in any field a copy carries, as multisets: the numbers
    differ, or some draft part occurs a different number of times among the
    draft's and among the live page's parts.
    """
    fields = draft_model.COPIED_FIELDS
    draft_parts = draft_model.objects.filter(translation=models.OuterRef("pk"))
    live_parts = live_model.objects.filter(
        translation__article=models.OuterRef("article"),
        translation__language=models.OuterRef("language"),
    )

    def like_this_part(model, **owner):
        condition = models.Q(**owner)
        for field in fields:
            condition &= _same(field, models.OuterRef(field))
        return model.objects.filter(condition)

    counted_differently = draft_parts.annotate(
        in_draft=_count(like_this_part(draft_model, translation=models.OuterRef("translation"))),
        in_live=_count(
            like_this_part(
                live_model,
                translation__article=models.OuterRef(models.OuterRef("article")),
                translation__language=models.OuterRef(models.OuterRef("language")),
            )
        ),
    ).exclude(in_draft=models.F("in_live"))
    same_number = models.lookups.Exact(_count(draft_parts), _count(live_parts))
    return ~models.Q(same_number) | models.Q(models.Exists(counted_differently))


class DraftTranslationQuerySet(models.QuerySet):
    def with_changes_live(self):
        """
        Annotate ``changes_live``: whether publishing this draft would change what
        readers see, that is, whether it is a new language or differs from its
        live page in its words, its "translated from" revision, or any field of
        any section, reference or figure.

        The one rule for "this draft changes the page": ``Article.pending_publication``
        (so ``services.publish`` and its sign-off check) and the sign-off lists and
        counts (``ArticleQuerySet.with_sign_off_state``) all ask it. A draft just
        started, or edited back to the live text, changes nothing.
        """
        same_page = models.Q(
            article=models.OuterRef("article"), language=models.OuterRef("language")
        )
        for field in (*TranslationContent.CONTENT_FIELDS, "source_revision"):
            same_page &= _same(field, models.OuterRef(field))
        changes = ~models.Q(models.Exists(ArticleTranslation.objects.filter(same_page)))
        for draft_model, live_model in PART_MODEL_PAIRS:
            changes |= _parts_differ(draft_model, live_model)
        return self.annotate(
            changes_live=models.Case(
                models.When(changes, then=True),
                default=False,
                output_field=models.BooleanField(),
            )
        )

    def changing_live(self):
        """Drafts whose publication would change what readers see (see ``with_changes_live``)."""
        return self.with_changes_live().filter(changes_live=True)

    def for_reader(self, language=None):
        """What the reader's article template needs, as for ``ArticleTranslation.for_reader``."""
        from .articles import category_name

        source = ArticleTranslation.objects.filter(
            article=models.OuterRef("article"), language=settings.LANGUAGE_CODE
        ).values("revision")[:1]
        return self.select_related("article__category", "article__last_review").annotate(
            category_name=category_name("article__category", language),
            current_source_revision=models.Subquery(source),
            has_figures=models.Exists(
                DraftFigure.objects.filter(translation=models.OuterRef("pk"))
            ),
        )


class DraftTranslation(TranslationContent):
    """The changes waiting to be published in one language of an article."""

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="drafts"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last saved by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = DraftTranslationQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "language"], name="unique_draft_language")
        ]
        ordering = ["article__slug", "language"]
        verbose_name = _("draft")
        verbose_name_plural = _("drafts")

    def after_content_saved(self):
        draft_changed(self.article_id)

    def article_state(self, now=None):
        """The article's ``Article.State``: with this draft, never plain "Live"."""
        return self.article.state(now, has_draft=True)

    def live_translation(self):
        """The live page this draft will replace, or None for a new language."""
        return ArticleTranslation.objects.filter(
            article_id=self.article_id, language=self.language
        ).first()

    @classmethod
    def start(cls, article, language, by=None):
        """
        A draft of ``article`` in ``language``: the existing one, else a copy of
        the live page (words, sections, references, figures), else an empty one
        titled after the article. Call inside a transaction.
        """
        existing = cls.objects.filter(article=article, language=language).first()
        if existing is not None:
            return existing, False
        live = (
            ArticleTranslation.objects.filter(article=article, language=language)
            .prefetch_related(*PART_NAMES)
            .first()
        )
        by = by if by is not None and by.is_authenticated else None
        draft = cls(article=article, language=language, created_by=by, updated_by=by)
        if live is None:
            draft.title = article.slug.replace("-", " ").capitalize()
            draft.save()
            return draft, True
        for name in (*TranslationContent.CONTENT_FIELDS, "source_revision"):
            setattr(draft, name, getattr(live, name))
        draft.save()
        draft.copy_parts_from(live)
        return draft, True

    def copy_parts_from(self, page):
        """Replace this draft's parts with copies of ``page``'s (a live page or a draft)."""
        with replacing_parts():
            for name, model in PART_MODELS.items():
                model.objects.filter(translation=self).delete()
                model.objects.bulk_create(
                    normalized(model(translation=self, **part.copied_fields()))
                    for part in getattr(page, name).all()
                )
        draft_changed(self.article_id, draft_id=self.pk)

    def replace_with_snapshot(self, content):
        """
        Replace this draft's words and parts with those of a version's snapshot
        (``Version.content``): restoring an old version. Only the fields an editor
        wrote come back; what was rendered from them (link-resolved HTML,
        citations) is made again when the draft is published.
        """
        self.title = content["title"]
        self.summary = content["summary"]
        self.alternate_names = "\n".join(content["alternate_names"])
        self.save()
        stored = {
            DraftSection: content["sections"],
            DraftReference: content["references"],
            DraftFigure: content["figures"],
        }
        with replacing_parts():
            for model, items in stored.items():
                model.objects.filter(translation=self).delete()
                rows = []
                for order, item in enumerate(items, start=1):
                    fields = {key: item[key] for key in model.COPIED_FIELDS if key in item}
                    fields["order"] = order
                    rows.append(normalized(model(translation=self, **fields)))
                model.objects.bulk_create(rows)
        draft_changed(self.article_id, draft_id=self.pk)

    def apply_to_live(self):
        """
        Copy this draft over its live page (creating the page for a new language)
        and return the live translation. Only ``services.publish`` calls it, inside
        ``writing_live_content()`` and a transaction; it does not delete the draft.
        """
        live = self.live_translation() or ArticleTranslation(
            article_id=self.article_id, language=self.language
        )
        for name in (*TranslationContent.CONTENT_FIELDS, "source_revision"):
            setattr(live, name, getattr(self, name))
        live.save()
        with replacing_parts():
            for name, live_model in LIVE_PART_MODELS.items():
                live_model.objects.filter(translation=live).delete()
                live_model.objects.bulk_create(
                    normalized(live_model(translation=live, **part.copied_fields()))
                    for part in getattr(self, name).all()
                )
        # One new revision and one search document for the whole page.
        live.content_changed(search=True)
        return live


def normalized(part):
    """``part`` as ``save()`` would store it (``bulk_create`` does not call ``save()``)."""
    normalize = getattr(part, "normalize", None)
    return normalize() if normalize else part


def draft_changed(article_id, draft_id=None):
    """
    Move the article's draft revision on (and the draft's own revision): any
    sign-off of an earlier revision no longer covers the drafts.
    """
    Article.objects.filter(pk=article_id).update(draft_revision=F("draft_revision") + 1)
    if draft_id is not None:
        DraftTranslation.objects.filter(pk=draft_id).update(
            revision=F("revision") + 1, updated_at=timezone.now()
        )


class DraftSection(SectionContent):
    translation = models.ForeignKey(
        DraftTranslation, on_delete=models.CASCADE, related_name="sections"
    )

    class Meta(SectionContent.Meta):
        verbose_name = _("draft section")
        verbose_name_plural = _("draft sections")


class DraftReference(ReferenceContent):
    translation = models.ForeignKey(
        DraftTranslation, on_delete=models.CASCADE, related_name="references"
    )

    class Meta(ReferenceContent.Meta):
        verbose_name = _("draft reference")
        verbose_name_plural = _("draft references")


class DraftFigure(FigureContent):
    translation = models.ForeignKey(
        DraftTranslation, on_delete=models.CASCADE, related_name="figures"
    )

    class Meta(FigureContent.Meta):
        verbose_name = _("draft figure")
        verbose_name_plural = _("draft figures")


PART_MODELS = {"sections": DraftSection, "references": DraftReference, "figures": DraftFigure}
LIVE_PART_MODELS = {"sections": Section, "references": Reference, "figures": Figure}
PART_MODEL_PAIRS = [(PART_MODELS[name], LIVE_PART_MODELS[name]) for name in PART_NAMES]


class NonClinicalChange(models.Model):
    """
    An editor's declaration that a draft revision changes nothing clinical (a
    typo, formatting, a link), which lets it be published without a medical
    sign-off when ``settings.NON_CLINICAL_PUBLISHING`` allows it. Shown in the
    page history and the audit trail.
    """

    article = models.ForeignKey(
        Article,
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="non_clinical_changes",
    )
    draft_revision = models.PositiveIntegerField(_("draft revision"))
    reason = models.CharField(_("reason"), max_length=300)
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("declared by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    declared_at = models.DateTimeField(_("declared at"), default=timezone.now)

    class Meta:
        ordering = ["-declared_at", "-pk"]
        verbose_name = _("non-clinical change")
        verbose_name_plural = _("non-clinical changes")

    def __str__(self):
        return self.reason


def _cascaded(kwargs):
    """True when the deletion started at a draft or an article (an instance or a queryset)."""
    origin = kwargs.get("origin")
    model = origin.model if isinstance(origin, models.QuerySet) else type(origin)
    return model in (Article, DraftTranslation)


@receiver(post_delete, sender=DraftTranslation)
def draft_deleted(sender, instance, **kwargs):
    if not isinstance(kwargs.get("origin"), Article):
        draft_changed(instance.article_id)


@receiver([post_save, post_delete], sender=DraftSection)
@receiver([post_save, post_delete], sender=DraftReference)
@receiver([post_save, post_delete], sender=DraftFigure)
def draft_part_changed(sender, instance, **kwargs):
    """A part saved or deleted (the admin's inlines, the shell): the draft changed."""
    if _cascaded(kwargs) or replacing_parts_now():
        return
    article_id = (
        DraftTranslation.objects.filter(pk=instance.translation_id)
        .values_list("article_id", flat=True)
        .first()
    )
    if article_id is not None:
        draft_changed(article_id, draft_id=instance.translation_id)
