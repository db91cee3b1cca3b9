"""A change to a page goes live only with a medical sign-off of that exact draft revision."""

import pytest
from django.core.exceptions import ValidationError

from healthinfo.models import ArticleEvent, NonClinicalChange, Review, Version
from healthinfo.services import declare_non_clinical, publish, record_review
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

NEEDS_SIGN_OFF = "need a medical sign-off"


@pytest.fixture
def live():
    return make_published_article("pre-eclampsia", title="Pre-eclampsia")


def refusal(article, **kwargs):
    with pytest.raises(ValidationError) as refused:
        publish(article, make_user(), **kwargs)
    return " ".join(refused.value.messages)


def test_a_changed_draft_without_a_sign_off_is_refused_and_nothing_is_written(live):
    edit_draft(live, title="Pre-eclampsia and HELLP")
    assert NEEDS_SIGN_OFF in refusal(live)
    assert live.translations.get().title == "Pre-eclampsia"
    assert live.versions.count() == 1
    assert live.drafts.exists()
    assert not live.events.filter(action=ArticleEvent.Action.PUBLISHED).exclude(
        pk=live.events.filter(action=ArticleEvent.Action.PUBLISHED).first().pk
    )


@pytest.mark.parametrize("scope", ["whole", "partial"])
def test_a_whole_page_or_partial_review_of_the_draft_signs_it_off(live, scope):
    edit_draft(live, title="Pre-eclampsia and HELLP")
    signed = sign_off(live, scope=scope, reviewer=make_reviewer("Jane Roe", credentials="MD"))
    (version,) = publish(live)
    assert version.sign_off == signed
    assert live.translations.get().title == "Pre-eclampsia and HELLP"


def test_a_sign_off_of_an_earlier_revision_does_not_cover_a_later_change(live):
    edit_draft(live, title="Pre-eclampsia and HELLP")
    sign_off(live)
    edit_draft(live, section={"body": "<p>Take aspirin at night.</p>"})
    assert NEEDS_SIGN_OFF in refusal(live)
    sign_off(live)
    publish(live)
    assert "aspirin" in live.translations.get().sections.first().body


def test_a_review_of_the_live_page_is_no_sign_off_of_the_draft(live):
    edit_draft(live, title="Pre-eclampsia and HELLP")
    review(live, days_ago=0)  # of the live page: moves the dates, approves nothing new
    assert NEEDS_SIGN_OFF in refusal(live)


@pytest.mark.parametrize("outcome", ["major_revision"])
def test_a_review_asking_for_more_blocks_the_draft_until_signed_off_again(live, outcome):
    edit_draft(live, title="Pre-eclampsia and HELLP")
    sign_off(live, outcome=outcome)
    assert "revise the draft and ask for a new sign-off" in refusal(live)
    live.refresh_from_db()
    assert live.needs_revision
    edit_draft(live, title="Pre-eclampsia and HELLP syndrome")
    sign_off(live)
    publish(live)
    live.refresh_from_db()
    assert not live.needs_revision


def test_signing_off_a_draft_that_changed_after_the_review_was_opened_is_refused(live):
    edit_draft(live, title="Pre-eclampsia and HELLP")
    live.refresh_from_db()
    opened_at = live.draft_revision
    edit_draft(live, section={"body": "<p>A late change.</p>"})
    with pytest.raises(ValidationError, match="The draft changed after this review was opened"):
        review(live, draft_revision=opened_at)
    assert not Review.objects.filter(draft_revision__isnull=False).exists()


def test_a_sign_off_of_a_draft_that_no_longer_exists_is_refused(live):
    draft = edit_draft(live, title="Pre-eclampsia and HELLP")
    live.refresh_from_db()
    opened_at = live.draft_revision
    draft.delete()
    with pytest.raises(ValidationError, match="no draft to sign off"):
        review(live, draft_revision=opened_at)


def test_a_whole_page_sign_off_dates_the_page_when_the_draft_is_published(live):
    before = (live.last_reviewed_on, live.next_review_due)
    edit_draft(live, title="Pre-eclampsia and HELLP")
    signed = sign_off(live, days_ago=0)
    live.refresh_from_db()
    assert (live.last_reviewed_on, live.next_review_due) == before  # not yet public
    publish(live)
    live.refresh_from_db()
    assert live.last_review == signed
    assert live.last_reviewed_on == signed.reviewed_on


def test_an_unchanged_draft_needs_no_sign_off_and_is_consumed(live):
    edit_draft(live)  # opened, nothing changed
    assert publish(live) == []
    assert not live.drafts.exists()


def test_a_new_language_needs_a_sign_off(live):
    draft = edit_draft(live, "es", title="Preeclampsia")
    draft.references.create(order=1, title="Guía")
    assert NEEDS_SIGN_OFF in refusal(live)


# --- Non-clinical changes -------------------------------------------------------------


