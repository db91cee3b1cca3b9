"""
Articles: the health topic pages readers come for.

An ``Article`` is one topic ("Cervical insufficiency"), independent of
language: it carries the category, the publication status and schedule and the
review dates, because a medical review covers the topic in every language.
Each language's words live in an ``ArticleTranslation`` (title, summary,
alternate names) with its ordered ``Section``s, ``Reference``s and
``Figure``s. The source language is ``settings.LANGUAGE_CODE``; other
translations record which source revision they were made from, so a change
to the English page marks them outdated.
"""

import re
from calendar import monthrange
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import quote, unquote

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.files.images import get_image_dimensions
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce, RowNumber
from django.dispatch import Signal
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from healthinfo.sanitize import clean_editor_html

LANGUAGE_CHOICES = settings.LANGUAGES

# Sent when a live translation's words change (its own fields or its sections):
# ``healthinfo.signals`` rebuilds the search document. A signal, because the
# models sit below search and must not import it.
translation_content_changed = Signal()

_live_writes = ContextVar("healthinfo_live_writes", default=False)


@contextmanager
def writing_live_content():
    """
    Allow writes to the live rows of a published article inside this block.

    Readers see the live rows (``ArticleTranslation`` and its sections,
    references and figures). Once an article has been published (it has
    versions) they change only when ``services.publish`` applies a reviewed
    draft, so that nothing reaches readers without passing the publication
    rules. Importers that write content directly say so with this block too.
    """
    token = _live_writes.set(True)
    try:
        yield
    finally:
        _live_writes.reset(token)


def live_writes_allowed():
    """True inside ``writing_live_content()``."""
    return _live_writes.get()


_replacing_parts = ContextVar("healthinfo_replacing_parts", default=False)


@contextmanager
def replacing_parts():
    """
    A block that replaces all the parts of a page at once (publishing a draft,
    copying a page into a draft): the receivers that react to one part changing
    stand aside, and the caller notes the change once for the whole page.
    """
    token = _replacing_parts.set(True)
    try:
        yield
    finally:
        _replacing_parts.reset(token)


def replacing_parts_now():
    """True inside ``replacing_parts()``."""
    return _replacing_parts.get()


class LiveContentLocked(ValidationError):
    """Raised when code writes the live content of a published article directly."""

    def __init__(self):
        super().__init__(
            _(
                "This page has been published: its live text changes only when a reviewed "
                "draft is published. Edit its draft instead."
            ),
            code="live_content_locked",
        )


def _check_live_write(article_ids):
    """Refuse a write to the live rows of any of ``article_ids`` once published."""
    if live_writes_allowed():
        return
    # Published through the workflow: it has versions, and what readers saw must
    # only change as a new version does. (Content imported as published, without
    # versions, is the importer's to write until ``record_initial_versions``.)
    if Article.objects.filter(pk__in=article_ids, versions__isnull=False).exists():
        raise LiveContentLocked()


def current_language():
    """The active language code, reduced to one of ``settings.LANGUAGES``."""
    code = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def category_name(category, language=None):
    """
    An expression for the name of the category at ``category`` (a field path
    such as "pk" or "article__category") in ``language`` (default: the active
    one), else in the source language, else its slug, as ``Category.name()``.
    """
    language = language or current_language()
    names = CategoryTranslation.objects.filter(category=models.OuterRef(category))
    return Coalesce(
        models.Subquery(names.filter(language=language).values("name")[:1]),
        models.Subquery(names.filter(language=settings.LANGUAGE_CODE).values("name")[:1]),
        F("slug" if category == "pk" else f"{category}__slug"),
        output_field=models.CharField(),
    )


class CategoryQuerySet(models.QuerySet):
    def with_name(self, language=None):
        """Annotate ``name_in_language``: see ``category_name``."""
        return self.annotate(name_in_language=category_name("pk", language))


class Category(models.Model):
    """A group of articles in the site's menu ("Pregnancy complications")."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent category"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    review_interval_months = models.PositiveSmallIntegerField(
        _("review interval (months)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_("Leave empty to use the site default."),
    )

    objects = CategoryQuerySet.as_manager()

    class Meta:
        ordering = ["order", "slug"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self):
        return self.name()

    def get_absolute_url(self):
        return reverse("healthinfo:category", kwargs={"slug": self.slug})

    def name(self, language=None):
        """The category's name in ``language`` (default: the active one), falling back to any."""
        language = language or current_language()
        names = {t.language: t.name for t in self.translations.all()}
        return names.get(language) or names.get(settings.LANGUAGE_CODE) or self.slug

    def description(self, language=None):
        """The category's description in ``language`` (default: the active one), or ""."""
        language = language or current_language()
        descriptions = {t.language: t.description for t in self.translations.all()}
        return descriptions.get(language, "")


