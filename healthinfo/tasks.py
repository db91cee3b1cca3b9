"""Background jobs of the review workflow (Django's tasks framework)."""

import logging
from datetime import date

from django.conf import settings
from django.core.mail import EmailMessage
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from healthinfo.models import Article, SentReminder

logger = logging.getLogger(__name__)


@task
def email_review_reminder(recipient, items):
    """
    Email ``recipient`` the reviews in ``items`` ([article id, kind, due date]).

    The email carries titles, dates and admin links, never article content.
    """
    try:
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
                        "admin_url": settings.SITE_URL
                        + reverse("admin:healthinfo_article_change", args=[article_id]),
                    }
                )
            context = {
                "rows": rows,
                "overdue_count": sum(row["overdue"] for row in rows),
                "due_soon_count": sum(not row["overdue"] for row in rows),
                "reviews_url": settings.SITE_URL
                + reverse("admin:healthinfo_reviewassignment_changelist"),
                "site_name": settings.SITE_NAME,
            }
            subject = render_to_string("healthinfo/email/review_reminder_subject.txt", context)
            body = render_to_string("healthinfo/email/review_reminder.txt", context)
        EmailMessage(" ".join(subject.split()), body, to=[recipient]).send()
        return len(rows)
    except Exception:
        logger.exception("Could not send the review reminder to %s.", recipient)
        raise
