"""Background jobs of the review workflow (Django's tasks framework)."""

import hashlib
from datetime import date

from django.conf import settings
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from healthinfo import site_address
from healthinfo.models import Article, SentReminder
from healthinfo.outbox import delivery
from healthinfo.outbox.tasks import send_outbox_now


@task
def email_review_reminder(recipient, items, sent_on=None, site_url=None):
    """
    Email ``recipient`` the reviews in ``items`` ([article id, kind, due date]).

    Its links start with ``site_url``, the address the run that enqueued it
    chose (``healthinfo.site_address.current()``), when it is given.

    The email carries titles, dates and admin links, never article content.
    It goes through the outbox, once per recipient, day and list of items,
    so a job run twice queues one email.
    """
    articles = Article.objects.prefetch_related("translations").in_bulk(
        [article_id for article_id, _kind, _due in items]
    )
    with translation.override(settings.LANGUAGE_CODE):
        rows = []
        for article_id, kind, due in items:
            article = articles.get(article_id)
            if article is None:
                continue
            titles = {t.language: t.title for t in article.translations.all()}
            rows.append(
                {
                    "title": titles.get(settings.LANGUAGE_CODE) or article.slug,
                    "overdue": kind == SentReminder.Kind.OVERDUE,
                    "due_on": date.fromisoformat(due),
                    "admin_url": site_address.absolute(
                        reverse("admin:healthinfo_article_change", args=[article_id]), site_url
                    ),
                }
            )
        context = {
            "rows": rows,
            "overdue_count": sum(row["overdue"] for row in rows),
            "due_soon_count": sum(not row["overdue"] for row in rows),
            "reviews_url": site_address.absolute(
                reverse("admin:healthinfo_reviewassignment_changelist"), site_url
            ),
            "site_name": settings.SITE_NAME,
        }
        subject = render_to_string("healthinfo/email/review_reminder_subject.txt", context)
        body = render_to_string("healthinfo/email/review_reminder.txt", context)
    claimed = ",".join(f"{article_id}-{kind}" for article_id, kind, _due in items)
    digest = hashlib.sha256(f"{recipient}\n{claimed}".encode()).hexdigest()[:32]
    delivery.queue(
        key=f"review-reminder:{sent_on or date.today().isoformat()}:{digest}",
        to=recipient,
        subject=subject,
        body=body,
    )
    return {"rows": len(rows), **send_outbox_now()}
