"""
The editors' review dashboard: which articles need a review, and how soon.

The questions are asked of the whole table in a fixed number of queries (one
aggregate for the counts, then a page of rows with its prefetches), so the
dashboard costs the same with 50 articles or 10,000.
"""

from datetime import timedelta

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from healthinfo.models import Article, ReviewAssignment

BUCKETS = {
    "awaiting_sign_off": _("Awaiting sign-off"),
    "needs_revision": _("Needs revision"),
    "overdue": _("Overdue"),
    "due_30": _("Due within 30 days"),
    "due_90": _("Due within 90 days"),
    "never": _("Never reviewed"),
    "unassigned": _("Needs a review, not assigned"),
    "all": _("All articles"),
}

SORTS = {
    "due": (_("Next review due, soonest first"), [F("next_review_due").asc(nulls_first=True)]),
    "-due": (_("Next review due, latest first"), [F("next_review_due").desc(nulls_last=True)]),
    "last": (_("Last reviewed, oldest first"), [F("last_reviewed_on").asc(nulls_first=True)]),
    "slug": (_("Article"), ["slug"]),
    "category": (_("Category"), ["category__order", "category__slug", "slug"]),
}


def _bucket_filters(today):
    soon, later = today + timedelta(days=30), today + timedelta(days=90)
    needs_review = Q(next_review_due__lte=later) | Q(last_reviewed_on__isnull=True)
    return {
        "overdue": Q(next_review_due__lt=today),
        "due_30": Q(next_review_due__gte=today, next_review_due__lte=soon),
        "due_90": Q(next_review_due__gte=today, next_review_due__lte=later),
        "never": Q(last_reviewed_on__isnull=True),
        "unassigned": needs_review & Q(has_open_assignment=False),
        "awaiting_sign_off": Q(draft_awaits_sign_off=True),
        "needs_revision": Q(needs_revision=True) | Q(status=Article.Status.WITHDRAWN),
        "all": Q(),
    }


def reviewable_articles(category=None):
    """
    Articles the dashboard covers (not archived), with ``has_open_assignment``
    and the sign-off state of their drafts (``ArticleQuerySet.with_sign_off_state``).
    """
    articles = (
        Article.objects.exclude(status=Article.Status.ARCHIVED)
        .with_sign_off_state()
        .annotate(
            has_open_assignment=Exists(
                ReviewAssignment.objects.open().filter(article=OuterRef("pk"))
            )
        )
    )
    if category is not None:
        articles = articles.filter(category=category)
    return articles


def bucket_counts(category=None, today=None):
    """How many articles fall in each bucket, and the share of published ones in date."""
    today = today or timezone.localdate()
    filters = _bucket_filters(today)
    published = Q(status=Article.Status.PUBLISHED)
    counts = reviewable_articles(category).aggregate(
        **{name: Count("pk", filter=condition) for name, condition in filters.items()},
        published=Count("pk", filter=published),
        published_in_date=Count("pk", filter=published & Q(next_review_due__gte=today)),
    )
    counts["share_in_date"] = (
        round(100 * counts["published_in_date"] / counts["published"])
        if counts["published"]
        else None
    )
    return counts


def dashboard_rows(bucket="overdue", category=None, sort="due", today=None):
    """The articles of ``bucket``, ordered by ``sort``, ready to render without more queries."""
    today = today or timezone.localdate()
    return (
        reviewable_articles(category)
        .filter(_bucket_filters(today)[bucket])
        .select_related("category")
        .prefetch_related(
            "translations",
            "category__translations",
            Prefetch(
                "review_assignments",
                queryset=ReviewAssignment.objects.open().select_related("reviewer"),
                to_attr="open_assignments",
            ),
        )
        .order_by(*SORTS[sort][1], "pk")
    )