class CategoryTranslation(models.Model):
    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(_("language"), max_length=10, choices=LANGUAGE_CHOICES)
    name = models.CharField(_("name"), max_length=120)
    description = models.CharField(_("description"), max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["category", "language"], name="unique_category_language"
            )
        ]
        ordering = ["language"]
        verbose_name = _("category name")
        verbose_name_plural = _("category names")

    def __str__(self):
        return self.name


class ArticleQuerySet(models.QuerySet):
    def published(self, now=None):
        """
        Articles readers can see now: published, before their unpublish time, and
        not hidden for being too long overdue for review
        (``settings.REVIEW_UNPUBLISH_AFTER_DAYS_OVERDUE``).

        ``publish_at`` is not a condition: it schedules the publication of
        pending changes (``services.run_schedule``), which makes the article
        published at that time. ``unpublish_at`` is, so that a page stops being
        shown at exactly its time even before the scheduler records it.
        """
        now = now or timezone.now()
        queryset = self.filter(
            Q(unpublish_at__isnull=True) | Q(unpublish_at__gt=now),
            status=Article.Status.PUBLISHED,
        )
        grace = settings.REVIEW_UNPUBLISH_AFTER_DAYS_OVERDUE
        if grace is not None:
            oldest_due = timezone.localdate(now) - timedelta(days=grace)
            queryset = queryset.filter(
                Q(next_review_due__isnull=True) | Q(next_review_due__gte=oldest_due)
            )
        return queryset

    def next_scheduled_change(self, now=None):
        """
        The next moment a published article comes down on its own (its
        ``unpublish_at``), or None. Pages listing articles are cached no longer
        than this. (A scheduled publication is a write by the scheduler, which
        invalidates cached pages like any other publication.)
        """
        now = now or timezone.now()
        return self.filter(status=Article.Status.PUBLISHED, unpublish_at__gt=now).aggregate(
            unpublish=models.Min("unpublish_at")
        )["unpublish"]

    def with_drafts(self):
        """Annotate ``has_draft``: whether any language has changes waiting to be published."""
        from .drafts import DraftTranslation

        return self.annotate(
            has_draft=models.Exists(DraftTranslation.objects.filter(article=models.OuterRef("pk")))
        )

    def with_sign_off_state(self):
        """
        Annotate, for lists and the dashboard (one subquery each):

        - ``has_draft``: the article has drafts (changed or not);
        - ``draft_changes_content``: publishing them would change what readers
          see (``DraftTranslationQuerySet.with_changes_live``, the rule
          ``services.publish`` applies);
        - ``draft_signed_off``: the current draft revision has a sign-off (its
          latest review approves it) or a non-clinical declaration;
        - ``draft_awaits_sign_off``: changes that cannot be published until a
          medical reviewer signs them off (or, where allowed, an editor declares
          them non-clinical).
        """
        from .drafts import DraftTranslation, NonClinicalChange
        from .reviews import Review

        latest_outcome = (
            Review.objects.filter(
                article=models.OuterRef("pk"), draft_revision=models.OuterRef("draft_revision")
            )
            .order_by("-created_at", "-pk")
            .values("outcome")[:1]
        )
        declared = NonClinicalChange.objects.filter(
            article=models.OuterRef("pk"), draft_revision=models.OuterRef("draft_revision")
        )
        signed = Q(latest_draft_outcome__in=Review.APPROVING)
        if settings.NON_CLINICAL_PUBLISHING:
            # A declaration counts unless a reviewer asked for more on that revision.
            signed |= Q(latest_draft_outcome__isnull=True) & models.Exists(declared)
        changing = DraftTranslation.objects.changing_live().filter(article=models.OuterRef("pk"))
        return (
            self.with_drafts()
            .annotate(
                latest_draft_outcome=models.Subquery(latest_outcome),
                draft_changes_content=models.Exists(changing),
            )
            .annotate(
                # CASE, not the bare condition: with no review the comparison is NULL.
                draft_signed_off=models.Case(
                    models.When(signed, then=True),
                    default=False,
                    output_field=models.BooleanField(),
                )
            )
            .annotate(
                draft_awaits_sign_off=models.Case(
                    models.When(Q(draft_changes_content=True, draft_signed_off=False), then=True),
                    default=False,
                    output_field=models.BooleanField(),
                )
            )
        )

    def in_state(self, state, now=None):
        """
        Articles whose ``Article.state`` is ``state`` now (the lists' filter), or
        that await a sign-off (``"awaiting_sign_off"``) or need a revision
        (``"needs_revision"``). An unknown ``state`` filters nothing out.
        The conditions are ``Article.state``'s, read in SQL; a test compares them.
        """
        now = now or timezone.now()
        live = Q(status=Article.Status.PUBLISHED) & (
            Q(unpublish_at__isnull=True) | Q(unpublish_at__gt=now)
        )
        unlisted = Q(status__in=[Article.Status.WITHDRAWN, Article.Status.ARCHIVED])
        scheduled = ~unlisted & ~live & Q(publish_at__gt=now)
        expired = (
            ~unlisted
            & ~live
            & ~scheduled
            & Q(unpublish_at__lte=now, first_published_at__isnull=False)
        )
        rest = ~unlisted & ~live & ~scheduled & ~expired
        conditions = {
            Article.State.LIVE: live & Q(has_draft=False),
            Article.State.LIVE_WITH_DRAFT: live & Q(has_draft=True),
            Article.State.SCHEDULED: scheduled,
            Article.State.EXPIRED: expired,
            Article.State.WITHDRAWN: Q(status=Article.Status.WITHDRAWN),
            Article.State.ARCHIVED: Q(status=Article.Status.ARCHIVED),
            Article.State.IN_REVIEW: rest & Q(status=Article.Status.IN_REVIEW),
            Article.State.DRAFT: rest & ~Q(status=Article.Status.IN_REVIEW),
            "awaiting_sign_off": Q(draft_awaits_sign_off=True),
            "needs_revision": Q(needs_revision=True),
        }
        condition = conditions.get(state)
        if condition is None:
            return self
        return self.filter(
            pk__in=self.model.objects.with_sign_off_state().filter(condition).values("pk")
        )

    def awaiting_sign_off(self):
        """
        Articles whose drafts change what readers see and whose current draft
        revision nobody has signed off yet: what the publish service would refuse
        for want of a sign-off.
        """
        return self.with_sign_off_state().filter(draft_awaits_sign_off=True)

    def due_for_scheduled_publication(self, now=None):
        """Articles whose pending changes are scheduled to go live by ``now``."""
        return self.filter(publish_at__lte=now or timezone.now())

    def due_for_scheduled_unpublication(self, now=None):
        """Published articles whose unpublish time has passed (readers no longer see them)."""
        return self.filter(status=Article.Status.PUBLISHED, unpublish_at__lte=now or timezone.now())

    def overdue_for_review(self, today=None):
        """Articles whose next review date has passed."""
        today = today or timezone.localdate()
        return self.filter(next_review_due__lt=today)


