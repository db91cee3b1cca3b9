"""
Reader questions and midwives' replies.

Every ``Question`` is held for moderation; only approved questions are shown,
newest first, with their ``Reply``s signed by the midwife's public name. A
reader's email address is kept only to tell them once that they have an answer
and is never displayed.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from comments import red_flags as red_flag_rules
from comments.personal_data import find_personal_data
from comments.triage import readable_evidence


class QuestionQuerySet(models.QuerySet):
    def approved(self):
        """Questions readers can see."""
        return self.filter(status=Question.Status.APPROVED)

    def pending(self):
        """Questions waiting for a midwife."""
        return self.filter(status=Question.Status.PENDING)

    def refused(self):
        """Questions a midwife rejected or marked as spam."""
        return self.filter(status__in=[Question.Status.REJECTED, Question.Status.SPAM])

    def answered(self):
        """Questions with at least one published reply."""
        return self.filter(answered_at__isnull=False)

    def unanswered(self):
        return self.filter(answered_at__isnull=True)

    def moderation_queue(self):
        """Pending questions, urgent ones first, then oldest first."""
        return self.pending().order_by("-is_urgent", "created_at", "pk")

    def urgent_waiting(self):
        """
        How many urgent questions wait for a midwife, and when the oldest was asked.

        One query: {"count": n, "oldest": datetime or None}.
        """
        return (
            self.pending()
            .filter(is_urgent=True)
            .aggregate(count=models.Count("pk"), oldest=models.Min("created_at"))
        )

    def thread(self, article, language):
        """The approved questions shown under ``article`` in ``language``, newest first."""
        return (
            self.approved()
            .filter(article=article, language=language)
            .order_by("-created_at", "-pk")
        )

    def last_asked_at(self, article):
        """When the newest approved question on ``article`` (any language) was asked, or None."""
        return (
            self.approved()
            .filter(article=article)
            .order_by("-created_at")
            .values_list("created_at", flat=True)
            .first()
        )

    def duplicates_of(self, article, body, *, since):
        """Questions on ``article`` since ``since`` with the same text, ignoring case."""
        return self.filter(article=article, created_at__gte=since, body__iexact=body)


class Question(models.Model):
    """A reader's question under an article."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        SPAM = "spam", _("Spam")

    article = models.ForeignKey(
        "healthinfo.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="questions",
    )
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    body = models.TextField(_("question"), max_length=2000)
    display_name = models.CharField(_("name"), max_length=50, blank=True)
    email = models.EmailField(_("email"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    is_urgent = models.BooleanField(_("urgent"), default=False)
    urgent_category = models.CharField(
        _("red-flag category"),
        max_length=20,
        blank=True,
        choices=[
            (slug, red_flag_rules.CATEGORY_LABELS[slug]) for slug in red_flag_rules.CATEGORIES
        ],
    )
    red_flags = models.JSONField(_("red-flag phrases"), default=list, blank=True)
    # True while the question or the name holds personal details nobody has dealt
    # with (removed, or marked as not personal data): such a question cannot be
    # approved, by any path; a database constraint backs this up.
    has_personal_data = models.BooleanField(_("contains personal data"), default=False)
    # Findings a midwife marked as not personal data ("phone:0800 014 7800").
    dismissed_findings = models.JSONField(
        _("marked as not personal data"), default=list, blank=True
    )
    created_at = models.DateTimeField(_("asked at"), default=timezone.now, db_index=True)
    ip_hash = models.CharField(_("IP address (salted hash)"), max_length=64, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)
    moderation_reason = models.CharField(_("moderation reason"), max_length=300, blank=True)
    answered_at = models.DateTimeField(_("first answered at"), null=True, blank=True)
    # Set when the asker has been told about the first reply: they are told once only.
    notified_at = models.DateTimeField(_("asker notified at"), null=True, blank=True)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["article", "status", "-created_at"], name="question_thread_idx"),
            models.Index(fields=["status", "-is_urgent", "created_at"], name="question_queue_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="approved", has_personal_data=True),
                name="question_approved_without_personal_data",
                violation_error_message=_(
                    "Remove the personal details, or mark them as not personal data, "
                    "before approving."
                ),
            ),
        ]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self):
        return self.body[:60]

    # Saving any of these re-screens the question for personal details.
    SCREENED_FIELDS = frozenset({"body", "display_name", "dismissed_findings"})

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is None or self.SCREENED_FIELDS & set(update_fields):
            self.has_personal_data = bool(self.personal_data_findings())
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "has_personal_data"}
        if self.status == self.Status.APPROVED and self.has_personal_data:
            # The last line of defence for code that sets the status itself; the
            # services refuse earlier, with the same message.
            raise self.approval_error() or personal_data_error([])
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        """The permalink: it finds the question's page in the thread wherever it has moved to."""
        with translation.override(self.language):
            return reverse("comments:question", kwargs={"pk": self.pk})

    def personal_data_findings(self):
        """
        The personal details in the text and the name that nobody has dealt with yet.

        Each is a ``comments.personal_data.Finding``; ``field`` says where
        ("body" or "display_name").
        """
        dismissed = self.dismissed_findings or []
        findings = [
            (finding, "body") for finding in find_personal_data(self.body, dismissed=dismissed)
        ]
        findings += [
            (finding, "display_name")
            for finding in find_personal_data(self.display_name, dismissed=dismissed)
        ]
        return findings

    def approval_error(self):
        """Why this question cannot be approved as it is (a ``ValidationError``), or None."""
        findings = self.personal_data_findings()
        if not findings:
            return None
        return personal_data_error([finding for finding, _field in findings])

    @property
    def red_flag_evidence(self):
        """The red-flag evidence in the active language (the self-harm model's sentence)."""
        return [readable_evidence(item) for item in self.red_flags if isinstance(item, str)]

    @property
    def public_name(self):
        """The name shown to readers; never the email address."""
        return self.display_name or _("Anonymous (not verified)")

    @property
    def anchor(self):
        """The id of the question on its article page, for links to it."""
        return f"question-{self.pk}"

    @property
    def is_answered(self):
        return self.answered_at is not None


