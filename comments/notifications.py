"""
Emails about questions: the urgent alert and the daily digest to the midwives,
and the one email an asker gets when their question is answered.

Emails carry links, not the questions themselves: inboxes are shared, forwarded
and read on lock screens, and the question and its answer are one click away
on the site (or, for midwives, in the admin after logging in).
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from comments.models import ModeratorDigest, Question
from comments.tokens import delete_token, forget_email_token

logger = logging.getLogger(__name__)

MIDWIVES_GROUP = "Midwives"


def absolute_url(path):
    """``path`` on the public site (``settings.SITE_URL``), for links in emails."""
    return f"{settings.SITE_URL}{path}"


def admin_url(question):
    return absolute_url(reverse("admin:comments_question_change", args=[question.pk]))


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


def _send(template, context, to):
    subject = render_to_string(f"comments/email/{template}_subject.txt", context)
    body = render_to_string(f"comments/email/{template}.txt", context)
    EmailMessage(" ".join(subject.split()), body, to=to).send()


def send_urgent_alert(question_id):
    """Tell the midwives at once that an urgent question is waiting. Returns the number sent."""
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
            "admin_url": admin_url(question),
            "site_name": settings.SITE_NAME,
        }
        # One message per midwife: nobody's address is shown to the others.
        for address in recipients:
            _send("urgent_alert", context, [address])
    return len(recipients)


def send_answer_notification(question_id):
    """
    Tell the asker, once, that their question has been answered. Returns True when sent.

    Only an approved question with a published reply, an email address and no
    earlier notification qualifies; the row is locked so two replies published
    at once cannot both send.
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
                "thread_url": absolute_url(question.get_absolute_url()),
                "forget_email_url": absolute_url(
                    reverse("comments:forget_email", args=[forget_email_token(question)])
                ),
                "delete_url": absolute_url(
                    reverse("comments:delete", args=[delete_token(question)])
                ),
                "phone": settings.EMERGENCY_PHONE_NUMBER,
                "site_name": settings.SITE_NAME,
            }
            _send("answered", context, [question.email])
        question.notified_at = timezone.now()
        question.save(update_fields=["notified_at"])
    return True


@dataclass(frozen=True)
class DigestOutcome:
    """
    What ``send_moderator_digest`` did.

    ``status`` is "sent", "already_sent", "nothing_pending" or "no_recipients".
    """

    status: str
    digest: ModeratorDigest | None = None


def send_moderator_digest(today=None):
    """
    Send the midwives the list of questions waiting for them, at most once a day.

    The day's ``ModeratorDigest`` row is created before sending, in the same
    transaction: a failed send leaves no record (the next run tries again),
    and a second run the same day finds the record and sends nothing.
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
                        "admin_url": admin_url(question),
                    }
                    for question in queue
                ],
                "queue_url": absolute_url(reverse("admin:comments_question_changelist")),
                "site_name": settings.SITE_NAME,
            }
            for address in recipients:
                _send("digest", context, [address])
    return DigestOutcome("sent", digest)
