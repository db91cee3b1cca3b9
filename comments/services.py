"""
Workflows for readers' questions: asking, moderating, replying, deleting, retention.

Each function runs in one transaction and writes its audit entry in it, so an
action and its record exist together or not at all. Anything readers would see
change calls ``invalidate_article`` (applied on commit), and anything the asker sees of
her question awaiting review ``invalidate_question``. Emails go out through
jobs enqueued with the transaction (``enqueue_with_transaction``), so nobody is
ever told about a rolled-back change and no committed change loses its email.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from comments import ratelimit
from comments import red_flags as red_flag_rules
from comments.models import AuditEntry, Question, Reply, thread_closure
from comments.notifications import answer_notification_key
from comments.personal_data import CONTACT_KINDS, find_personal_data
from comments.tasks import alert_midwives_about_urgent_question, notify_asker_of_answer
from comments.text import clean_reader_text
from comments.triage import triage
from healthinfo import site_address
from healthinfo.cache import invalidate_article, invalidate_question
from healthinfo.models import Article, public_name_for
from healthinfo.outbox import delivery
from healthinfo.outbox.tasks import enqueue_with_transaction

REMOVED = _("[removed]")
PURGED = "[purged]"


class QuestionRefused(ValidationError):
    """
    A question that will not be accepted, with a kind message for the reader.

    ``code`` says why: "rate_limited", "duplicate", "closed" or "unavailable".
    """


def rate_limit_refusal():
    """The refusal a reader gets when the rate limit (questions or attempts) is reached."""
    return QuestionRefused(
        _(
            "You have sent several questions in the last few minutes, so we cannot take "
            "another one just yet. Please try again a little later. If you are worried "
            "about yourself or your baby now, call %(phone)s or your maternity unit."
        ),
        code="rate_limited",
        params={"phone": settings.EMERGENCY_PHONE_NUMBER},
    )


def hash_ip(ip_address):
    """A salted hash of ``ip_address``: it recognises a repeat poster but cannot identify one."""
    if not ip_address:
        return ""
    return salted_hmac("comments.question-ip", ip_address, algorithm="sha256").hexdigest()


def screen(body, display_name=""):
    """
    The screening fields of a question: ``is_urgent``, ``urgent_category``,
    ``red_flags`` (the words that showed them) and ``has_personal_data``.
    """
    result = triage(body)
    return {
        "is_urgent": result.is_urgent,
        "urgent_category": result.category or "",
        "red_flags": result.evidence,
        "has_personal_data": bool(find_personal_data(body) or find_personal_data(display_name)),
    }


def _audit(question, action, by=None, *, before="", after="", note="", reply=None):
    return AuditEntry.objects.create(
        question=question,
        question_number=question.pk,
        reply=reply,
        action=action,
        actor=by,
        actor_name=by.get_username() if by else "",
        before=before,
        after=after,
        note=note[:300],
    )


def _locked(question):
    return Question.objects.select_for_update().select_related("article").get(pk=question.pk)


# --- Asking -------------------------------------------------------------------


@transaction.atomic
def submit_question(
    *, article, language, body, display_name="", email="", ip_address="", browser=""
):
    """
    Record a reader's question for moderation and return it.

    The question is screened for red flags (urgent: alert the midwives now) and
    personal details (flag it for redaction). Refused with ``QuestionRefused``
    when the thread is closed, the reader has hit the rate limit, or the same
    text was already asked on this article recently. The rate limit counts the
    reader's address and ``browser`` (``comments.views.browser_identity``).
    """
    ip_hash = hash_ip(ip_address)
    identities = [
        f"ip:{ip_hash}" if ip_hash else "",
        f"browser:{browser}" if browser else "",
    ]
    if not ratelimit.take(identities):
        raise rate_limit_refusal()
    # Lock the article: a double-click must not slip two copies past the duplicate check.
    article = Article.objects.select_for_update().get(pk=article.pk)
    if not article.is_visible():
        raise QuestionRefused(_("This page is no longer available."), code="unavailable")
    if thread_closure(article, Question.objects.last_asked_at(article)):
        raise QuestionRefused(_("Questions on this page are closed."), code="closed")
    body = clean_reader_text(body)
    display_name = clean_reader_text(display_name, multiline=False)
    since = timezone.now() - timedelta(hours=settings.QUESTIONS_DUPLICATE_WINDOW_HOURS)
    if Question.objects.duplicates_of(article, body, since=since).exists():
        raise QuestionRefused(
            _(
                "We already have this question from you, so there is no need to send it "
                "again. A midwife will read it soon."
            ),
            code="duplicate",
        )
    question = Question.objects.create(
        article=article,
        language=language,
        body=body,
        display_name=display_name,
        email=email,
        ip_hash=ip_hash,
        **screen(body, display_name),
    )
    # Her fragment's own generation, random from the start: a question numbered like one
    # in another timeline (a database restored from a backup) never finds that one's copy.
    invalidate_question(question.pk)
    if question.is_urgent:
        enqueue_with_transaction(
            alert_midwives_about_urgent_question, question.pk, site_address.current()
        )
    return question


# --- Moderation ---------------------------------------------------------------

_STATUS_ACTIONS = {
    Question.Status.APPROVED: AuditEntry.Action.APPROVE,
    Question.Status.REJECTED: AuditEntry.Action.REJECT,
    Question.Status.SPAM: AuditEntry.Action.SPAM,
}


def _moderate(question, by, status, note):
    question = _locked(question)
    if question.status == status:
        return question
    if status == Question.Status.APPROVED:
        error = question.approval_error()
        if error is not None:
            raise error
    previous = question.status
    question.status = status
    question.moderated_by = by
    question.moderated_at = timezone.now()
    question.moderation_reason = note[:300]
    question.save(update_fields=["status", "moderated_by", "moderated_at", "moderation_reason"])
    _audit(question, _STATUS_ACTIONS[status], by, before=previous, after=status, note=note)
    invalidate_question(question.pk)
    if Question.Status.APPROVED in (previous, status):
        invalidate_article(question.article_id)
    return question


@transaction.atomic
def approve(question, by, *, note=""):
    """
    Publish ``question`` under its article. Returns the updated question.

    Refused (``ValidationError`` naming each finding) while the question holds
    personal details nobody has removed or marked as not personal data.
    """
    return _moderate(question, by, Question.Status.APPROVED, note)


@transaction.atomic
def reject(question, by, *, note=""):
    """Refuse ``question`` (off topic, abusive, ...); it is hidden if it was published."""
    return _moderate(question, by, Question.Status.REJECTED, note)


@transaction.atomic
def mark_spam(question, by, *, note=""):
    """Mark ``question`` as spam; it is hidden if it was published."""
    return _moderate(question, by, Question.Status.SPAM, note)


@transaction.atomic
def redact(question, by, text, *, span=None):
    """
    Replace personal details in ``question`` with "[removed]". Returns the updated question.

    With ``span`` (start, end) only that stretch of the text is removed, if it
    still reads ``text``; otherwise every occurrence of ``text`` is. The text
    as it was is kept only in the audit entry.
    """
    question = _locked(question)
    text = (text or "").strip()
    if not text or text not in question.body:
        raise ValidationError(
            _("The question does not contain that text. Copy it exactly from the question."),
            code="not_found",
        )
    with translation.override(question.language):
        marker = gettext(REMOVED)
    before = question.body
    start, end = span or (None, None)
    if start is not None and 0 <= start < end <= len(before) and before[start:end].strip() == text:
        question.body = f"{before[:start]}{marker}{before[end:]}"
    else:
        question.body = before.replace(text, marker)
    question.save(update_fields=["body"])  # re-screens it for personal details
    _audit(question, AuditEntry.Action.REDACT, by, before=before, after=question.body)
    invalidate_question(question.pk)
    if question.status == Question.Status.APPROVED:
        invalidate_article(question.article_id)
    return question


@transaction.atomic
def mark_not_personal_data(question, by, finding_key, *, note=""):
    """
    Record ``by``'s decision that a finding is not personal data (a helpline, a hospital's
    name), so it no longer blocks approval. ``finding_key`` is ``Finding.key``.
    """
    question = _locked(question)
    findings = {finding.key: finding for finding, _field in question.personal_data_findings()}
    if finding_key not in findings:
        raise ValidationError(
            _("That detail is no longer in the question. Reload the page to see what is left."),
            code="not_found",
        )
    question.dismissed_findings = [*(question.dismissed_findings or []), finding_key]
    question.save(update_fields=["dismissed_findings"])
    finding = findings[finding_key]
    _audit(
        question,
        AuditEntry.Action.NOT_PERSONAL_DATA,
        by,
        after=f"{finding.label}: {finding.text}",
        note=note,
    )
    return question


@transaction.atomic
def set_urgency(question, by, *, urgent, category="", note=""):
    """
    A midwife's own judgement: mark ``question`` urgent (with a red-flag category) or
    not urgent. Urgent questions come first in the queue; the change is audited.

    A question that becomes urgent alerts the midwives like one the triage flagged
    (``submit_question``): the alert is queued with the transaction, once per
    question and midwife (the outbox's key), so marking it urgent again, or
    changing its category, sends nothing more.
    """
    if urgent and category not in red_flag_rules.CATEGORIES:
        raise ValidationError(_("Choose what makes the question urgent."), code="no_category")
    question = _locked(question)
    category = category if urgent else ""
    if question.is_urgent == urgent and question.urgent_category == category:
        return question
    before = _urgency_label(question.is_urgent, question.urgent_category)
    was_urgent = question.is_urgent
    question.is_urgent = urgent
    question.urgent_category = category
    question.save(update_fields=["is_urgent", "urgent_category"])
    action = AuditEntry.Action.MARK_URGENT if urgent else AuditEntry.Action.MARK_NOT_URGENT
    _audit(question, action, by, before=before, after=_urgency_label(urgent, category), note=note)
    invalidate_question(question.pk)  # her emergency box follows the midwife's judgement
    if urgent and not was_urgent:
        enqueue_with_transaction(
            alert_midwives_about_urgent_question, question.pk, site_address.current()
        )
    return question


def _urgency_label(urgent, category):
    if not urgent:
        return str(_("Not urgent"))
    label = red_flag_rules.CATEGORY_LABELS.get(category)
    return f"{_('Urgent')}: {label}" if label else str(_("Urgent"))


@transaction.atomic
def edit_question(question, by, *, display_name):
    """Change the name shown with ``question`` (for example, a full name a reader gave)."""
    question = _locked(question)
    display_name = clean_reader_text(display_name, multiline=False)[:50]
    if display_name == question.display_name:
        return question
    before = question.display_name
    question.display_name = display_name
    question.save(update_fields=["display_name"])  # re-screens it for personal details
    _audit(question, AuditEntry.Action.EDIT, by, before=before, after=display_name)
    invalidate_question(question.pk)
    if question.status == Question.Status.APPROVED:
        invalidate_article(question.article_id)
    return question


def clean_reply_body(body):
    """
    ``body`` as it will be published, or a ``ValidationError``: empty, too long, or
    holding a personal phone number or email address (the site's helplines are allowed).
    """
    body = clean_reader_text(body)
    if not body:
        raise ValidationError(_("Write a reply first."), code="empty")
    if len(body) > Reply._meta.get_field("body").max_length:
        raise ValidationError(_("A reply can be at most 5,000 characters long."), code="too_long")
    contacts = find_personal_data(body, kinds=CONTACT_KINDS)
    if contacts:
        # A personal number or address in a public reply reaches everyone who reads
        # the page; the site's helplines are allowed (QUESTIONS_ALLOWED_CONTACTS).
        raise ValidationError(
            _(
                "The reply contains contact details that look personal: %(findings)s. "
                "Remove them, or give the helpline instead."
            ),
            code="personal_contact",
            params={"findings": "; ".join(f"{f.label} “{f.text}”" for f in contacts)},
        )
    return body


@transaction.atomic
def reply(question, by, body):
    """
    Publish ``by``'s reply to an approved ``question``, signed with their public name.

    The first reply marks the question answered and, if the asker left an
    email address, tells them once the transaction has committed.
    """
    body = clean_reply_body(body)
    question = _locked(question)
    if question.status != Question.Status.APPROVED:
        raise ValidationError(
            _("Approve the question before replying: readers only see approved questions."),
            code="not_approved",
        )
    answer = Reply.objects.create(
        question=question, author=by, author_name=public_name_for(by), body=body
    )
    first = question.answered_at is None
    if first:
        question.answered_at = answer.created_at
        question.save(update_fields=["answered_at"])
    _audit(question, AuditEntry.Action.REPLY, by, after=body, reply=answer)
    invalidate_article(question.article_id)
    if first and question.email and question.notified_at is None:
        enqueue_with_transaction(notify_asker_of_answer, question.pk, site_address.current())
    return answer


@transaction.atomic
def approve_and_reply(question, by, body, *, note=""):
    """Publish ``question`` and ``by``'s reply to it together: both happen, or neither does."""
    body = clean_reply_body(body)
    question = approve(question, by, note=note)
    return reply(question, by, body)


@transaction.atomic
def edit_reply(answer, by, body):
    """Change the text of a published reply; the reply shows that it was edited."""
    body = clean_reply_body(body)
    answer = Reply.objects.select_for_update().select_related("question").get(pk=answer.pk)
    if body == answer.body:
        return answer
    before = answer.body
    answer.body = body
    answer.edited_at = timezone.now()
    answer.save(update_fields=["body", "edited_at"])
    _audit(
        answer.question, AuditEntry.Action.EDIT_REPLY, by, before=before, after=body, reply=answer
    )
    invalidate_article(answer.question.article_id)
    return answer


@transaction.atomic
def delete_reply(answer, by):
    """Remove a reply; a question left without replies counts as unanswered again."""
    answer = Reply.objects.select_for_update().select_related("question").get(pk=answer.pk)
    question = _locked(answer.question)
    _audit(question, AuditEntry.Action.DELETE_REPLY, by, before=answer.body)
    answer.delete()
    first_remaining = question.replies.order_by("created_at").values_list("created_at", flat=True)
    question.answered_at = first_remaining.first()
    question.save(update_fields=["answered_at"])
    invalidate_article(question.article_id)


@transaction.atomic
def delete_question(question, by=None, *, note=""):
    """
    Delete ``question`` and its replies, leaving an audit entry, and the answer email to
    the asker if it is still waiting in the outbox.

    ``by=None`` means the asker deleted it with their private link: then the
    entry keeps no text, because they asked for their words to be gone.
    """
    question = _locked(question)
    if question.email:
        # An answer email still waiting would point to a question that is gone.
        delivery.cancel(key=answer_notification_key(question.pk), to=question.email)
    _audit(question, AuditEntry.Action.DELETE, by, before=question.body if by else "", note=note)
    was_visible = question.status == Question.Status.APPROVED
    article_id = question.article_id
    invalidate_question(question.pk)
    question.delete()
    if was_visible:
        invalidate_article(article_id)


@transaction.atomic
def forget_email(question):
    """
    Delete the asker's email address from ``question`` (their one-click link in the email),
    and the answer email to it still waiting in the outbox: once forgotten, nothing more
    is sent to that address about this question.
    """
    question = _locked(question)
    if not question.email:
        return question
    delivery.cancel(key=answer_notification_key(question.pk), to=question.email)
    question.email = ""
    question.save(update_fields=["email"])
    _audit(question, AuditEntry.Action.FORGET_EMAIL)
    return question


# --- Retention ----------------------------------------------------------------


@transaction.atomic
def purge_personal_data(now=None):
    """
    Apply the retention rules in ``settings`` and return what was done, as counts.

    - IP hashes older than ``QUESTIONS_IP_HASH_RETENTION_DAYS`` are dropped;
    - email addresses go once the asker has been told about the answer, or
      after ``QUESTIONS_EMAIL_RETENTION_DAYS``;
    - rejected and spam questions are deleted ``QUESTIONS_REFUSED_RETENTION_DAYS``
      after they were refused;
    - the texts kept in audit entries of redactions and deletions are blanked
      after ``QUESTIONS_AUDIT_TEXT_RETENTION_DAYS``.
    """
    now = now or timezone.now()

    def days_ago(days):
        return now - timedelta(days=days)

    ip_hashes = (
        Question.objects.exclude(ip_hash="")
        .filter(created_at__lt=days_ago(settings.QUESTIONS_IP_HASH_RETENTION_DAYS))
        .update(ip_hash="")
    )
    emails = (
        Question.objects.exclude(email="")
        .filter(
            Q(notified_at__isnull=False)
            | Q(created_at__lt=days_ago(settings.QUESTIONS_EMAIL_RETENTION_DAYS))
        )
        .update(email="")
    )
    refused = list(
        Question.objects.refused()
        .alias(refused_at=Coalesce("moderated_at", "created_at"))
        .filter(refused_at__lt=days_ago(settings.QUESTIONS_REFUSED_RETENTION_DAYS))
        .values_list("pk", flat=True)
    )
    AuditEntry.objects.bulk_create(
        AuditEntry(
            question_id=pk,
            question_number=pk,
            action=AuditEntry.Action.DELETE,
            note="retention rule",
        )
        for pk in refused
    )
    Question.objects.filter(pk__in=refused).delete()
    audit_texts = (
        AuditEntry.objects.filter(
            action__in=AuditEntry.PRIVATE_TEXT_ACTIONS,
            created_at__lt=days_ago(settings.QUESTIONS_AUDIT_TEXT_RETENTION_DAYS),
        )
        .exclude(before="", after="")
        .exclude(before=PURGED)
        .update(before=PURGED, after=PURGED)
    )
    return {
        "ip_hashes": ip_hashes,
        "emails": emails,
        "refused_questions": len(refused),
        "audit_texts": audit_texts,
    }