class Article(models.Model):
    """One health topic, in one or more languages."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("In review")
        PUBLISHED = "published", _("Published")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        ARCHIVED = "archived", _("Archived")

    class State(models.TextChoices):
        """What the article lists show: the status and the schedule read together."""

        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("In review")
        SCHEDULED = "scheduled", _("Scheduled")
        LIVE = "live", _("Live")
        LIVE_WITH_DRAFT = "live_with_draft", _("Live with draft")
        EXPIRED = "expired", _("Expired")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        ARCHIVED = "archived", _("Archived")

    # Written only by the services (with ``update_fields``): a plain ``save()``
    # of an instance loaded earlier (the admin's article form) must not put back
    # the values it loaded, or a review recorded or a draft saved meanwhile
    # would be silently undone.
    SERVICE_FIELDS = (
        "status",
        "first_published_at",
        "last_review",
        "last_reviewed_on",
        "next_review_due",
        "draft_revision",
        "needs_revision",
    )

    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        help_text=_("Used in the address and in links from other articles: [[slug]]."),
    )
    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="articles"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    publish_at = models.DateTimeField(
        _("publish at"),
        null=True,
        blank=True,
        help_text=_(
            "Publish the pending changes at this time; a live page stays up until then. "
            "Leave empty to publish with the button."
        ),
    )
    scheduled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("scheduled by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    unpublish_at = models.DateTimeField(
        _("unpublish at"),
        null=True,
        blank=True,
        help_text=_("Readers stop seeing the page at this time."),
    )
    first_published_at = models.DateTimeField(_("first published"), null=True, blank=True)
    draft_revision = models.PositiveIntegerField(
        _("draft revision"),
        default=0,
        editable=False,
        help_text=_(
            "Goes up with every change to the article's drafts; a sign-off names the "
            "revision it approved."
        ),
    )
    needs_revision = models.BooleanField(
        _("needs revision"),
        default=False,
        editable=False,
        help_text=_("A reviewer asked for a major revision; cleared by a signed-off change."),
    )

    review_interval_months = models.PositiveSmallIntegerField(
        _("review interval (months)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_("Leave empty to use the category's interval or the site default."),
    )
    last_review = models.ForeignKey(
        "healthinfo.Review",
        verbose_name=_("last whole-page review"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    last_reviewed_on = models.DateField(_("last reviewed"), null=True, blank=True, editable=False)
    next_review_due = models.DateField(
        _("next review due"), null=True, blank=True, editable=False, db_index=True
    )
    next_review_override = models.DateField(
        _("next review due (override)"),
        null=True,
        blank=True,
        help_text=_("Set a different next review date. A reason is required."),
    )
    next_review_override_reason = models.CharField(
        _("reason for the override"), max_length=300, blank=True
    )

    questions_closed = models.BooleanField(
        _("questions closed"),
        default=False,
        help_text=_("Readers can no longer ask questions on this article."),
    )

    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["slug"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    def __str__(self):
        return self.slug

    def save(self, *args, **kwargs):
        loaded = getattr(self, "_loaded_service_values", None)
        if loaded is not None and not self._state.adding and kwargs.get("update_fields") is None:
            # Write the service fields only when this instance changed them.
            current = self._service_values()
            kwargs["update_fields"] = [
                field.name
                for field in self._meta.concrete_fields
                if not field.primary_key
                and (field.name not in loaded or current[field.name] != loaded[field.name])
            ]
        super().save(*args, **kwargs)
        self._loaded_service_values = self._service_values()

    def get_absolute_url(self):
        return reverse("healthinfo:article", kwargs={"slug": self.slug})

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        instance = super().from_db(db, field_names, values, **kwargs)
        instance._loaded_service_values = instance._service_values()
        return instance

    def _service_values(self):
        return {
            name: self.__dict__.get(self._meta.get_field(name).attname)
            for name in self.SERVICE_FIELDS
        }

    def clean(self):
        # An explicit next review date departs from the review policy: say why.
        if self.next_review_override and not self.next_review_override_reason.strip():
            raise ValidationError(
                {
                    "next_review_override_reason": _(
                        "Say why the next review date differs from the interval."
                    )
                }
            )

    @property
    def review_interval(self):
        """Months between whole-page reviews, from the article, else its category, else the site."""
        return (
            self.review_interval_months
            or self.category.review_interval_months
            or settings.DEFAULT_REVIEW_INTERVAL_MONTHS
        )

    def compute_next_review_due(self):
        """The date the next whole-page review is due, from the last one and the interval."""
        if self.next_review_override:
            return self.next_review_override
        if self.last_reviewed_on is None:
            return None
        return add_months(self.last_reviewed_on, self.review_interval)

    @property
    def is_overdue(self):
        """True when the next review date has passed."""
        return self.next_review_due is not None and self.next_review_due < timezone.localdate()

    def is_visible(self, now=None):
        """True when readers can see the article now: the same rules as ``published()``."""
        now = now or timezone.now()
        grace = settings.REVIEW_UNPUBLISH_AFTER_DAYS_OVERDUE
        too_overdue = (
            grace is not None
            and self.next_review_due is not None
            and self.next_review_due < timezone.localdate(now) - timedelta(days=grace)
        )
        return (
            self.status == self.Status.PUBLISHED
            and (self.unpublish_at is None or self.unpublish_at > now)
            and not too_overdue
        )

    def state(self, now=None, has_draft=None):
        """
        The article's ``State`` for lists: Scheduled, Live, Live with draft, Expired,
        Withdrawn, or its status. ``has_draft`` saves a query when annotated.
        """
        now = now or timezone.now()
        if has_draft is None:
            has_draft = getattr(self, "has_draft", None)
        if has_draft is None:
            has_draft = self.drafts.exists()
        if self.status == self.Status.WITHDRAWN:
            return self.State.WITHDRAWN
        if self.status == self.Status.ARCHIVED:
            return self.State.ARCHIVED
        expired = self.unpublish_at is not None and self.unpublish_at <= now
        if self.status == self.Status.PUBLISHED and not expired:
            return self.State.LIVE_WITH_DRAFT if has_draft else self.State.LIVE
        if self.publish_at is not None and self.publish_at > now:
            return self.State.SCHEDULED
        if expired and self.first_published_at is not None:
            return self.State.EXPIRED
        return self.State.IN_REVIEW if self.status == self.Status.IN_REVIEW else self.State.DRAFT

    def pending_publication(self):
        """
        What publishing would do now, as a ``PendingPublication``: each language's
        page after publishing (its draft, else its live translation), the drafts
        that change their live page and the languages that would be new.
        Eight queries (both kinds of page with their parts).
        """
        from .drafts import DraftTranslation

        parts = ("sections", "references", "figures")
        live = {
            page.language: page
            for page in ArticleTranslation.objects.filter(article=self).prefetch_related(*parts)
        }
        drafts = {
            draft.language: draft
            for draft in DraftTranslation.objects.filter(article=self)
            .with_changes_live()
            .prefetch_related(*parts)
        }
        for page in (*live.values(), *drafts.values()):
            page.article = self
        changed = [draft for _language, draft in sorted(drafts.items()) if draft.changes_live]
        pages = {**live, **drafts}
        return PendingPublication(
            pages=[pages[language] for language in sorted(pages)],
            live=live,
            drafts=drafts,
            changed=changed,
            new_languages=[draft.language for draft in changed if draft.language not in live],
        )

    def draft_sign_off(self):
        """
        The review that signs off the current draft revision: the latest review
        of that revision, when it approves ("No change needed", "Minor edits").
        None when there is none, or when the latest one asked for more.
        """
        from .reviews import Review

        latest = (
            Review.objects.of_draft(self)
            .select_related("reviewer")
            .prefetch_related("signoffs")
            .first()
        )
        return latest if latest is not None and latest.approves else None

    def non_clinical_declaration(self):
        """
        The editor's declaration that the current draft revision is not clinical,
        when the site allows such publishing and no review of that revision asked
        for more; else None.
        """
        from .reviews import Review

        if not settings.NON_CLINICAL_PUBLISHING:
            return None
        latest_review = Review.objects.of_draft(self).first()
        if latest_review is not None and not latest_review.approves:
            return None
        return (
            self.non_clinical_changes.filter(draft_revision=self.draft_revision)
            .select_related("declared_by")
            .first()
        )

    def withdrawal(self):
        """The review that withdrew the article, while it is withdrawn; else None."""
        from .reviews import Review

        if self.status != self.Status.WITHDRAWN:
            return None
        return (
            Review.objects.filter(article=self, outcome=Review.Outcome.WITHDRAWN)
            .order_by("-pk")
            .first()
        )


@dataclass
class PendingPublication:
    """See ``Article.pending_publication``."""

    pages: list
    live: dict
    drafts: dict
    changed: list
    new_languages: list

    @property
    def changes_content(self):
        return bool(self.changed)


def add_months(day, months):
    """``day`` plus ``months`` calendar months, clamped to the end of shorter months."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, monthrange(year, month)[1]))


