"""Background jobs of the review workflow (Django's tasks framework)."""

import hashlib
from datetime import date

from django.conf import settings
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from healthinfo import site_address
from healthinfo.models import Article, DraftTranslation, SentReminder
from healthinfo.outbox import delivery
from healthinfo.outbox.tasks import send_outbox_now


def _admin_url(site_url, name, *args):
    return site_address.absolute(reverse(name, args=args), site_url)


def _sign_off_row(article, title, due, drafts, site_url):
    """A draft awaiting sign-off: each language it changes, with the links to read it."""
    return {
        "title": title,
        "revision": article.draft_revision,
        "due_on": date.fromisoformat(due) if due else None,
        "drafts": [
            {
                "language": draft.get_language_display(),
                "title": draft.title,
                "compare_url": _admin_url(
                    site_url, "admin:healthinfo_drafttranslation_compare", draft.pk
                ),
                "preview_url": _admin_url(
                    site_url, "admin:healthinfo_drafttranslation_preview", draft.pk
                ),
            }
            for draft in drafts
        ],
        "record_url": _admin_url(site_url, "admin:healthinfo_review_add")
        + f"?article={article.pk}",
    }


@task
def email_review_reminder(recipient, items, sent_on=None, site_url=None):
    """
    Email ``recipient`` the reviews in ``items`` ([article id, kind, due date or
    ""]): reviews due or overdue, and drafts awaiting a medical sign-off.

    Its links start with ``site_url``, the address the run that enqueued it
    chose (``healthinfo.site_address.current()``), when it is given.

    The email carries titles, dates and admin links, never article content.
    It goes through the outbox, once per recipient, day and list of items,
    so a job run twice queues one email.
    """
    ids = [article_id for article_id, _kind, _due in items]
    articles = Article.objects.prefetch_related("translations").in_bulk(ids)
    # Drafts still awaiting sign-off now (one may have been signed off since the job
    # was queued), with the languages they change: the rule of the sign-off itself.
    awaiting = Article.objects.awaiting_sign_off().filter(pk__in=ids).values("pk")
    changing = {}
    for draft in DraftTranslation.objects.changing_live().filter(article__in=awaiting):
        changing.setdefault(draft.article_id, []).append(draft)
    with translation.override(settings.LANGUAGE_CODE):
        rows, sign_off_rows = [], []
        for article_id, kind, due in items:
            article = articles.get(article_id)
            if article is None:
                continue
            titles = {t.language: t.title for t in article.translations.all()}
            drafts = sorted(changing.get(article_id, []), key=lambda draft: draft.language)
            title = (
                titles.get(settings.LANGUAGE_CODE)
                or next((draft.title for draft in drafts), None)
                or article.slug
            )
            if kind == SentReminder.Kind.AWAITING_SIGN_OFF:
                if drafts:  # signed off or published since the reminder was queued: nothing to say
                    sign_off_rows.append(_sign_off_row(article, title, due, drafts, site_url))
                continue
            rows.append(
                {
                    "title": title,
                    "overdue": kind == SentReminder.Kind.OVERDUE,
                    "due_on": date.fromisoformat(due),
                    "admin_url": _admin_url(
                        site_url, "admin:healthinfo_article_change", article_id
                    ),
                }
            )
        context = {
            "rows": rows,
            "sign_off_rows": sign_off_rows,
            "overdue_count": sum(row["overdue"] for row in rows),
            "due_soon_count": sum(not row["overdue"] for row in rows),
            "sign_off_count": len(sign_off_rows),
            "reviews_url": _admin_url(site_url, "admin:healthinfo_reviewassignment_changelist"),
            "site_name": settings.SITE_NAME,
        }
        if not rows and not sign_off_rows:
            return {"rows": 0}
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
    return {"rows": len(rows) + len(sign_off_rows), **send_outbox_now()}