def test_an_editor_may_publish_a_typo_fix_declared_non_clinical_with_a_reason(live, client):
    editor = make_user("editor", groups=["Editors"])
    edit_draft(live, title="Pre-eclampsia (fixed typo)")
    (version,) = publish(live, editor, non_clinical_reason="Fixed a typo in the title")
    declaration = NonClinicalChange.objects.get()
    assert declaration.declared_by == editor and declaration.draft_revision > 0
    assert version.non_clinical_change == declaration and version.sign_off is None
    event = live.events.filter(action=ArticleEvent.Action.PUBLISHED).order_by("-pk").first()
    assert "non-clinical change: Fixed a typo in the title" in event.note
    history = client.get("/en/articles/pre-eclampsia/history/").content.decode()
    assert "Non-clinical change: Fixed a typo in the title" in history


def test_the_setting_can_forbid_non_clinical_publishing(live, settings):
    settings.NON_CLINICAL_PUBLISHING = False
    edit_draft(live, title="Pre-eclampsia (fixed typo)")
    assert "does not allow publishing without a medical sign-off" in refusal(
        live, non_clinical_reason="Fixed a typo"
    )
    assert not NonClinicalChange.objects.exists()
    assert live.translations.get().title == "Pre-eclampsia"


def test_a_declaration_made_while_allowed_no_longer_counts_once_forbidden(live, settings):
    edit_draft(live, title="Pre-eclampsia (fixed typo)")
    declare_non_clinical(live, "Fixed a typo")
    settings.NON_CLINICAL_PUBLISHING = False
    assert NEEDS_SIGN_OFF in refusal(live)


@pytest.mark.parametrize("reason", ["", "   ", "typo", "x" * 301])
def test_a_declaration_needs_a_short_real_reason(live, reason):
    edit_draft(live, title="Pre-eclampsia (fixed typo)")
    with pytest.raises(ValidationError):
        publish(live, non_clinical_reason=reason or " ")
    assert not NonClinicalChange.objects.exists()


def test_a_declaration_cannot_overrule_a_reviewer_asking_for_more(live):
    edit_draft(live, title="Pre-eclampsia and HELLP")
    sign_off(live, outcome="major_revision")
    assert "asked for more" in refusal(live, non_clinical_reason="It is only wording")
    assert not NonClinicalChange.objects.exists()


def test_a_declaration_cannot_publish_a_new_language(live):
    draft = edit_draft(live, "es", title="Preeclampsia")
    draft.references.create(order=1, title="Guía")
    assert "new medical content" in refusal(live, non_clinical_reason="Only a translation")


def test_a_declaration_covers_only_the_revision_it_was_made_for(live):
    edit_draft(live, title="Pre-eclampsia (fixed typo)")
    declare_non_clinical(live, "Fixed a typo")
    edit_draft(live, section={"body": "<p>Double the dose.</p>"})
    assert NEEDS_SIGN_OFF in refusal(live)


def test_a_failed_publication_leaves_no_declaration_behind(live):
    edit_draft(live, title="Pre-eclampsia (fixed typo)", section={"body": "<p>[[nowhere]]</p>"})
    message = refusal(live, non_clinical_reason="Fixed a typo")
    assert "[[nowhere]]" in message
    assert not NonClinicalChange.objects.exists()
    assert Version.objects.filter(article=live).count() == 1


# --- Where reviewers and editors see it ------------------------------------------------


def test_the_dashboard_lists_drafts_awaiting_sign_off(client, live):
    make_published_article("signed")
    edit_draft(live, title="Pre-eclampsia and HELLP")
    client.force_login(make_user(groups=["Editors"]))
    body = client.get(
        "/admin/healthinfo/reviewassignment/dashboard/?bucket=awaiting_sign_off"
    ).content.decode()
    assert 'Awaiting sign-off <span class="count">(1)</span>' in body
    assert "Pre-eclampsia" in body and "awaiting sign-off" in body
    assert ">signed<" not in body
    sign_off(live)
    body = client.get(
        "/admin/healthinfo/reviewassignment/dashboard/?bucket=awaiting_sign_off"
    ).content.decode()
    assert 'Awaiting sign-off <span class="count">(0)</span>' in body


def test_my_reviews_marks_drafts_awaiting_the_reviewers_sign_off(client, live):
    from datetime import timedelta

    from django.utils import timezone

    from healthinfo.services import assign_review

    user = make_user("doctor", groups=["Medical reviewers"])
    reviewer = make_reviewer("Jane Roe", user=user)
    assign_review(live, reviewer, due_on=timezone.localdate() + timedelta(days=7))
    edit_draft(live, title="Pre-eclampsia and HELLP")
    live.refresh_from_db()
    client.force_login(user)
    body = client.get("/admin/healthinfo/reviewassignment/").content.decode()
    assert "My reviews" in body
    assert f"Awaiting sign-off (draft revision {live.draft_revision})" in body
    awaiting = "/admin/healthinfo/reviewassignment/?status=awaiting_sign_off"
    assert ">pre-eclampsia<" in client.get(awaiting).content.decode()
    sign_off(live)
    assert ">pre-eclampsia<" not in client.get(awaiting).content.decode()


