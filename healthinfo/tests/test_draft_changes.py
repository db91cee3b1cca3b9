"""
Which drafts change the page, and so await a sign-off: one rule
(``DraftTranslationQuerySet.with_changes_live``) for publishing, the review
dashboard, the article list and the reviewers' "My reviews".
"""

import pytest
from django.core.exceptions import ValidationError

from healthinfo.models import (
    Article,
    ArticleTranslation,
    DraftFigure,
    DraftReference,
    DraftSection,
    DraftTranslation,
    ReviewAssignment,
)
from healthinfo.review_dashboard import bucket_counts, dashboard_rows
from healthinfo.services import assign_review, declare_non_clinical, publish, start_draft
from healthinfo.tests.factories import (
    add_figure,
    add_translation,
    edit_draft,
    make_published_article,
    make_reviewer,
    make_user,
    sign_off,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def live():
    article = make_published_article("pre-eclampsia", title="Pre-eclampsia")
    add_translation(article, "es", title="Preeclampsia")
    add_figure(article.translations.get(language="en"), credit="", caption="")
    publish(article)
    article.refresh_from_db()
    return article


def changes_live(draft):
    return DraftTranslation.objects.with_changes_live().get(pk=draft.pk).changes_live


def same_as_live(draft):
    """The readable definition: every field and part as a copy carries it (tests' oracle)."""
    draft = DraftTranslation.objects.prefetch_related("sections", "references", "figures").get(
        pk=draft.pk
    )
    page = (
        ArticleTranslation.objects.filter(article=draft.article, language=draft.language)
        .prefetch_related("sections", "references", "figures")
        .first()
    )
    return page is not None and page.content_key() == draft.content_key()


def awaiting(article):
    return Article.objects.awaiting_sign_off().filter(pk=article.pk).exists()


EDITS = {
    "title": lambda d: DraftTranslation.objects.filter(pk=d.pk).update(title="New title"),
    "summary": lambda d: DraftTranslation.objects.filter(pk=d.pk).update(summary="Shorter."),
    "alternate names": lambda d: DraftTranslation.objects.filter(pk=d.pk).update(
        alternate_names="Toxaemia"
    ),
    "translated-from revision": lambda d: DraftTranslation.objects.filter(pk=d.pk).update(
        source_revision=99
    ),
    "a section's body": lambda d: DraftSection.objects.filter(translation=d, order=1).update(
        body="<p>Call your midwife now.</p>"
    ),
    "a section's heading": lambda d: DraftSection.objects.filter(translation=d, order=2).update(
        heading="When to call"
    ),
    "the sections' order": lambda d: [
        DraftSection.objects.filter(translation=d, order=1).update(order=3),
        DraftSection.objects.filter(translation=d, order=2).update(order=1),
        DraftSection.objects.filter(translation=d, order=3).update(order=2),
    ],
    "a section removed": lambda d: DraftSection.objects.filter(translation=d, order=2).delete(),
    "a section repeated": lambda d: DraftSection.objects.create(
        translation=d, **DraftSection.objects.filter(translation=d, order=1).get().copied_fields()
    ),
    "a reference's year removed": lambda d: DraftReference.objects.filter(translation=d).update(
        year=None
    ),
    "a figure's alt text": lambda d: DraftFigure.objects.filter(translation=d).update(
        alt_text="Chart of blood pressure by week"
    ),
    "a figure's credit": lambda d: DraftFigure.objects.filter(translation=d).update(
        credit="Drawn for us"
    ),
}


def test_a_draft_just_started_changes_nothing(live):
    for language in ("en", "es"):
        draft, _created = start_draft(live, language)
        assert not changes_live(draft)
        assert same_as_live(draft)
    assert not awaiting(live)
    assert live.pending_publication().changed == []


@pytest.mark.parametrize("edit", EDITS)
def test_each_kind_of_edit_changes_the_page_and_awaits_sign_off(live, edit):
    draft, _created = start_draft(live, "en")
    EDITS[edit](draft)
    assert changes_live(draft)
    assert not same_as_live(draft)  # the rule and the readable definition agree
    assert [d.pk for d in live.pending_publication().changed] == [draft.pk]
    assert awaiting(live)


def test_a_spanish_draft_is_judged_against_the_spanish_page(live):
    start_draft(live, "en")
    spanish = edit_draft(live, "es", section={"body": "<p>Llame a su matrona.</p>"})
    assert changes_live(spanish)
    assert [d.language for d in live.pending_publication().changed] == ["es"]
    assert awaiting(live)


def test_a_draft_edited_back_to_the_live_text_changes_nothing(live):
    draft = edit_draft(live, title="Pre-eclampsia (new)")
    assert awaiting(live)
    draft = edit_draft(live, title="Pre-eclampsia")
    assert not changes_live(draft) and same_as_live(draft)
    assert not awaiting(live)


def test_a_new_language_is_a_change(live):
    article = make_published_article("anaemia", title="Anaemia")
    draft, _created = start_draft(article, "es")
    assert changes_live(draft)
    assert awaiting(article)


def test_a_signed_off_or_declared_change_no_longer_awaits(live, settings):
    edit_draft(live, title="Pre-eclampsia (new)")
    sign_off(live)
    assert not awaiting(live)
    settings.NON_CLINICAL_PUBLISHING = True
    other = make_published_article("anaemia", title="Anaemia")
    edit_draft(other, title="Anaemia in pregnancy")
    assert awaiting(other)
    declare_non_clinical(other, "A clearer title", make_user())
    assert not awaiting(other)


def test_publishing_an_unchanged_draft_needs_no_sign_off_and_makes_no_version(live):
    start_draft(live, "en")
    versions = publish(live)
    assert versions == []
    assert not live.drafts.exists()


def test_publishing_a_change_without_sign_off_is_refused(live):
    edit_draft(live, section={"body": "<p>New advice.</p>"})
    with pytest.raises(ValidationError, match="need a medical sign-off"):
        publish(live)


def test_the_dashboard_counts_and_lists_only_drafts_that_need_sign_off(live):
    unchanged = make_published_article("anaemia", title="Anaemia")
    start_draft(unchanged, "en")
    changed = make_published_article("bleeding", title="Bleeding")
    edit_draft(changed, section={"body": "<p>Call now.</p>"})
    signed = make_published_article("cramps", title="Cramps")
    edit_draft(signed, title="Cramps in pregnancy")
    sign_off(signed)
    assert bucket_counts()["awaiting_sign_off"] == 1
    assert [a.slug for a in dashboard_rows("awaiting_sign_off")] == ["bleeding"]


def test_the_dashboard_page_marks_only_drafts_that_need_sign_off(client, live):
    start_draft(live, "en")
    changed = make_published_article("bleeding", title="Bleeding")
    edit_draft(changed, title="Bleeding in pregnancy")
    client.force_login(make_user("editor", groups=["Editors"]))
    body = client.get(
        "/admin/healthinfo/reviewassignment/dashboard/", {"bucket": "all"}
    ).content.decode()
    assert body.count("awaiting sign-off") == 1
    assert 'Awaiting sign-off <span class="count">(1)</span>' in body


def test_the_article_list_filter_and_state_use_the_same_rule(client, live):
    start_draft(live, "en")
    changed = make_published_article("bleeding", title="Bleeding")
    edit_draft(changed, title="Bleeding in pregnancy")
    client.force_login(make_user("editor", groups=["Editors"]))
    body = client.get("/admin/healthinfo/article/", {"state": "awaiting_sign_off"}).content.decode()
    assert "bleeding" in body and "pre-eclampsia" not in body
    listing = client.get("/admin/healthinfo/article/").content.decode()
    assert listing.count("awaiting sign-off") == 1


def test_my_reviews_show_awaiting_sign_off_only_for_changes(client, live):
    user = make_user("doctor", groups=["Medical reviewers"])
    reviewer = make_reviewer("Dr Roe", user=user)
    changed = make_published_article("bleeding", title="Bleeding")
    edit_draft(changed, title="Bleeding in pregnancy")
    start_draft(live, "en")
    from django.utils import timezone

    for article in (live, changed):
        assign_review(article, reviewer, due_on=timezone.localdate())
    states = {
        a.article.slug: (a.article_draft_changes_content, a.article_draft_awaits_sign_off)
        for a in ReviewAssignment.objects.with_draft_state()
    }
    assert states == {"pre-eclampsia": (False, False), "bleeding": (True, True)}
    client.force_login(user)
    body = client.get(
        "/admin/healthinfo/reviewassignment/", {"status": "awaiting_sign_off"}
    ).content.decode()
    assert "bleeding" in body and "pre-eclampsia" not in body
