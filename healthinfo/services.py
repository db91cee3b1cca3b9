"""
Workflows of the article app that touch several rows. Each runs in one
transaction, so a failure leaves nothing half-written.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from healthinfo.models import AdditionalReviewer, Article, Review


@transaction.atomic
def record_review(
    article,
    reviewer,
    *,
    outcome,
    reviewed_on=None,
    scope=Review.Scope.WHOLE_PAGE,
    notes="",
    also_reviewed_by=(),
    recorded_by=None,
):
    """
    Record that ``reviewer`` reviewed ``article``.

    A whole-page review moves the article's *last reviewed* and *next review
    due* dates in the same transaction; a partial review leaves them alone.
    """
    reviewed_on = reviewed_on or timezone.localdate()
    if reviewed_on > timezone.localdate():
        raise ValidationError({"reviewed_on": _("A review cannot be dated in the future.")})
    review = Review.objects.create(
        article=article,
        reviewer=reviewer,
        reviewed_on=reviewed_on,
        scope=scope,
        outcome=outcome,
        notes=notes,
        recorded_by=recorded_by,
    )
    for other in also_reviewed_by:
        if other.pk != reviewer.pk:
            AdditionalReviewer.objects.create(review=review, reviewer=other)
    if scope == Review.Scope.WHOLE_PAGE:
        # Lock the row: two reviews recorded at once must not both win.
        article = Article.objects.select_for_update().select_related("category").get(pk=article.pk)
        if article.last_reviewed_on is None or reviewed_on >= article.last_reviewed_on:
            article.last_review = review
            article.last_reviewed_on = reviewed_on
            article.next_review_due = article.compute_next_review_due()
            article.save(update_fields=["last_review", "last_reviewed_on", "next_review_due"])
    return review
