"""
Review reminders: who must hear about which reviews today.

Each assigned reviewer hears about their open assignments due within 30 days
or overdue, and about the drafts of their assigned articles that await their
medical sign-off (whatever the due date); the editors hear about every article
whose next review is due within 30 days or overdue, and every draft awaiting
sign-off. "Awaiting sign-off" is ``Article.objects.awaiting_sign_off()``: drafts
that change the page, in any language, and whose current revision nobody has
signed off. A ``SentReminder`` row per recipient, article, kind
and day makes the command idempotent: run it every hour, each reminder goes
out once a day. Rows are claimed with ``get_or_create`` under the unique
constraint, so two runs at once cannot both send the same reminder.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone

from healthinfo import site_address
from healthinfo.models import Article, ReviewAssignment, SentReminder

EDITORS_GROUP = "Editors"
DUE_SOON_DAYS = 30


@dataclass(frozen=True)
class Item:
    article_id: int
    kind: str
    due_on: object  # a date; None for a draft awaiting sign-off without an assignment


def _kind(due_on, today):
    return SentReminder.Kind.OVERDUE if due_on < today else SentReminder.Kind.DUE_SOON


def collect(today=None):
    """
    ``{email address: [Item, …]}``: reviews due within 30 days or overdue, and
    drafts awaiting sign-off (for their assigned reviewers and the editors).
    """
    today = today or timezone.localdate()
    horizon = today + timedelta(days=DUE_SOON_DAYS)
    wanted = {}
    assignments = (
        ReviewAssignment.objects.open()
        .filter(due_on__lte=horizon, reviewer__user__is_active=True)
        .exclude(reviewer__user__email="")
        .exclude(article__status=Article.Status.ARCHIVED)
        .values_list("reviewer__user__email", "article_id", "due_on")
    )
    for email, article_id, due_on in assignments:
        wanted.setdefault(email, []).append(Item(article_id, _kind(due_on, today), due_on))
    awaiting = (
        Article.objects.awaiting_sign_off()
        .exclude(status=Article.Status.ARCHIVED)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    awaiting_ids = list(awaiting)
    sign_offs = (
        ReviewAssignment.objects.open()
        .filter(article__in=awaiting_ids, reviewer__user__is_active=True)
        .exclude(reviewer__user__email="")
        .order_by("due_on", "pk")
        .values_list("reviewer__user__email", "article_id", "due_on")
    )
    for email, article_id, due_on in sign_offs:
        wanted.setdefault(email, []).append(
            Item(article_id, SentReminder.Kind.AWAITING_SIGN_OFF, due_on)
        )
    editors = (
        get_user_model()
        .objects.filter(groups__name=EDITORS_GROUP, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )
    due = list(
        Article.objects.exclude(status=Article.Status.ARCHIVED)
        .filter(next_review_due__lte=horizon)
        .values_list("pk", "next_review_due")
        .order_by("next_review_due", "pk")
    )
    for email in editors:
        wanted.setdefault(email, []).extend(
            Item(pk, _kind(due_on, today), due_on) for pk, due_on in due
        )
        wanted[email].extend(
            Item(pk, SentReminder.Kind.AWAITING_SIGN_OFF, None) for pk in awaiting_ids
        )
    return wanted


def claim(recipient, items, today):
    """The items not yet sent to ``recipient`` today, now recorded as sent."""
    claimed = []
    for item in items:
        try:
            with transaction.atomic():
                _row, created = SentReminder.objects.get_or_create(
                    recipient=recipient, article_id=item.article_id, kind=item.kind, sent_on=today
                )
        except IntegrityError:  # another run claimed it between the get and the create
            created = False
        if created:
            claimed.append(item)
    return claimed


def send_review_reminders(today=None):
    """Send today's unsent reminders; returns the number of emails queued."""
    from healthinfo.tasks import email_review_reminder

    today = today or timezone.localdate()
    sent = 0
    for recipient, items in sorted(collect(today).items()):
        # The claim and the job commit together (the job queue is in the same
        # database): a reminder is never marked sent without its email queued.
        with transaction.atomic():
            claimed = claim(recipient, items, today)
            if claimed:
                email_review_reminder.enqueue(
                    recipient,
                    [
                        [item.article_id, item.kind, item.due_on.isoformat() if item.due_on else ""]
                        for item in claimed
                    ],
                    sent_on=today.isoformat(),
                    # A scheduled run has no request: SITE_URL or its fallback.
                    site_url=site_address.current(),
                )
                sent += 1
    return sent