class ArticleTranslationQuerySet(models.QuerySet):
    def update(self, **kwargs):
        # Only the words are locked: revisions, search documents and the translator's
        # "made from revision" are bookkeeping.
        if set(kwargs) & set(TranslationContent.CONTENT_FIELDS):
            _check_live_write(self.values("article_id"))
        return super().update(**kwargs)

    def delete(self):
        _check_live_write(self.values("article_id"))
        return super().delete()

    def published(self, now=None):
        """Translations of articles readers can see now."""
        now = now or timezone.now()
        return self.filter(article__in=Article.objects.published(now).values("pk"))

    def in_language(self, language=None):
        """Translations in ``language`` (default: the active language)."""
        return self.filter(language=language or current_language())

    def with_category_name(self, language=None):
        """Annotate ``category_name``: the article's category's name (see ``category_name``)."""
        return self.annotate(category_name=category_name("article__category", language))

    def first_in_each_category(self, count):
        """
        At most ``count`` translations per category (by title), each annotated with
        ``category_total``: how many the category has in all. One query however many
        articles there are.
        """
        by_category = {"partition_by": [F("article__category_id")]}
        return (
            self.annotate(
                position=models.Window(RowNumber(), order_by=[F("title").asc()], **by_category),
                category_total=models.Window(models.Count("pk"), **by_category),
            )
            .filter(position__lte=count)
            .select_related("article")
            .order_by("title")
        )

    def recently_reviewed(self):
        """Translations of reviewed articles, most recently reviewed first."""
        return (
            self.filter(article__last_reviewed_on__isnull=False)
            .select_related("article")
            .order_by("-article__last_reviewed_on", "title")
        )

    def for_reader(self, language=None):
        """
        What the article page needs in one query: the article, its category (with its
        name in ``language``), the last review, the source page's revision and
        whether the page has figures (``has_figures``).
        """
        return (
            self.select_related("article__category", "article__last_review")
            .with_category_name(language)
            .with_source_revision()
            # Most pages have no figures: knowing it saves the page a query.
            .annotate(
                has_figures=models.Exists(Figure.objects.filter(translation=models.OuterRef("pk")))
            )
        )

    def with_article_drafts(self):
        """Annotate ``article_has_draft`` for ``article_state`` (saves a query a row)."""
        from .drafts import DraftTranslation

        return self.annotate(
            article_has_draft=models.Exists(
                DraftTranslation.objects.filter(article=models.OuterRef("article"))
            )
        )

    def with_source_revision(self):
        """Annotate ``current_source_revision``: the source-language page's revision now."""
        source = ArticleTranslation.objects.filter(
            article=models.OuterRef("article"), language=settings.LANGUAGE_CODE
        ).values("revision")[:1]
        return self.annotate(current_source_revision=models.Subquery(source))

    def outdated(self):
        """Translations made from an older revision of the source-language page."""
        return (
            self.with_source_revision()
            .exclude(language=settings.LANGUAGE_CODE)
            .filter(
                Q(source_revision__isnull=True)
                | Q(source_revision__lt=F("current_source_revision"))
            )
        )


