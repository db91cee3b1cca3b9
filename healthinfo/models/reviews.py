"""
Medical reviews: who checked an article, when, and what they concluded.

A ``Review`` is its own record, separate from edits. It is of the live page
or, naming a ``draft_revision``, of the article's draft at that revision: a
sign-off of those changes. Whole-page reviews that approve the page ("No
change needed", "Minor edits") move the article's *last reviewed* and *next
review due* dates (a draft's when it is published); "Major revision" flags
the page instead, and "Withdrawn" takes it off the site.
"""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Reviewer(models.Model):
    """A clinician who reviews articles, with the credentials shown to readers."""

    name = models.CharField(_("name"), max_length=150)
    credentials = models.CharField(
        _("credentials"), max_length=150, blank=True, help_text=_('For example "MD, FACOG".')
    )
    title = models.CharField(_("job title"), max_length=200, blank=True)
    affiliation = models.CharField(_("affiliation"), max_length=300, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reviewer",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("reviewer")
        verbose_name_plural = _("reviewers")

    def __str__(self):
        return self.signature

    @property
    def signature(self):
        """Name and credentials as readers see them: "Jane Roe, MD, FACOG"."""
        return f"{self.name}, {self.credentials}" if self.credentials else self.name


class ReviewQuerySet(models.QuerySet):
    def whole_page(self):
        return self.filter(scope=Review.Scope.WHOLE_PAGE)

    def approving(self):
        """Reviews whose outcome lets the page be (or stay) published."""
        return self.filter(outcome__in=Review.APPROVING)

    def of_draft(self, article, revision=None):
        """Reviews of ``article``'s draft at ``revision`` (default: now), newest first."""
        revision = article.draft_revision if revision is None else revision
        return self.filter(article=article, draft_revision=revision).order_by("-created_at", "-pk")


class Review(models.Model):
    """The record that a reviewer checked an article on a date, with an outcome."""

    class Scope(models.TextChoices):
        WHOLE_PAGE = "whole", _("Whole page")
        PARTIAL = "partial", _("Partial")

    class Outcome(models.TextChoices):
        NO_CHANGE = "no_change", _("No change needed")
        MINOR_EDITS = "minor_edits", _("Minor edits")
        MAJOR_REVISION = "major_revision", _("Major revision")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    article = models.ForeignKey(
        "healthinfo.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="reviews",
    )
    reviewer = models.ForeignKey(
        Reviewer, verbose_name=_("reviewer"), on_delete=models.PROTECT, related_name="reviews"
    )
    # As they were at review time: credentials change, the record must not.
    reviewer_name = models.CharField(_("reviewer's name"), max_length=150, editable=False)
    reviewer_credentials = models.CharField(
        _("reviewer's credentials"), max_length=150, blank=True, editable=False
    )
    additional_reviewers = models.ManyToManyField(
        Reviewer,
        verbose_name=_("also reviewed by"),
        through="AdditionalReviewer",
        blank=True,
        related_name="additional_reviews",
    )
    reviewed_on = models.DateField(_("reviewed on"), default=timezone.localdate)
    scope = models.CharField(
        _("scope"), max_length=10, choices=Scope.choices, default=Scope.WHOLE_PAGE
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    notes = models.TextField(_("notes"), blank=True, max_length=5000)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now, editable=False)
    approved_version = models.ForeignKey(
        "healthinfo.Version",
        verbose_name=_("version reviewed"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The published version the reviewer checked (none before the first publish)."),
    )
    draft_revision = models.PositiveIntegerField(
        _("draft revision signed off"),
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "The revision of the article's draft this review is of (empty: the live page)."
        ),
    )
    evidence = models.TextField(
        _("evidence of the reviewer's sign-off"),
        blank=True,
        max_length=2000,
        help_text=_(
            "Recorded on the reviewer's behalf: how their sign-off reached you "
            "(for example “email of 3 June to the editors”)."
        ),
    )

    objects = ReviewQuerySet.as_manager()

    # Outcomes after which the page may be published (or stay published): a sign-off.
    APPROVING = (Outcome.NO_CHANGE, Outcome.MINOR_EDITS)

    class Meta:
        ordering = ["-reviewed_on", "-pk"]
        get_latest_by = "reviewed_on"
        verbose_name = _("review")
        verbose_name_plural = _("reviews")

    def __str__(self):
        return f"{self.article} — {self.reviewed_on:%Y-%m-%d} ({self.get_scope_display()})"

    def save(self, *args, **kwargs):
        if not self.reviewer_name:
            self.reviewer_name = self.reviewer.name
            self.reviewer_credentials = self.reviewer.credentials
        super().save(*args, **kwargs)

    def clean(self):
        if self.reviewed_on and self.reviewed_on > timezone.localdate():
            raise ValidationError({"reviewed_on": _("A review cannot be dated in the future.")})

    @property
    def approves(self):
        """True when the outcome lets the page be published ("No change", "Minor edits")."""
        return self.outcome in self.APPROVING

    @property
    def is_of_draft(self):
        return self.draft_revision is not None

    @property
    def recorded_on_behalf(self):
        """True when someone other than the reviewer recorded it (with evidence)."""
        reviewer_user_id = self.reviewer.user_id if self.reviewer_id else None
        return self.recorded_by_id is None or self.recorded_by_id != reviewer_user_id

    @property
    def reviewer_signature(self):
        """The primary reviewer as readers saw them at review time."""
        if self.reviewer_credentials:
            return f"{self.reviewer_name}, {self.reviewer_credentials}"
        return self.reviewer_name

    @property
    def also_reviewed_by(self):
        """Signatures of the additional reviewers (prefetch ``signoffs`` in lists)."""
        return [signoff.signature for signoff in self.signoffs.all()]


class AdditionalReviewer(models.Model):
    """A second clinician who signed off a review ("Also reviewed by …")."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="signoffs")
    reviewer = models.ForeignKey(Reviewer, on_delete=models.PROTECT, related_name="+")
    reviewer_name = models.CharField(_("name"), max_length=150, editable=False)
    reviewer_credentials = models.CharField(
        _("credentials"), max_length=150, blank=True, editable=False
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["review", "reviewer"], name="unique_review_signoff")
        ]
        ordering = ["pk"]
        verbose_name = _("additional reviewer")
        verbose_name_plural = _("additional reviewers")

    def __str__(self):
        return self.signature

    def save(self, *args, **kwargs):
        if not self.reviewer_name:
            self.reviewer_name = self.reviewer.name
            self.reviewer_credentials = self.reviewer.credentials
        super().save(*args, **kwargs)

    @property
    def signature(self):
        if self.reviewer_credentials:
            return f"{self.reviewer_name}, {self.reviewer_credentials}"
        return self.reviewer_name


class ReviewAssignmentQuerySet(models.QuerySet):
    def open(self):
        """Assignments not yet completed by a recorded review."""
        return self.filter(completed_by__isnull=True)

    def for_user(self, user):
        """Assignments of the reviewer linked to ``user`` (none when there is no such reviewer)."""
        return self.filter(reviewer__user=user) if user.is_authenticated else self.none()

    def with_draft_state(self):
        """
        Annotate ``article_draft_changes_content`` and ``article_draft_awaits_sign_off``:
        whether the article has drafts that change what readers see, and whether
        they still need a sign-off (``ArticleQuerySet.with_sign_off_state``).
        """
        from .articles import Article

        articles = Article.objects.with_sign_off_state().filter(pk=models.OuterRef("article"))
        return self.annotate(
            article_draft_changes_content=models.Subquery(
                articles.values("draft_changes_content")[:1]
            ),
            article_draft_awaits_sign_off=models.Subquery(
                articles.values("draft_awaits_sign_off")[:1]
            ),
        )


class ReviewAssignment(models.Model):
    """An editor's request that a reviewer review an article by a date."""

    article = models.ForeignKey(
        "healthinfo.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="review_assignments",
    )
    reviewer = models.ForeignKey(
        Reviewer,
        verbose_name=_("reviewer"),
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    due_on = models.DateField(_("due on"))
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    assigned_at = models.DateTimeField(_("assigned at"), default=timezone.now, editable=False)
    completed_by = models.OneToOneField(
        Review,
        verbose_name=_("completed by review"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assignment",
    )

    objects = ReviewAssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("review assignment")
        verbose_name_plural = _("review assignments")

    def __str__(self):
        return f"{self.article} → {self.reviewer.name} ({self.due_on:%Y-%m-%d})"

    def clean(self):
        if self._state.adding and self.due_on and self.due_on < timezone.localdate():
            raise ValidationError({"due_on": _("The due date cannot be in the past.")})

    @property
    def is_open(self):
        return self.completed_by_id is None


class SentReminder(models.Model):
    """
    A review reminder already emailed today, so an hourly cron sends it once a day.

    ``kind`` says what the reminder was about; the unique constraint is what
    makes ``send_review_reminders`` safe to run again.
    """

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", _("Due soon")
        OVERDUE = "overdue", _("Overdue")
        AWAITING_SIGN_OFF = "awaiting_sign_off", _("Draft awaiting sign-off")

    recipient = models.EmailField(_("recipient"))
    article = models.ForeignKey(
        "healthinfo.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    sent_on = models.DateField(_("sent on"), default=timezone.localdate)
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "article", "kind", "sent_on"], name="unique_daily_reminder"
            )
        ]
        ordering = ["-sent_at"]
        verbose_name = _("sent reminder")
        verbose_name_plural = _("sent reminders")

    def __str__(self):
        return f"{self.recipient}: {self.article} ({self.sent_on:%Y-%m-%d})"


def new_calendar_token():
    return secrets.token_urlsafe(32)


class CalendarToken(models.Model):
    """The secret in a staff member's calendar-feed address; replacing it revokes the old one."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="calendar_token",
    )
    token = models.CharField(_("token"), max_length=64, unique=True, default=new_calendar_token)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("calendar token")
        verbose_name_plural = _("calendar tokens")

    def __str__(self):
        return str(self.user)

    def get_absolute_url(self):
        return reverse("healthinfo:review_calendar", kwargs={"token": self.token})
