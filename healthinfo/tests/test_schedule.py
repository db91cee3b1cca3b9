"""Review intervals per category and article, and overrides with a reason."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from healthinfo.models import add_months
from healthinfo.services import record_edit
from healthinfo.tests.factories import make_category, make_reviewed_article

pytestmark = pytest.mark.django_db


def test_changing_a_category_interval_moves_its_articles_next_review_date():
    category = make_category()
    article = make_reviewed_article(category=category)
    category.review_interval_months = 12
    category.save()
    article.refresh_from_db()
    assert article.next_review_due == add_months(article.last_reviewed_on, 12)


def test_an_article_interval_wins_over_its_category():
    category = make_category(review_interval_months=12)
    article = make_reviewed_article(category=category, review_interval_months=24)
    article.refresh_from_db()
    assert article.next_review_due == add_months(article.last_reviewed_on, 24)
    category.review_interval_months = 6
    category.save()
    article.refresh_from_db()
    assert article.next_review_due == add_months(article.last_reviewed_on, 24)


def test_an_override_with_a_reason_sets_the_next_review_date():
    article = make_reviewed_article()
    article.next_review_override = date(2030, 1, 31)
    article.next_review_override_reason = "New national guideline expected in 2030."
    article.save()
    record_edit(article)
    article.refresh_from_db()
    assert article.next_review_due == date(2030, 1, 31)


@pytest.mark.parametrize("months", [0, -1, 121])
def test_intervals_out_of_range_are_refused(months):
    category = make_category()
    category.review_interval_months = months
    with pytest.raises(ValidationError):
        category.full_clean()


def test_an_override_needs_a_reason():
    article = make_reviewed_article()
    article.next_review_override = date(2030, 1, 1)
    article.next_review_override_reason = "   "
    with pytest.raises(ValidationError) as refused:
        article.full_clean()
    assert "next_review_override_reason" in refused.value.message_dict
    article.next_review_override_reason = "New national guideline expected in 2030."
    article.full_clean()