class TranslationContent(models.Model):
    """
    An article's words in one language, as the live page (``ArticleTranslation``)
    and its draft (``DraftTranslation``) both hold them: the same fields, so the
    same templates, snapshots and rules read either.
    """

    language = models.CharField(_("language"), max_length=10, choices=LANGUAGE_CHOICES)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), max_length=600, blank=True)
    alternate_names = models.TextField(
        _("alternate names"),
        blank=True,
        help_text=_("Other names for this condition, one per line, most common first."),
    )
    revision = models.PositiveIntegerField(
        _("revision"),
        default=1,
        editable=False,
        help_text=_("Goes up each time the content changes."),
    )
    source_revision = models.PositiveIntegerField(
        _("translated from revision"),
        null=True,
        blank=True,
        help_text=_("The revision of the source-language page this translation was made from."),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    CONTENT_FIELDS = ("title", "summary", "alternate_names")

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.title} ({self.language})"

    def save(self, *args, **kwargs):
        changed = self.pk is None or self._content() != getattr(self, "_loaded_content", None)
        self.before_save(changed)
        if changed and self.pk is not None and not kwargs.get("update_fields"):
            self.revision = models.F("revision") + 1
        super().save(*args, **kwargs)
        if isinstance(self.revision, models.expressions.Combinable):
            self.refresh_from_db(fields=["revision"])
        self._loaded_content = self._content()
        if changed:
            self.after_content_saved()

    def get_absolute_url(self):
        from django.utils import translation

        with translation.override(self.language):
            return self.article.get_absolute_url()

    def before_save(self, changed):
        """Hook: called before a save; ``changed`` says whether the words changed."""

    def after_content_saved(self):
        """Hook: called after a save that changed the words."""

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        # Remember the loaded text, to tell a real edit from a save without changes.
        instance = super().from_db(db, field_names, values, **kwargs)
        instance._loaded_content = instance._content()
        return instance

    def _content(self):
        return tuple(self.__dict__.get(name) for name in self.CONTENT_FIELDS)

    def content_key(self):
        """
        Everything an editor wrote on this page, as comparable data: the fields
        and every section, reference and figure in order (prefetch them).
        """
        return (
            self._content(),
            self.source_revision,
            tuple(part.content_key() for part in self.sections.all()),
            tuple(part.content_key() for part in self.references.all()),
            tuple(part.content_key() for part in self.figures.all()),
        )

    @property
    def is_outdated(self):
        """
        True when the source-language page changed after this translation was made.

        Needs ``current_source_revision`` (``with_source_revision()``); False without it.
        """
        current = getattr(self, "current_source_revision", None)
        if self.is_source or current is None:
            return False
        return self.source_revision is None or self.source_revision < current

    @property
    def alternate_name_list(self):
        """Alternate names in order, without blanks or surrounding spaces."""
        return [name.strip() for name in self.alternate_names.splitlines() if name.strip()]

    @property
    def is_source(self):
        return self.language == settings.LANGUAGE_CODE


