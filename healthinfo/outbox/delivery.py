"""
Queuing emails in the outbox, and sending them, most urgent first.

``queue`` writes a message to the outbox (once per key). ``deliver`` sends
waiting messages one by one in priority order, each under a row lock and
marked sent in the same transaction, so two workers never send the same
message and a restarted worker never sends one again.

When the mail server cannot be reached (refused, timed out, a 4xx answer),
the whole outbox pauses: the message that failed is retried after a delay
that doubles with each failure in a row (``OUTBOX_RETRY_BASE_SECONDS`` up to
``OUTBOX_RETRY_MAX_SECONDS``), and nothing else is sent before it, so when
the server is back the waiting messages go out in order of urgency. A
message the server refuses for good (a 5xx answer about that message) is
given up on at once, and any message still unsent after
``OUTBOX_GIVE_UP_AFTER_HOURS`` is given up on; both stay in the admin under
"Outgoing emails" (failed) with the error.

The one case this cannot cover is the mail server's: if a worker dies after
the server accepted a message and before the commit that marks it sent, the
message is sent again; it keeps its Message-ID, so mail programs can tell.
"""

import logging
import smtplib
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import mailers
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from healthinfo.outbox.models import OutgoingEmail

logger = logging.getLogger(__name__)

# Messages sent by one job; the next job goes on (so a job never runs for long).
BATCH = 50


@dataclass(frozen=True)
class Delivery:
    """What ``deliver`` did: messages sent and given up, and when to try again (if paused)."""

    sent: int = 0
    gave_up: int = 0
    paused_until: datetime | None = None
    more: bool = False


def queue(*, key, to, subject, body, priority=OutgoingEmail.Priority.ROUTINE):
    """
    Put a message in the outbox, unless a message with ``key`` is already there.

    Returns the message and whether it was added. Call it in the transaction
    that makes the change the message reports: they commit together or not at all.
    """
    defaults = {"to": to, "subject": " ".join(subject.split())[:300], "body": body}
    try:
        with transaction.atomic():
            return OutgoingEmail.objects.get_or_create(
                key=key[:200], defaults={**defaults, "priority": priority}
            )
    except IntegrityError:  # queued at the same moment by another job
        return OutgoingEmail.objects.get(key=key[:200]), False


def cancel(*, key, to):
    """
    Delete the waiting message with ``key`` to ``to``, if any: a reader asked us to forget
    their address. Returns the number deleted.

    Call it in the transaction that makes the change. The row is locked first: a
    worker sending it at that moment holds the lock, and once it commits the
    message counts as sent and is left alone (it has gone; nothing can unsend it).
    """
    waiting = list(
        OutgoingEmail.objects.waiting()
        .filter(key=key[:200], to=to)
        .select_for_update()
        .values_list("pk", flat=True)
    )
    if not waiting:
        return 0
    return OutgoingEmail.objects.waiting().filter(pk__in=waiting).delete()[0]


def _is_permanent(error):
    """True when the server refused this message for good (a 5xx answer about it)."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _reply in error.recipients.values())
    if isinstance(error, smtplib.SMTPDataError):
        return error.smtp_code >= 500
    # Anything else (refused, reset, timed out, 4xx, authentication, sender
    # refused) is about the server or our settings, not this message.
    return isinstance(error, (ValueError, UnicodeError))


def _delay(failures):
    base = settings.OUTBOX_RETRY_BASE_SECONDS
    return timedelta(
        seconds=min(base * 2 ** max(failures - 1, 0), settings.OUTBOX_RETRY_MAX_SECONDS)
    )


def _describe(error):
    return f"{type(error).__name__}: {error}"[:2000]


def deliver(batch=BATCH, now=None):
    """Send waiting messages, most urgent first, until done, paused or ``batch`` were sent."""
    sent = gave_up = 0
    connection = None
    try:
        for _turn in range(batch):
            current = now or timezone.now()
            waiting = OutgoingEmail.objects.waiting()
            paused_until = waiting.filter(next_attempt_at__gt=current).aggregate(
                until=Max("next_attempt_at")
            )["until"]
            if paused_until:
                return Delivery(sent, gave_up, paused_until)
            with transaction.atomic():
                email = waiting.in_sending_order().select_for_update(skip_locked=True).first()
                if email is None:
                    return Delivery(sent, gave_up)
                email.attempts += 1
                try:
                    if connection is None:
                        connection = mailers.default
                        connection.open()
                    connection.send_messages([email.message()])
                except Exception as error:
                    email.last_error = _describe(error)
                    too_old = current - email.created_at > timedelta(
                        hours=settings.OUTBOX_GIVE_UP_AFTER_HOURS
                    )
                    if _is_permanent(error) or too_old:
                        email.gave_up_at = current
                        email.save(update_fields=["attempts", "last_error", "gave_up_at"])
                        logger.error("Gave up on email %s to %s: %s", email.key, email.to, error)
                        gave_up += 1
                        continue
                    failures = max(email.attempts, waiting.aggregate(n=Max("attempts"))["n"] or 0)
                    email.next_attempt_at = current + _delay(failures)
                    email.save(update_fields=["attempts", "last_error", "next_attempt_at"])
                    logger.warning(
                        "Mail server unavailable (%s); %d emails wait, next try at %s.",
                        email.last_error,
                        waiting.count(),
                        email.next_attempt_at.isoformat(timespec="seconds"),
                    )
                    return Delivery(sent, gave_up, email.next_attempt_at)
                email.sent_at = timezone.now()
                email.last_error = ""
                email.save(update_fields=["attempts", "last_error", "sent_at"])
                sent += 1
        return Delivery(sent, gave_up, more=True)
    finally:
        if connection is not None:
            try:
                connection.close()
            except Exception:  # closing a connection the server already dropped
                logger.debug("Closing the mail connection failed", exc_info=True)


def forget_old(now=None):
    """Delete sent messages after ``OUTBOX_KEEP_SENT_DAYS`` and failed ones after 90 days."""
    now = now or timezone.now()
    sent = OutgoingEmail.objects.sent().filter(
        sent_at__lt=now - timedelta(days=settings.OUTBOX_KEEP_SENT_DAYS)
    )
    failed = OutgoingEmail.objects.failed().filter(gave_up_at__lt=now - timedelta(days=90))
    return sent.delete()[0] + failed.delete()[0]
