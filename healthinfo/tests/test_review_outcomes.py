"""Review outcomes mean what they say, and a review is recorded by its reviewer."""

import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from healthinfo.models import Article, ArticleEvent, Review, Reviewer
from healthinfo.services import publish, record_review, schedule_publication
from healthinfo.tests.factories import (
    add_translation,
    edit_draft,
    make_published_article,
    make_reviewer,
    make_user,
    review,
    sign_off,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def live():
    article = make_published_article("pre-eclampsia", title="Pre-eclampsia", days_ago=400)
    add_translation(article, "es", title="Preeclampsia")
    publish(article)
    article.refresh_from_db()
    return article


def dates(article):
    article.refresh_from_db()
    return article.last_reviewed_on, article.next_review_due


@pytest.mark.parametrize("outcome", ["no_change", "minor_edits"])
def test_approving_outcomes_move_the_review_dates(live, outcome):
    before = dates(live)
    recorded = review(live, days_ago=1, outcome=outcome)
    assert dates(live) != before
    assert live.last_review == recorded


def test_major_revision_keeps_the_dates_and_flags_the_page(live, client):
    before = dates(live)
    review(live, days_ago=1, outcome="major_revision")
    assert dates(live) == before
    assert live.needs_revision
    assert live.is_visible()  # the page stays up with its old dates
    client.force_login(make_user(groups=["Editors"]))
    body = client.get(
        "/admin/healthinfo/reviewassignment/dashboard/?bucket=needs_revision"
    ).content.decode()
    assert 'Needs revision <span class="count">(1)</span>' in body
    assert "Pre-eclampsia" in body
    # An approving whole-page review later clears the flag.
    review(live, days_ago=0, outcome="no_change")
    live.refresh_from_db()
    assert not live.needs_revision


def test_withdrawn_takes_the_page_down_without_moving_its_dates(live, client):
    before = dates(live)
    reviewer = make_reviewer("Jane Roe", credentials="MD")
    review(live, days_ago=0, outcome="withdrawn", reviewer=reviewer)
    assert dates(live) == before
    assert live.status == Article.Status.WITHDRAWN
    assert not live.is_visible()
    assert live.events.filter(action=ArticleEvent.Action.WITHDRAWN).exists()
    assert not Article.objects.published().filter(pk=live.pk).exists()


@pytest.mark.parametrize(
    ("language", "heading", "search", "emergency"),
    [
        ("en", "This page was withdrawn", "Search health information", "call 999"),
        ("es", "Esta página se ha retirado", "Buscar información de salud", "llame ahora al 999"),
    ],
)
def test_readers_of_a_withdrawn_page_get_a_translated_notice_not_a_bare_404(
    live, client, language, heading, search, emergency
):
    review(live, days_ago=0, outcome="withdrawn")
    response = client.get(f"/{language}/articles/pre-eclampsia/")
    assert response.status_code == 410
    body = response.content.decode()
    assert heading in body
    assert search in body and 'role="search"' in body
    assert emergency in body
    assert f"/{language}/articles/pre-eclampsia/history/" in body
    # Its archive stays citable, and says why it is down.
    history = client.get(f"/{language}/articles/pre-eclampsia/history/")
    assert history.status_code == 200
    # Another unknown address is still a plain 404.
    assert client.get(f"/{language}/articles/no-such-page/").status_code == 404


def test_a_withdrawn_page_cannot_be_published_again_without_a_new_review(live):
    review(live, days_ago=0, outcome="withdrawn")
    with pytest.raises(ValidationError, match="only after a new whole-page review"):
        publish(live)
    with pytest.raises(ValidationError):
        publish(live, non_clinical_reason="It was fine after all")
    with pytest.raises(ValidationError):
        schedule_publication(live, timezone.now() + timezone.timedelta(days=1))
    review(live, days_ago=0, outcome="no_change", scope="partial")  # not enough
    with pytest.raises(ValidationError):
        publish(live)
    review(live, days_ago=0, outcome="no_change")
    publish(live)
    live.refresh_from_db()
    assert live.status == Article.Status.PUBLISHED and live.is_visible()


def test_withdrawing_a_draft_takes_the_live_page_down_too(live):
    edit_draft(live, title="Rewritten")
    sign_off(live, outcome="withdrawn")
    live.refresh_from_db()
    assert live.status == Article.Status.WITHDRAWN
    assert live.drafts.exists()  # kept, for the editors to fix


def test_withdrawal_cancels_a_scheduled_publication(live):
    edit_draft(live, title="Rewritten")
    schedule_publication(live, timezone.now() + timezone.timedelta(hours=1))
    review(live, days_ago=0, outcome="withdrawn")
    live.refresh_from_db()
    assert live.publish_at is None


# --- Who records a review ------------------------------------------------------------


def test_a_reviewer_records_their_own_review_without_evidence(live):
    user = make_user("doctor", groups=["Medical reviewers"])
    reviewer = make_reviewer("Jane Roe", user=user)
    recorded = record_review(live, reviewer, outcome="no_change", recorded_by=user)
    assert recorded.recorded_by == user and not recorded.recorded_on_behalf
    assert recorded.evidence == ""


def test_a_reviewer_cannot_record_another_reviewers_review(live):
    user = make_user("doctor", groups=["Medical reviewers"])
    make_reviewer("Jane Roe", user=user)
    with pytest.raises(ValidationError, match="Only Sam Lee can record this review"):
        record_review(
            live, make_reviewer("Sam Lee"), outcome="no_change", recorded_by=user, evidence="x"
        )
    assert not Review.objects.filter(reviewer__name="Sam Lee").exists()


def test_an_editor_records_on_a_clinicians_behalf_only_with_evidence(live):
    editor = make_user("editor", groups=["Editors"])
    clinician = make_reviewer("Jane Roe", credentials="MD, FACOG")
    with pytest.raises(ValidationError, match="say how their sign-off reached you"):
        record_review(live, clinician, outcome="no_change", recorded_by=editor)
    recorded = record_review(
        live,
        clinician,
        outcome="no_change",
        recorded_by=editor,
        evidence="Email from Dr Roe, 3 June, approving the page as it stands.",
    )
    assert recorded.recorded_on_behalf
    event = live.events.filter(action=ArticleEvent.Action.REVIEWED).order_by("-pk").first()
    assert "recorded by editor on behalf of Jane Roe: Email from Dr Roe" in event.note


def test_the_public_box_and_json_ld_name_only_the_clinician(live, client):
    editor = make_user("editor-on-duty", groups=["Editors"], public_name="Editor Person")
    record_review(
        live,
        make_reviewer("Jane Roe", credentials="MD, FACOG"),
        outcome="no_change",
        recorded_by=editor,
        evidence="Email of 3 June",
    )
    body = client.get("/en/articles/pre-eclampsia/").content.decode()
    assert "Jane Roe, MD, FACOG" in body
    assert "editor-on-duty" not in body and "Editor Person" not in body
    assert "on behalf" not in body and "Email of 3 June" not in body
    (data,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', body, re.S)
    names = [person["name"] for person in json.loads(data)["reviewedBy"]]
    assert names == ["Jane Roe"]


def test_the_review_record_in_the_admin_says_who_recorded_it_for_whom(live, client):
    editor = make_user("editor", groups=["Editors"])
    recorded = record_review(
        live, make_reviewer("Jane Roe"), outcome="no_change", recorded_by=editor, evidence="Email"
    )
    client.force_login(editor)
    body = client.get(f"/admin/healthinfo/review/{recorded.pk}/change/").content.decode()
    assert "recorded by editor on behalf of Jane Roe" in body
    assert "Email" in body


def test_recording_the_same_review_twice_is_refused(live):
    reviewer = make_reviewer()
    review(live, days_ago=1, reviewer=reviewer)
    with pytest.raises(ValidationError, match="already recorded"):
        review(live, days_ago=1, reviewer=reviewer)
    assert live.reviews.filter(reviewer=reviewer).count() == 1


def test_recording_the_same_review_twice_in_the_admin_is_a_form_error(live, client):
    user = make_user("doctor", groups=["Medical reviewers"])
    reviewer = make_reviewer("Jane Roe", user=user)
    from datetime import timedelta

    from healthinfo.services import assign_review

    assign_review(live, reviewer, due_on=timezone.localdate() + timedelta(days=5))
    assign_review(live, reviewer, due_on=timezone.localdate() + timedelta(days=9))
    client.force_login(user)
    data = {
        "article": live.pk,
        "reviewer": reviewer.pk,
        "reviewed_on": timezone.localdate().isoformat(),
        "scope": "whole",
        "outcome": "no_change",
    }
    assert client.post("/admin/healthinfo/review/add/", data).status_code == 302
    response = client.post("/admin/healthinfo/review/add/", data)
    assert response.status_code == 200
    assert "This review is already recorded" in response.content.decode()
    assert Review.objects.filter(reviewer=reviewer).count() == 1


def test_a_review_with_an_unknown_outcome_or_scope_is_refused(live):
    with pytest.raises(ValidationError):
        review(live, outcome="looks-fine")
    with pytest.raises(ValidationError):
        review(live, scope="most of it")


def test_deleting_a_reviewer_with_reviews_is_refused_with_a_page_not_an_error(live, client):
    reviewer = make_reviewer("Jane Roe")
    review(live, reviewer=reviewer)
    client.force_login(make_user(superuser=True))
    page = client.get(f"/admin/healthinfo/reviewer/{reviewer.pk}/delete/")
    assert page.status_code == 200
    assert "Cannot delete reviewer" in page.content.decode() or "protected" in (
        page.content.decode()
    )
    response = client.post(f"/admin/healthinfo/reviewer/{reviewer.pk}/delete/", {"post": "yes"})
    assert response.status_code in (200, 403)
    bulk = client.post(
        "/admin/healthinfo/reviewer/",
        {"action": "delete_selected", "_selected_action": [reviewer.pk], "post": "yes"},
    )
    assert bulk.status_code in (200, 302)
    assert Reviewer.objects.filter(pk=reviewer.pk).exists()


def test_deleting_a_reviewers_user_account_keeps_the_reviewer_and_reviews(live):
    user = make_user("doctor", groups=["Medical reviewers"])
    reviewer = make_reviewer("Jane Roe", user=user)
    recorded = record_review(live, reviewer, outcome="no_change", recorded_by=user)
    user.delete()
    recorded.refresh_from_db()
    assert recorded.reviewer_name == "Jane Roe" and recorded.recorded_by is None
