"""
Emails about questions: the urgent alert and the daily digest to the midwives,
and the one email an asker gets when their question is answered.

Each function writes its emails to the outbox (``healthinfo.outbox``), in the
transaction that records what was told to whom; the worker sends them, most
urgent first, and tries again while the mail server is down. Writing the same
email again (a job run twice) finds it there instead of adding a copy.

Emails carry links, not the questions themselves: inboxes are shared, forwarded
and read on lock screens, and the question and its answer are one click away
on the site (or, for midwives, in the admin after logging in). The links start
with ``site_url``, the address of the request that started the job (captured
when it was enqueued), or ``healthinfo.site_address.current()`` without one.
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from comments.models import ModeratorDigest, Question
from comments.tokens import delete_token, forget_email_token
from healthinfo import site_address
from healthinfo.outbox import delivery
from healthinfo.outbox.models import OutgoingEmail

logger = logging.getLogger(__name__)

MIDWIVES_GROUP = "Midwives"


def admin_url(question, site_url):
    return site_address.absolute(
        reverse("admin:comments_question_change", args=[question.pk]), site_url
    )


def midwife_addresses():
    """Email addresses of the active members of the Midwives group."""
    return sorted(
        set(
            get_user_model()
            .objects.filter(groups__name=MIDWIVES_GROUP, is_active=True)
            .exclude(email="")
            .values_list("email", flat=True)
        )
    )


def _article_title(article, language):
    titles = {t.language: t.title for t in article.translations.all()}
    return titles.get(language) or titles.get(settings.LANGUAGE_CODE) or article.slug


def _queue(template, context, to, *, key, priority):
    subject = render_to_string(f"comments/email/{template}_subject.txt", context)
    body = render_to_string(f"comments/email/{template}.txt", context)
    return delivery.queue(key=key, to=to, subject=subject, body=body, priority=priority)[1]


def queue_urgent_alert(question_id, site_url=None):
    """
    Queue the midwives' alert that an urgent question is waiting. Returns the number queued.

    One email per midwife (nobody's address is shown to the others), queued
    once per question and address, first in the outbox's order.
    """
    question = (
        Question.objects.select_related("article")
        .prefetch_related("article__translations")
        .filter(pk=question_id, is_urgent=True, status=Question.Status.PENDING)
        .first()
    )
    recipients = midwife_addresses()
    if question is None or not recipients:
        if question is not None:
            logger.warning("Urgent question %s: no midwife has an email address.", question_id)
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "question": question,
            "title": _article_title(question.article, settings.LANGUAGE_CODE),
            "admin_url": admin_url(question, site_url),
            "site_name": settings.SITE_NAME,
        }
        with transaction.atomic():
            return sum(
                _queue(
                    "urgent_alert",
                    context,
                    address,
                    key=f"urgent-alert:{question.pk}:{address}",
                    priority=OutgoingEmail.Priority.URGENT,
                )
                for address in recipients
            )


def answer_notification_key(question_id):
    """The outbox key of the one email telling the asker of ``question_id`` it is answered."""
    return f"answered:{question_id}"


def queue_answer_notification(question_id, site_url=None):
    """
    Queue the email telling the asker, once, that their question is answered. True when queued.

    Only an approved question with a published reply, an email address and no
    earlier notification qualifies; the row is locked so two replies published
    at once cannot both queue one, and ``notified_at`` is set with the queuing.
    """
    with transaction.atomic():
        question = (
            Question.objects.select_for_update()
            .filter(
                pk=question_id,
                status=Question.Status.APPROVED,
                answered_at__isnull=False,
                notified_at__isnull=True,
            )
            .exclude(email="")
            .first()
        )
        if question is None:
            return False
        article = question.article
        with translation.override(question.language):
            context = {
                "title": _article_title(article, question.language),
                "thread_url": site_address.absolute(question.get_absolute_url(), site_url),
                "forget_email_url": site_address.absolute(
                    reverse("comments:forget_email", args=[forget_email_token(question)]),
                    site_url,
                ),
                "delete_url": site_address.absolute(
                    reverse("comments:delete", args=[delete_token(question)]), site_url
                ),
                "phone": settings.EMERGENCY_PHONE_NUMBER,
                "site_name": settings.SITE_NAME,
            }
            _queue(
                "answered",
                context,
                question.email,
                key=answer_notification_key(question.pk),
                priority=OutgoingEmail.Priority.ANSWER,
            )
        question.notified_at = timezone.now()
        question.save(update_fields=["notified_at"])
    return True


@dataclass(frozen=True)
class DigestOutcome:
    """
    What ``send_moderator_digest`` did.

    ``status`` is "queued", "already_sent", "nothing_pending" or "no_recipients".
    """

    status: str
    digest: ModeratorDigest | None = None


def queue_moderator_digest(today=None, site_url=None):
    """
    Queue the midwives' list of questions waiting for them, at most once a day.

    The day's ``ModeratorDigest`` row and the emails are written in one
    transaction: a second run the same day finds the record and queues
    nothing, and an email the mail server did not take waits in the outbox.
    """
    today = today or timezone.localdate()
    if ModeratorDigest.objects.filter(sent_on=today).exists():
        return DigestOutcome("already_sent")
    queue = list(
        Question.objects.moderation_queue()
        .select_related("article")
        .prefetch_related("article__translations")
    )
    if not queue:
        return DigestOutcome("nothing_pending")
    recipients = midwife_addresses()
    if not recipients:
        logger.warning("%d questions are waiting but no midwife has an email address.", len(queue))
        return DigestOutcome("no_recipients")
    now = timezone.now()
    with transaction.atomic():
        digest, created = ModeratorDigest.objects.get_or_create(
            sent_on=today,
            defaults={
                "sent_at": now,
                "pending_count": len(queue),
                "urgent_count": sum(question.is_urgent for question in queue),
                "recipient_count": len(recipients),
            },
        )
        if not created:
            return DigestOutcome("already_sent")
        with translation.override(settings.LANGUAGE_CODE):
            context = {
                "digest": digest,
                "items": [
                    {
                        "question": question,
                        "title": _article_title(question.article, settings.LANGUAGE_CODE),
                        "admin_url": admin_url(question, site_url),
                    }
                    for question in queue
                ],
                "queue_url": site_address.absolute(
                    reverse("admin:comments_question_changelist"), site_url
                ),
                "site_name": settings.SITE_NAME,
            }
            for address in recipients:
                _queue(
                    "digest",
                    context,
                    address,
                    key=f"digest:{today.isoformat()}:{address}",
                    priority=OutgoingEmail.Priority.ROUTINE,
                )
    return DigestOutcome("queued", digest)
