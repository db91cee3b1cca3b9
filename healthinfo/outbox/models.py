"""An email waiting to be sent, sent, or given up on."""

from django.core.mail import EmailMessage, make_msgid
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutgoingEmailQuerySet(models.QuerySet):
    def waiting(self):
        """Not sent yet and not given up on."""
        return self.filter(sent_at__isnull=True, gave_up_at__isnull=True)

    def sent(self):
        return self.filter(sent_at__isnull=False)

    def failed(self):
        """Given up on: the mail server refused it for good, or it waited too long."""
        return self.filter(gave_up_at__isnull=False)

    def in_sending_order(self):
        """Most urgent first, then oldest first."""
        return self.order_by("-priority", "created_at", "pk")


class OutgoingEmail(models.Model):
    """
    One message to one recipient, written when the change it reports is made.

    ``key`` names what the message is about ("urgent-alert:42:ana@example.org"),
    so queuing it again (a job run twice, a worker restarted) finds the row
    instead of adding a second message. The row is marked sent in the
    transaction that holds its lock while the mail server takes it, so a
    worker that restarts never sends it again.
    """

    class Priority(models.IntegerChoices):
        URGENT = 90, _("urgent alert")
        ANSWER = 50, _("answer to a reader")
        ROUTINE = 0, _("digest or reminder")

    key = models.CharField(_("key"), max_length=200, unique=True)
    priority = models.SmallIntegerField(
        _("priority"), choices=Priority.choices, default=Priority.ROUTINE
    )
    to = models.EmailField(_("to"))
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("body"))
    message_id = models.CharField(_("Message-ID"), max_length=200, unique=True)
    created_at = models.DateTimeField(_("queued at"), default=timezone.now)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), default=timezone.now)
    last_error = models.TextField(_("last error"), blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    gave_up_at = models.DateTimeField(_("given up at"), null=True, blank=True)

    objects = OutgoingEmailQuerySet.as_manager()

    class Meta:
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        indexes = [
            models.Index(
                fields=["-priority", "created_at"],
                name="outbox_waiting_idx",
                condition=models.Q(sent_at__isnull=True, gave_up_at__isnull=True),
            )
        ]

    def __str__(self):
        return f"{self.subject} → {self.to}"

    def save(self, *args, **kwargs):
        if not self.message_id:
            self.message_id = make_msgid(domain="healthinfo.outbox")
        super().save(*args, **kwargs)

    @property
    def state(self):
        if self.sent_at:
            return "sent"
        return "failed" if self.gave_up_at else "waiting"

    def message(self):
        """The email itself, with its own Message-ID so that a copy resent is recognisable."""
        return EmailMessage(
            self.subject, self.body, to=[self.to], headers={"Message-ID": self.message_id}
        )