def personal_data_error(findings):
    """The refusal to publish a question that holds ``findings``, naming each of them."""
    if not findings:
        return ValidationError(
            _("This question may contain personal details: check it before approving."),
            code="personal_data",
        )
    named = "; ".join(f"{finding.label} “{finding.text}”" for finding in findings)
    return ValidationError(
        _(
            "This question still contains personal details: %(findings)s. Remove each one, "
            "or mark it as not personal data, before approving."
        ),
        code="personal_data",
        params={"findings": named},
    )


def thread_closes_at(last_asked_at):
    """When a thread whose last question came at ``last_asked_at`` closes for inactivity."""
    days = settings.QUESTIONS_CLOSE_AFTER_DAYS
    if not days or last_asked_at is None:
        return None
    return last_asked_at + timedelta(days=days)


def thread_closure(article, last_asked_at, now=None):
    """
    Why readers can no longer ask questions on ``article``, or None when they can.

    "closed": an editor closed the thread. "inactive": nobody has asked
    anything for ``settings.QUESTIONS_CLOSE_AFTER_DAYS`` days (0 turns this off).
    """
    if article.questions_closed:
        return "closed"
    closes_at = thread_closes_at(last_asked_at)
    if closes_at is not None and closes_at < (now or timezone.now()):
        return "inactive"
    return None


class Reply(models.Model):
    """A staff answer to an approved question, signed with the author's public display name."""

    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="replies"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="question_replies",
    )
    # Kept as signed at the time: renaming a profile later must not rewrite history.
    author_name = models.CharField(_("signed as"), max_length=80)
    body = models.TextField(_("reply"), max_length=5000)
    created_at = models.DateTimeField(_("replied at"), default=timezone.now)
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("reply")
        verbose_name_plural = _("replies")

    def __str__(self):
        return self.body[:60]

    def save(self, *args, **kwargs):
        # Readers only see approved questions; a reply to anything else would be
        # published the moment the question was approved, unreviewed in context.
        if self._state.adding and self.question.status != Question.Status.APPROVED:
            raise ValidationError(
                _("Approve the question before replying: readers only see approved questions."),
                code="not_approved",
            )
        super().save(*args, **kwargs)