class ArticleTranslation(TranslationContent):
    """
    An article's words in one language as readers see them: the live page.

    Once the article has been published these rows change only when
    ``services.publish`` applies a draft (see ``writing_live_content``).
    """

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="translations"
    )

    # Kept up to date by ``healthinfo.search.refresh_search_document`` on every save of the
    # translation or its sections: the sections' words as plain text (for the portable
    # search and for snippets) and, on PostgreSQL, the weighted document (title and
    # alternate names A, summary B, sections C) in the language's text-search configuration.
    search_text = models.TextField(_("searchable text"), blank=True, editable=False)
    search_vector = SearchVectorField(null=True, editable=False)

    objects = ArticleTranslationQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "language"], name="unique_article_language")
        ]
        # Created on PostgreSQL only (see migration 0006).
        indexes = [GinIndex(fields=["search_vector"], name="translation_search_vector")]
        ordering = ["article__slug", "language"]
        verbose_name = _("article translation")
        verbose_name_plural = _("article translations")

    def before_save(self, changed):
        if changed:
            _check_live_write([self.article_id])

    def article_state(self, now=None):
        """The article's ``Article.State`` (Live, Live with draft…): what lists show."""
        return self.article.state(now, has_draft=getattr(self, "article_has_draft", None))

    def after_content_saved(self):
        self.refresh_search()

    def delete(self, *args, **kwargs):
        _check_live_write([self.article_id])
        return super().delete(*args, **kwargs)

    def content_changed(self, *, search=True):
        """
        Note that the page's content (a section, reference or figure) changed:
        the revision goes up (so translations made from it become outdated) and,
        with ``search``, the search document is rebuilt.
        """
        ArticleTranslation.objects.filter(pk=self.pk).update(
            revision=F("revision") + 1, updated_at=timezone.now()
        )
        if search:
            self.refresh_search()

    def refresh_search(self):
        """Ask for this translation's search document to be rebuilt (``healthinfo.signals``)."""
        translation_content_changed.send(sender=ArticleTranslation, translation=self)


class LivePartQuerySet(models.QuerySet):
    """Bulk writes to a live page's parts obey the same lock as ``save()``."""

    def update(self, **kwargs):
        _check_live_write(self.values("translation__article_id"))
        return super().update(**kwargs)

    def delete(self):
        _check_live_write(self.values("translation__article_id"))
        return super().delete()


class LivePart(models.Model):
    """A section, reference or figure of a live page: locked like the page itself."""

    objects = LivePartQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        _check_live_write(
            ArticleTranslation.objects.filter(pk=self.translation_id).values("article_id")
        )
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        _check_live_write(
            ArticleTranslation.objects.filter(pk=self.translation_id).values("article_id")
        )
        return super().delete(*args, **kwargs)


