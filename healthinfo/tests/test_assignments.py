"""Editors assign reviews; reviewers record only the reviews assigned to them."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from healthinfo.models import ArticleEvent, Review, ReviewAssignment
from healthinfo.services import assign_review, record_review
from healthinfo.tests.factories import make_article, make_reviewer, make_user

pytestmark = pytest.mark.django_db

ADD_REVIEW = "/admin/healthinfo/review/add/"
EVIDENCE = "Signed review form, scanned."


@pytest.fixture
def editor():
    return make_user("editor", groups=["Editors"])


@pytest.fixture
def reviewer_user():
    user = make_user("doctor", groups=["Medical reviewers"])
    make_reviewer("Jane Roe", user=user)
    return user


def in_days(days):
    return timezone.localdate() + timedelta(days=days)


def review_form(article, reviewer, **overrides):
    return {
        "article": article.pk,
        "reviewer": reviewer.pk,
        "reviewed_on": timezone.localdate().isoformat(),
        "scope": "whole",
        "outcome": "no_change",
        "notes": "Checked against the 2024 guideline.",
        **overrides,
    }


def test_editor_assigns_a_review_in_the_admin_and_it_is_audited(client, editor):
    article, reviewer = make_article(), make_reviewer()
    client.force_login(editor)
    response = client.post(
        "/admin/healthinfo/reviewassignment/add/",
        {"article": article.pk, "reviewer": reviewer.pk, "due_on": in_days(30).isoformat()},
    )
    assert response.status_code == 302
    assignment = ReviewAssignment.objects.get()
    assert assignment.assigned_by == editor
    assert article.events.get().action == ArticleEvent.Action.ASSIGNED


def test_assignment_due_in_the_past_is_a_form_error(client, editor):
    article, reviewer = make_article(), make_reviewer()
    client.force_login(editor)
    response = client.post(
        "/admin/healthinfo/reviewassignment/add/",
        {"article": article.pk, "reviewer": reviewer.pk, "due_on": in_days(-1).isoformat()},
    )
    assert response.status_code == 200
    assert "The due date cannot be in the past." in response.content.decode()
    assert not ReviewAssignment.objects.exists()


def test_reviewer_cannot_assign_reviews(client, reviewer_user):
    client.force_login(reviewer_user)
    assert client.get("/admin/healthinfo/reviewassignment/add/").status_code == 403


def test_reviewer_sees_only_their_own_assignments_as_my_reviews(client, reviewer_user):
    mine = assign_review(make_article("mine"), reviewer_user.reviewer, due_on=in_days(10))
    assign_review(make_article("theirs"), make_reviewer(), due_on=in_days(10))
    client.force_login(reviewer_user)
    response = client.get("/admin/healthinfo/reviewassignment/")
    body = response.content.decode()
    assert "My reviews" in body
    assert "mine" in body
    assert "theirs" not in body
    assert f"?assignment={mine.pk}" in body


def test_reviewer_records_an_assigned_review_which_completes_the_assignment(client, reviewer_user):
    article = make_article()
    assignment = assign_review(article, reviewer_user.reviewer, due_on=in_days(10))
    client.force_login(reviewer_user)
    assert client.get(f"{ADD_REVIEW}?assignment={assignment.pk}").status_code == 200
    response = client.post(
        ADD_REVIEW, review_form(article, reviewer_user.reviewer, assignment=assignment.pk)
    )
    assert response.status_code == 302
    assignment.refresh_from_db()
    review = Review.objects.get()
    assert assignment.completed_by == review
    assert review.recorded_by == reviewer_user
    article.refresh_from_db()
    assert article.last_reviewed_on == timezone.localdate()


def test_reviewer_review_completes_their_assignment_even_without_the_link(client, reviewer_user):
    article = make_article()
    assignment = assign_review(article, reviewer_user.reviewer, due_on=in_days(10))
    client.force_login(reviewer_user)
    client.post(ADD_REVIEW, review_form(article, reviewer_user.reviewer))
    assignment.refresh_from_db()
    assert assignment.completed_by is not None


def test_reviewer_cannot_record_a_review_of_an_article_not_assigned_to_them(client, reviewer_user):
    article = make_article()
    client.force_login(reviewer_user)
    response = client.post(ADD_REVIEW, review_form(article, reviewer_user.reviewer))
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Review.objects.exists()


def test_reviewer_cannot_open_someone_elses_assignment(client, reviewer_user):
    other = assign_review(make_article(), make_reviewer(), due_on=in_days(10))
    client.force_login(reviewer_user)
    assert client.get(f"{ADD_REVIEW}?assignment={other.pk}").status_code == 403
    assert client.get(f"{ADD_REVIEW}?assignment=nonsense").status_code == 403


def test_reviewer_cannot_sign_as_another_reviewer(client, reviewer_user):
    article = make_article()
    assign_review(article, reviewer_user.reviewer, due_on=in_days(10))
    someone_else = make_reviewer("Sam Lee")
    client.force_login(reviewer_user)
    response = client.post(ADD_REVIEW, review_form(article, someone_else))
    assert response.status_code == 200
    assert not Review.objects.exists()


def test_forged_assignment_of_another_reviewer_is_a_form_error(client, reviewer_user):
    article = make_article()
    assign_review(article, reviewer_user.reviewer, due_on=in_days(10))
    forged = assign_review(article, make_reviewer(), due_on=in_days(10))
    client.force_login(reviewer_user)
    response = client.post(
        ADD_REVIEW, review_form(article, reviewer_user.reviewer, assignment=forged.pk)
    )
    assert response.status_code == 200
    assert not Review.objects.exists()
    forged.refresh_from_db()
    assert forged.is_open


def test_review_dated_in_the_future_is_a_form_error(client, editor):
    article, reviewer = make_article(), make_reviewer()
    client.force_login(editor)
    response = client.post(
        ADD_REVIEW, review_form(article, reviewer, reviewed_on=in_days(1).isoformat())
    )
    assert response.status_code == 200
    assert "A review cannot be dated in the future." in response.content.decode()
    assert not Review.objects.exists()


def test_editor_records_any_review_on_the_reviewers_behalf_with_evidence(client, editor):
    article, reviewer, director = make_article(), make_reviewer(), make_reviewer("Sam Lee")
    client.force_login(editor)
    response = client.post(
        ADD_REVIEW,
        review_form(
            article,
            reviewer,
            also_reviewed_by=[director.pk],
            evidence="Email from the reviewer of 3 June to the editors.",
        ),
    )
    assert response.status_code == 302
    recorded = Review.objects.get()
    assert recorded.also_reviewed_by == [director.signature]
    assert recorded.recorded_by == editor and recorded.recorded_on_behalf
    assert recorded.evidence == "Email from the reviewer of 3 June to the editors."


def test_editor_cannot_record_someone_elses_review_without_evidence(client, editor):
    article, reviewer = make_article(), make_reviewer("Sam Lee")
    client.force_login(editor)
    response = client.post(ADD_REVIEW, review_form(article, reviewer))
    assert response.status_code == 200
    assert "You are recording Sam Lee’s review: say how their sign-off reached you." in (
        response.content.decode()
    )
    assert not Review.objects.exists()


def test_midwife_cannot_record_reviews(client):
    client.force_login(make_user(groups=["Midwives"]))
    response = client.post(ADD_REVIEW, review_form(make_article(), make_reviewer()))
    assert response.status_code == 403
    assert not Review.objects.exists()


def test_reviews_cannot_be_deleted_in_the_admin(client, editor):
    from healthinfo.tests.factories import review

    recorded = review(make_article())
    client.force_login(editor)
    response = client.post(f"/admin/healthinfo/review/{recorded.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert Review.objects.filter(pk=recorded.pk).exists()


def test_service_refuses_an_assignment_of_another_article():
    article, reviewer = make_article(), make_reviewer()
    assignment = assign_review(make_article(), reviewer, due_on=in_days(5))
    with pytest.raises(ValidationError):
        record_review(
            article, reviewer, outcome="no_change", assignment=assignment, evidence=EVIDENCE
        )
    assert not Review.objects.exists()


def test_service_refuses_a_completed_assignment():
    article, reviewer = make_article(), make_reviewer()
    assignment = assign_review(article, reviewer, due_on=in_days(5))
    record_review(article, reviewer, outcome="no_change", assignment=assignment, evidence=EVIDENCE)
    with pytest.raises(ValidationError):
        record_review(
            article, reviewer, outcome="no_change", assignment=assignment, evidence=EVIDENCE
        )
    assert Review.objects.count() == 1


HUGE_ID = "9" * 30


def test_absurd_ids_are_form_errors_not_server_errors(client, editor):
    client.force_login(editor)
    response = client.post(
        ADD_REVIEW,
        {
            "article": HUGE_ID,
            "reviewer": HUGE_ID,
            "assignment": HUGE_ID,
            "also_reviewed_by": [HUGE_ID],
            "reviewed_on": "2020-01-01",
            "scope": "whole",
            "outcome": "no_change",
        },
    )
    assert response.status_code == 200
    response = client.post(
        "/admin/healthinfo/reviewassignment/add/",
        {"article": HUGE_ID, "reviewer": HUGE_ID, "due_on": in_days(3).isoformat()},
    )
    assert response.status_code == 200
    assert not Review.objects.exists()
    assert not ReviewAssignment.objects.exists()