def test_the_reviewer_signs_off_the_draft_from_my_reviews(client, live):
    from datetime import timedelta

    from django.utils import timezone

    from healthinfo.services import assign_review

    user = make_user("doctor", groups=["Medical reviewers"])
    reviewer = make_reviewer("Jane Roe", user=user)
    assignment = assign_review(live, reviewer, due_on=timezone.localdate() + timedelta(days=7))
    draft = edit_draft(live, title="Pre-eclampsia and HELLP")
    client.force_login(user)
    url = f"/admin/healthinfo/review/add/?assignment={assignment.pk}"
    page = client.get(url).content.decode()
    assert f"/admin/healthinfo/drafttranslation/{draft.pk}/preview/" in page
    live.refresh_from_db()
    assert f'name="draft_revision" value="{live.draft_revision}"' in page
    response = client.post(
        url,
        {
            "article": live.pk,
            "reviewer": reviewer.pk,
            "assignment": assignment.pk,
            "reviewed_on": timezone.localdate().isoformat(),
            "scope": "whole",
            "outcome": "no_change",
            "subject": "draft",
            "draft_revision": live.draft_revision,
        },
    )
    assert response.status_code == 302
    signed = Review.objects.get(draft_revision=live.draft_revision)
    assert signed.recorded_by == user and not signed.recorded_on_behalf
    assert live.draft_sign_off() == signed


def test_the_review_form_refuses_a_draft_that_changed_while_the_reviewer_read_it(client, live):
    user = make_user("doctor", groups=["Editors"])
    reviewer = make_reviewer("Jane Roe", user=user)
    edit_draft(live, title="Pre-eclampsia and HELLP")
    live.refresh_from_db()
    opened = live.draft_revision
    edit_draft(live, section={"body": "<p>Changed while the reviewer read it.</p>"})
    client.force_login(user)
    from django.utils import timezone

    response = client.post(
        f"/admin/healthinfo/review/add/?article={live.pk}",
        {
            "article": live.pk,
            "reviewer": reviewer.pk,
            "reviewed_on": timezone.localdate().isoformat(),
            "scope": "whole",
            "outcome": "no_change",
            "subject": "draft",
            "draft_revision": opened,
        },
    )
    assert response.status_code == 200
    assert "The draft changed after this review was opened" in response.content.decode()
    assert not Review.objects.filter(article=live, draft_revision__isnull=False).exists()


def test_a_review_form_opened_without_the_article_asks_to_confirm_the_revision(client, live):
    user = make_user("doctor", groups=["Editors"])
    reviewer = make_reviewer("Jane Roe", user=user)
    edit_draft(live, title="Pre-eclampsia and HELLP")
    live.refresh_from_db()
    client.force_login(user)
    from django.utils import timezone

    data = {
        "article": live.pk,
        "reviewer": reviewer.pk,
        "reviewed_on": timezone.localdate().isoformat(),
        "scope": "whole",
        "outcome": "no_change",
    }
    response = client.post("/admin/healthinfo/review/add/", data)
    body = response.content.decode()
    assert f"draft is at revision {live.draft_revision}" in body
    assert f'name="draft_revision" value="{live.draft_revision}"' in body
    assert not Review.objects.filter(article=live, draft_revision__isnull=False).exists()
    client.post("/admin/healthinfo/review/add/", data | {"draft_revision": live.draft_revision})
    assert live.draft_sign_off() is not None


def test_publishing_from_the_admin_with_a_declaration(client, live):
    edit_draft(live, title="Pre-eclampsia (typo fixed)")
    client.force_login(make_user(groups=["Editors"]))
    response = client.post(
        f"/admin/healthinfo/article/{live.pk}/change/",
        {
            "slug": live.slug,
            "category": live.category_id,
            "non_clinical_reason": "Fixed a typo in the title",
            "_publish": "Save and publish the draft changes",
        },
        follow=True,
    )
    assert "The article is published." in [str(m) for m in response.context["messages"]]
    assert live.translations.get().title == "Pre-eclampsia (typo fixed)"


def test_spanish_and_english_drafts_are_signed_off_together(live):
    add_translation(live, "es", title="Preeclampsia")
    publish(live)
    edit_draft(live, title="Pre-eclampsia and HELLP")
    edit_draft(live, "es", title="Preeclampsia y HELLP")
    record_review(
        live,
        make_reviewer(),
        outcome="minor_edits",
        scope="partial",
        draft_revision=live.__class__.objects.get(pk=live.pk).draft_revision,
        evidence="Signed form",
    )
    versions = publish(live)
    assert sorted(v.language for v in versions) == ["en", "es"]