class SectionContent(models.Model):
    """An ordered heading and body (the fields a live section and a draft section share)."""

    order = models.PositiveIntegerField(_("order"), default=0)
    heading = models.CharField(_("heading"), max_length=200)
    anchor = models.SlugField(
        _("anchor"),
        max_length=80,
        blank=True,
        help_text=_("Used in links to this section. Filled in from the heading when empty."),
    )
    body = models.TextField(
        _("body"),
        help_text=_(
            "HTML: paragraphs, lists, emphasis, links, tables. Link to another article "
            "with [[slug]] or [[slug|link text]]."
        ),
    )

    COPIED_FIELDS = ("order", "heading", "anchor", "body")

    class Meta:
        abstract = True
        ordering = ["order", "pk"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self):
        return self.heading

    def save(self, *args, **kwargs):
        self.normalize()
        super().save(*args, **kwargs)

    def normalize(self):
        """
        Sanitise the body and fill in the anchor: on the way in, whatever the path
        (admin, import, shell, and the bulk copies of drafts, which call it).
        """
        self.body = clean_editor_html(self.body)
        if not self.anchor:
            self.anchor = slugify(self.heading)[:80] or f"section-{self.order}"
        return self

    def copied_fields(self):
        """The fields a copy of this part carries (to or from a draft)."""
        return {name: getattr(self, name) for name in self.COPIED_FIELDS}

    def content_key(self):
        return tuple(getattr(self, name) for name in self.COPIED_FIELDS)


class Section(LivePart, SectionContent):
    """An ordered heading and body inside an article translation."""

    translation = models.ForeignKey(
        ArticleTranslation, on_delete=models.CASCADE, related_name="sections"
    )

    class Meta(SectionContent.Meta):
        pass


class ReferenceContent(models.Model):
    """A structured citation (the fields a live reference and a draft reference share)."""

    order = models.PositiveIntegerField(_("order"), default=0)
    authors = models.CharField(_("authors"), max_length=500, blank=True)
    title = models.CharField(_("title"), max_length=500)
    source = models.CharField(_("source or journal"), max_length=300, blank=True)
    year = models.PositiveSmallIntegerField(
        _("year"), null=True, blank=True, validators=[MinValueValidator(1800)]
    )
    volume = models.CharField(_("volume"), max_length=30, blank=True)
    issue = models.CharField(_("issue"), max_length=30, blank=True)
    pages = models.CharField(_("pages"), max_length=30, blank=True)
    doi = models.CharField(_("DOI"), max_length=200, blank=True)
    pmid = models.CharField(_("PubMed id"), max_length=20, blank=True)
    url = models.URLField(_("URL"), max_length=500, blank=True)
    accessed_on = models.DateField(_("accessed"), null=True, blank=True)

    COPIED_FIELDS = (
        "order",
        "authors",
        "title",
        "source",
        "year",
        "volume",
        "issue",
        "pages",
        "doi",
        "pmid",
        "url",
        "accessed_on",
    )

    class Meta:
        abstract = True
        ordering = ["order", "pk"]
        verbose_name = _("reference")
        verbose_name_plural = _("references")

    def __str__(self):
        return self.title

    def content_key(self):
        return tuple(getattr(self, name) for name in self.COPIED_FIELDS)

    def copied_fields(self):
        """The fields a copy of this reference carries (to or from a draft)."""
        return {name: getattr(self, name) for name in self.COPIED_FIELDS}

    def clean(self):
        # Editors paste DOIs as links or with a "doi:" prefix; store the bare identifier.
        self.doi = re.sub(r"^(https?://(dx\.)?doi\.org/|doi:\s*)", "", self.doi.strip(), flags=re.I)
        self.pmid = self.pmid.strip()
        if self.pmid and not self.pmid.isdigit():
            raise ValidationError({"pmid": _("A PubMed id is a number, for example 31234567.")})
        if self.doi and not self.doi.startswith("10."):
            raise ValidationError(
                {"doi": _("A DOI starts with “10.”, for example 10.1000/xyz123.")}
            )

    @property
    def citation(self):
        """
        The reference in the site's one citation style (Vancouver-like), as plain text:
        ``Authors. Title. Journal. Year;Volume(Issue):Pages.``
        """
        parts = [_sentence(self.authors), _sentence(self.title), _sentence(self.source)]
        details = str(self.year) if self.year else ""
        volume = self.volume + (f"({self.issue})" if self.issue else "")
        if volume:
            details = f"{details};{volume}" if details else volume
        if self.pages:
            details = f"{details}:{self.pages}" if details else self.pages
        parts.append(_sentence(details))
        return " ".join(part for part in parts if part)

    @property
    def doi_url(self):
        return f"https://doi.org/{quote(self.doi, safe='/:;()')}" if self.doi else ""

    @property
    def pubmed_url(self):
        return f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/" if self.pmid.isdigit() else ""

    @property
    def url_doi(self):
        """The DOI that ``url`` resolves, when it is a doi.org address, else ""."""
        match = _DOI_ADDRESS.match(self.url or "")
        return unquote(match.group(1)) if match else ""

    @property
    def shown_doi(self):
        """The DOI readers see: the one given, else the one the doi.org ``url`` names."""
        return self.doi or self.url_doi

    @property
    def shown_doi_url(self):
        return f"https://doi.org/{quote(self.shown_doi, safe='/:;()')}" if self.shown_doi else ""

    @property
    def shown_url(self):
        """``url`` unless it only repeats the DOI (DOIs compare without regard to case)."""
        if self.url_doi and self.url_doi.casefold() == self.shown_doi.casefold():
            return ""
        return self.url


