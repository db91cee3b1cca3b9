"""Publishing creates immutable versions; the workflow services keep an audit trail."""

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction
from django.db.models import ProtectedError

from healthinfo.models import (
    Article,
    ArticleEvent,
    ArticleTranslation,
    ImmutableVersionError,
    LiveContentLocked,
    Review,
    Section,
    Version,
)
from healthinfo.services import (
    publish,
    record_edit,
    restore_version_as_draft,
    submit_for_review,
    unpublish,
)
from healthinfo.tests.factories import (
    add_translation,
    edit_draft,
    make_article,
    make_published_article,
    make_reviewed_article,
    make_reviewer,
    make_user,
    review,
    sign_off,
)

pytestmark = pytest.mark.django_db


def test_publishing_creates_one_version_per_language_with_the_page_as_readers_see_it():
    article = make_reviewed_article(title="Pre-eclampsia", alternate_names="Toxaemia")
    add_translation(article, "es", title="Preeclampsia")
    editor = make_user(groups=["Editors"])

    versions = publish(article, editor)

    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert sorted(v.language for v in versions) == ["en", "es"]
    english = Version.objects.get(article=article, language="en")
    assert english.number == 1
    assert english.published_by == editor
    content = english.content
    assert content["title"] == "Pre-eclampsia"
    assert content["alternate_names"] == ["Toxaemia"]
    assert [s["heading"] for s in content["sections"]] == ["Section 1", "Section 2"]
    assert content["references"][0]["title"] == "Reference 1"
    assert content["review"]["last_reviewed_on"] == article.last_reviewed_on.isoformat()
    assert content["review"]["reviewed_by"] == article.last_review.reviewer_signature


def test_publishing_without_a_whole_page_review_is_refused_and_writes_nothing():
    article = make_article(status=Article.Status.DRAFT)
    with pytest.raises(ValidationError) as refused:
        publish(article, make_user())
    assert "Record a whole-page review by a named reviewer before publishing." in (
        refused.value.messages
    )
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    assert not Version.objects.exists()
    assert not article.events.filter(action=ArticleEvent.Action.PUBLISHED).exists()


def test_republishing_unchanged_content_creates_no_new_version():
    article = make_published_article()
    assert publish(article) == []
    assert article.versions.count() == 1


def test_publishing_a_signed_off_draft_of_a_published_article_creates_a_new_version():
    article = make_published_article()
    first_title = article.versions.get(number=1).title
    edit_draft(article, title="A better title")
    sign_off(article)
    publish(article, make_user())
    assert list(article.versions.order_by("number").values_list("number", "title")) == [
        (1, first_title),
        (2, "A better title"),
    ]
    assert article.translations.get().title == "A better title"
    assert not article.drafts.exists()


def test_a_version_refuses_to_be_changed():
    version = make_published_article().versions.get()
    version.title = "Rewritten history"
    with pytest.raises(ImmutableVersionError):
        version.save()
    with pytest.raises(ImmutableVersionError):
        Version.objects.filter(pk=version.pk).update(title="Rewritten history")
    version.refresh_from_db()
    assert version.title != "Rewritten history"


def test_a_version_refuses_to_be_deleted():
    version = make_published_article().versions.get()
    with pytest.raises(ImmutableVersionError):
        version.delete()
    with pytest.raises(ImmutableVersionError):
        Version.objects.all().delete()
    with pytest.raises(ProtectedError):
        version.article.delete()
    assert Version.objects.filter(pk=version.pk).exists()


def test_a_whole_page_review_of_a_published_article_creates_a_version_with_the_new_box():
    article = make_published_article()
    later = review(article, days_ago=1, reviewer=make_reviewer("Sam Lee", credentials="MD"))
    latest = article.versions.order_by("-number").first()
    assert latest.number == 2
    assert latest.content["review"]["reviewed_by"] == "Sam Lee, MD"
    assert latest.content["review"]["last_reviewed_on"] == later.reviewed_on.isoformat()


def test_unpublishing_takes_the_page_down_and_keeps_its_versions():
    article = make_published_article()
    unpublish(article, make_user())
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    assert article.versions.count() == 1


def test_submitting_a_published_article_for_review_is_refused():
    with pytest.raises(ValidationError):
        submit_for_review(make_published_article())