class CannedReply(models.Model):
    """A reusable reply text midwives insert into answers (helplines, "see your unit today")."""

    title = models.CharField(_("title"), max_length=120)
    body = models.TextField(_("text"), max_length=5000)
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )

    class Meta:
        ordering = ["language", "title"]
        verbose_name = _("canned reply")
        verbose_name_plural = _("canned replies")

    def __str__(self):
        return self.title


class AuditEntry(models.Model):
    """
    One moderation action on a question or reply: who, when, and the text before and after.

    Entries are never edited. The texts of redactions and deletions can hold the
    personal details that were removed, so only superusers see them, and
    ``purge_personal_data`` blanks them after
    ``settings.QUESTIONS_AUDIT_TEXT_RETENTION_DAYS``.
    """

    class Action(models.TextChoices):
        APPROVE = "approve", _("Approved")
        REJECT = "reject", _("Rejected")
        SPAM = "spam", _("Marked as spam")
        REDACT = "redact", _("Removed personal details")
        REPLY = "reply", _("Replied")
        EDIT = "edit", _("Edited the question")
        EDIT_REPLY = "edit_reply", _("Edited a reply")
        DELETE = "delete", _("Deleted the question")
        DELETE_REPLY = "delete_reply", _("Deleted a reply")
        FORGET_EMAIL = "forget_email", _("Deleted the email address")
        NOT_PERSONAL_DATA = "not_personal", _("Marked as not personal data")
        MARK_URGENT = "urgent", _("Marked as urgent")
        MARK_NOT_URGENT = "not_urgent", _("Marked as not urgent")
        HOLD = "hold", _("Held again for personal details")

    # Actions whose texts may contain the personal details that were removed.
    PRIVATE_TEXT_ACTIONS = frozenset({Action.REDACT, Action.DELETE})
    STATUS_ACTIONS = frozenset({Action.APPROVE, Action.REJECT, Action.SPAM})

    question = models.ForeignKey(
        Question,
        verbose_name=_("question"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_entries",
    )
    # Kept when the question itself is deleted, so the entry still says which one it was.
    question_number = models.PositiveBigIntegerField(_("question number"))
    reply = models.ForeignKey(
        Reply,
        verbose_name=_("reply"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_entries",
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    # Empty for actions by the asker (deleting their own question) or by the system.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_name = models.CharField(_("by (name)"), max_length=150, blank=True)
    created_at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)
    before = models.TextField(_("before"), blank=True)
    after = models.TextField(_("after"), blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")

    def __str__(self):
        return f"{self.get_action_display()} #{self.question_number}"

    @property
    def has_private_text(self):
        """True when the texts may hold removed personal details (superusers only)."""
        return self.action in self.PRIVATE_TEXT_ACTIONS

    def _readable(self, text):
        # Status changes store status codes; show them as the labels midwives know.
        if self.action in self.STATUS_ACTIONS and text in Question.Status.values:
            return Question.Status(text).label
        return text

    @property
    def before_display(self):
        return self._readable(self.before)

    @property
    def after_display(self):
        return self._readable(self.after)


class ModeratorDigest(models.Model):
    """The record that the daily digest of pending questions went to the midwives."""

    sent_on = models.DateField(_("sent on"), unique=True)
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)
    pending_count = models.PositiveIntegerField(_("pending questions"))
    urgent_count = models.PositiveIntegerField(_("urgent questions"))
    recipient_count = models.PositiveIntegerField(_("recipients"))

    class Meta:
        ordering = ["-sent_on"]
        verbose_name = _("moderator digest")
        verbose_name_plural = _("moderator digests")

    def __str__(self):
        return str(self.sent_on)
