"""
Reader questions and midwives' replies.

Every ``Question`` is held for moderation; only approved questions are shown,
newest first, with their ``Reply``s signed by the midwife's public name. A
reader's email address is kept only to tell them once that they have an answer
and is never displayed.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class QuestionQuerySet(models.QuerySet):
    def approved(self):
        """Questions readers can see."""
        return self.filter(status=Question.Status.APPROVED)

    def pending(self):
        return self.filter(status=Question.Status.PENDING)

    def moderation_queue(self):
        """Pending questions, urgent ones first, then oldest first."""
        return self.pending().order_by("-is_urgent", "created_at", "pk")


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
    red_flags = models.JSONField(_("red-flag phrases"), default=list, blank=True)
    has_personal_data = models.BooleanField(_("contains personal data"), default=False)
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

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["article", "status", "-created_at"], name="question_thread_idx"),
            models.Index(fields=["status", "-is_urgent", "created_at"], name="question_queue_idx"),
        ]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self):
        return self.body[:60]

    @property
    def public_name(self):
        """The name shown to readers; never the email address."""
        return self.display_name or _("Anonymous (not verified)")


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
