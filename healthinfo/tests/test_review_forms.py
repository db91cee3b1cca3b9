"""The review forms take hostile input without raising or writing anything."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from healthinfo.forms import DashboardFilterForm, RecordReviewForm
from healthinfo.models import Review
from healthinfo.tests.factories import make_user

pytestmark = pytest.mark.django_db

anything = st.one_of(
    st.text(max_size=40), st.integers().map(str), st.sampled_from(["", "0", "-1", "9" * 40])
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    article=anything,
    reviewer=anything,
    assignment=anything,
    reviewed_on=anything,
    scope=anything,
    outcome=anything,
)
def test_record_review_form_never_raises_on_hostile_input(
    article, reviewer, assignment, reviewed_on, scope, outcome
):
    user = make_user(groups=["Medical reviewers"])
    form = RecordReviewForm(
        {
            "article": article,
            "reviewer": reviewer,
            "assignment": assignment,
            "reviewed_on": reviewed_on,
            "scope": scope,
            "outcome": outcome,
        },
        user=user,
    )
    # A reviewer with no assignment has nothing valid to record.
    assert not form.is_valid()
    assert not Review.objects.exists()


@settings(max_examples=60, deadline=None)
@given(bucket=anything, category=anything, sort=anything)
def test_dashboard_filters_fall_back_to_defaults(bucket, category, sort):
    chosen_bucket, chosen_category, chosen_sort = DashboardFilterForm(
        {"bucket": bucket, "category": category, "sort": sort}
    ).values()
    assert chosen_bucket in {"overdue", "due_30", "due_90", "never", "unassigned", "all"}
    assert chosen_sort in {"due", "-due", "last", "slug", "category"}