class Reference(LivePart, ReferenceContent):
    """A structured citation for an article translation."""

    translation = models.ForeignKey(
        ArticleTranslation, on_delete=models.CASCADE, related_name="references"
    )

    class Meta(ReferenceContent.Meta):
        pass


_DOI_ADDRESS = re.compile(r"^https?://(?:dx\.)?doi\.org/(10\.[^?#]+)$", re.IGNORECASE)


def _sentence(text):
    """``text`` ending with one full stop (or its own ? or !), or "" when empty."""
    text = (text or "").strip()
    if not text:
        return ""
    return text if text[-1] in ".?!" else f"{text}."


FIGURE_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
FIGURE_MAX_BYTES = 5 * 1024 * 1024
FIGURE_MAX_PIXELS = 4000


def validate_figure_image(file):
    """Refuse uploads that are not a JPEG, PNG or WebP image within the size limits."""
    from PIL import Image, UnidentifiedImageError

    if getattr(file, "_committed", False):
        # Stored already (checked when it was uploaded): a form saved again, or a draft
        # copied from the live page, must not depend on the file being readable now.
        return

    if file.size is not None and file.size > FIGURE_MAX_BYTES:
        raise ValidationError(_("The image is too large: at most 5 MB."), code="too_large")
    position = file.tell() if hasattr(file, "tell") else None
    try:
        file.seek(0)
        with Image.open(file) as image:
            image_format, (width, height) = image.format, image.size
            image.verify()
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, ValueError, SyntaxError):
        raise ValidationError(
            _("Upload a JPEG, PNG or WebP image; this file is not one."), code="not_image"
        ) from None
    finally:
        if position is not None:
            file.seek(position)
    if image_format not in FIGURE_FORMATS:
        raise ValidationError(
            _("Upload a JPEG, PNG or WebP image; this file is not one."), code="not_image"
        )
    if width > FIGURE_MAX_PIXELS or height > FIGURE_MAX_PIXELS:
        raise ValidationError(
            _("The image is too large: at most 4000 × 4000 pixels."), code="too_many_pixels"
        )


def figure_upload_to(instance, filename):
    return f"figures/{timezone.now():%Y/%m}/{filename}"


class FigureContent(models.Model):
    """An image with its alt text, caption and credit (shared by live and draft figures)."""

    order = models.PositiveIntegerField(_("order"), default=0)
    image = models.ImageField(
        _("image"),
        upload_to=figure_upload_to,
        validators=[validate_figure_image],
        help_text=_("JPEG, PNG or WebP, at most 5 MB and 4000 × 4000 pixels."),
    )
    # Stored so that pages can give the browser the size without opening the file.
    width = models.PositiveIntegerField(_("width"), null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(_("height"), null=True, blank=True, editable=False)
    alt_text = models.CharField(
        _("alt text"),
        max_length=300,
        help_text=_("Describe what the image shows for readers who cannot see it."),
    )
    caption = models.CharField(_("caption"), max_length=500, blank=True)
    credit = models.CharField(_("credit"), max_length=200, blank=True)

    COPIED_FIELDS = ("order", "image", "width", "height", "alt_text", "caption", "credit")

    class Meta:
        abstract = True
        ordering = ["order", "pk"]
        verbose_name = _("figure")
        verbose_name_plural = _("figures")

    def __str__(self):
        return self.alt_text

    def save(self, *args, **kwargs):
        # Measured once at upload, so that pages never open the file to size the image.
        if self.image and not getattr(self.image, "_committed", True):
            self.width, self.height = get_image_dimensions(self.image)
        super().save(*args, **kwargs)

    def content_key(self):
        return tuple(self.copied_fields().values())

    def copied_fields(self):
        """The fields a copy of this figure carries: the same stored image file."""
        return {
            name: self.image.name if name == "image" else getattr(self, name)
            for name in self.COPIED_FIELDS
        }


class Figure(LivePart, FigureContent):
    """An image in an article translation, with the alt text readers with screen readers hear."""

    translation = models.ForeignKey(
        ArticleTranslation, on_delete=models.CASCADE, related_name="figures"
    )

    class Meta(FigureContent.Meta):
        pass
