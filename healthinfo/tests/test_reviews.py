"""Recording reviews moves the article's review dates."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from healthinfo.models import Review, add_months
from healthinfo.services import record_review
from healthinfo.tests.factories import make_article, make_reviewer, review

pytestmark = pytest.mark.django_db


def test_whole_page_review_sets_last_reviewed_and_next_review_due(settings):
    settings.DEFAULT_REVIEW_INTERVAL_MONTHS = 36
    article = make_article()
    recorded = review(article, days_ago=100)
    article.refresh_from_db()
    assert article.last_reviewed_on == recorded.reviewed_on
    assert article.next_review_due == add_months(recorded.reviewed_on, 36)
    assert article.last_review == recorded


def test_partial_review_does_not_move_the_dates():
    article = make_article()
    review(article, days_ago=400)
    article.refresh_from_db()
    before = (article.last_reviewed_on, article.next_review_due)
    review(article, days_ago=5, scope=Review.Scope.PARTIAL)
    article.refresh_from_db()
    assert (article.last_reviewed_on, article.next_review_due) == before
    assert article.reviews.count() == 2


def test_review_dated_in_the_future_is_refused_and_nothing_is_written():
    article = make_article()
    with pytest.raises(ValidationError):
        record_review(
            article,
            make_reviewer(),
            outcome="no_change",
            reviewed_on=timezone.localdate() + timedelta(days=1),
        )
    assert not Review.objects.exists()


def test_review_keeps_the_credentials_the_reviewer_had_at_the_time():
    reviewer = make_reviewer("Jane Roe", credentials="MD")
    article = make_article()
    recorded = review(article, reviewer=reviewer)
    reviewer.credentials = "MD, FACOG, PhD"
    reviewer.save()
    recorded.refresh_from_db()
    assert recorded.reviewer_signature == "Jane Roe, MD"


def test_additional_reviewers_are_recorded_with_their_credentials():
    article = make_article()
    director = make_reviewer("Sam Lee", credentials="MD, MHA")
    recorded = review(article, also_reviewed_by=[director])
    assert [s.signature for s in recorded.signoffs.all()] == ["Sam Lee, MD, MHA"]


def test_overdue_article_is_flagged():
    article = make_article()
    review(article, days_ago=4 * 365)
    article.refresh_from_db()
    assert article.is_overdue