def test_restoring_a_version_makes_a_draft_and_keeps_the_live_page_up():
    article = make_published_article(title="Original title")
    first = article.versions.get()
    draft = edit_draft(article, title="Changed")
    draft.sections.all().delete()
    sign_off(article)
    publish(article)

    restored = restore_version_as_draft(first, make_user())

    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert article.is_visible()
    assert article.translations.get().title == "Changed"  # readers keep the live page
    assert restored.title == "Original title"
    assert [s.heading for s in restored.sections.all()] == ["Section 1", "Section 2"]
    assert [r.title for r in restored.references.all()] == ["Reference 1"]
    assert article.versions.count() == 2
    # Signed off and published, it is the same page as version 1, numbered 3.
    sign_off(article)
    publish(article)
    newest = article.versions.order_by("-number").first()
    assert newest.number == 3
    assert {k: v for k, v in newest.content.items() if k != "review"} == {
        k: v for k, v in first.content.items() if k != "review"
    }


def test_every_workflow_step_is_in_the_audit_trail_with_who_did_it():
    editor = make_user(groups=["Editors"])
    article = make_article(status=Article.Status.DRAFT)
    record_edit(article, editor, created=True)
    submit_for_review(article, editor)
    review(article, recorded_by=editor)
    publish(article, editor)
    unpublish(article, editor)
    restore_version_as_draft(article.versions.get(), editor)
    actions = list(article.events.order_by("at", "pk").values_list("action", flat=True))
    assert actions == [
        "created",
        "submitted",
        "reviewed",
        "published",
        "unpublished",
        "restored",
    ]
    assert set(article.events.values_list("actor", flat=True)) == {editor.pk}


def test_restoring_into_an_existing_draft_replaces_its_content():
    article = make_published_article()
    add_translation(article, "es", title="Título")
    publish(article)
    spanish = article.versions.get(language="es")
    edit_draft(article, "es", title="Otro título", section={"heading": "Nuevo"})
    draft = restore_version_as_draft(spanish)
    assert article.drafts.count() == 1
    assert draft.title == "Título"
    assert [s.heading for s in draft.sections.all()] == ["Section 1", "Section 2"]


def test_partial_review_does_not_create_a_version():
    article = make_published_article()
    review(article, days_ago=1, scope=Review.Scope.PARTIAL)
    assert article.versions.count() == 1


def test_a_direct_edit_of_a_published_page_is_refused_and_nothing_changes():
    article = make_published_article()
    section = article.translations.get().sections.first()
    section.heading = "Changed behind the review's back"
    with pytest.raises(LiveContentLocked):
        section.save()
    with pytest.raises(LiveContentLocked):
        Section.objects.filter(pk=section.pk).update(heading="Changed")
    with pytest.raises(LiveContentLocked):
        article.translations.get().sections.all().delete()
    with pytest.raises(LiveContentLocked):
        ArticleTranslation.objects.filter(article=article).update(title="Changed")
    translation = article.translations.get()
    translation.title = "Changed"
    with pytest.raises(LiveContentLocked):
        translation.save()
    assert article.versions.count() == 1
    assert article.translations.get().sections.first().heading == "Section 1"


def test_an_edit_of_a_draft_creates_no_version_and_leaves_the_live_page(client):
    article = make_published_article(title="Live title")
    edit_draft(article, title="Still a draft", section={"body": "<p>New advice.</p>"})
    assert article.versions.count() == 1
    assert article.translations.get().title == "Live title"
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Live title" in page and "New advice." not in page and "Still a draft" not in page


def test_a_review_records_the_published_version_it_checked():
    article = make_published_article()
    first = article.versions.get()
    later = review(article, days_ago=1)
    assert later.approved_version == first
    assert review(make_reviewed_article(), days_ago=1).approved_version is None


def test_publishing_a_draft_with_many_changed_sections_makes_one_version():
    article = make_published_article(sections=5)
    draft = edit_draft(article)
    for section in draft.sections.all():
        section.heading = f"New {section.heading}"
        section.save()
    sign_off(article)
    versions = publish(article)
    assert [v.number for v in versions] == [2]
    assert [s["heading"] for s in versions[0].content["sections"]][0] == "New Section 1"


def test_the_database_refuses_to_change_a_version_even_with_raw_sql():
    version = make_published_article().versions.get()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE healthinfo_version SET title = %s WHERE id = %s",
            ["Rewritten history", version.pk],
        )
    version.refresh_from_db()
    assert version.title != "Rewritten history"


def test_deleting_the_publishers_account_keeps_the_version():
    editor = make_user()
    version = make_published_article(by=editor).versions.get()
    editor.delete()
    version.refresh_from_db()
    assert version.published_by is None
