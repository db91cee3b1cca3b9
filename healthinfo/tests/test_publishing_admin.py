"""Publishing from the admin goes through the services; versions, diff and restore pages."""

import pytest

from healthinfo.models import Article, ArticleEvent, Version
from healthinfo.tests.factories import (
    edit_draft,
    make_article,
    make_published_article,
    make_reviewed_article,
    make_user,
    publish_change,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    client.force_login(make_user("editor", groups=["Editors"]))
    return client


def change_form_data(article):
    """The article change form as the browser posts it (its words are edited in drafts)."""
    return {
        "slug": article.slug,
        "category": article.category_id,
        "review_interval_months": article.review_interval_months or "",
        "next_review_override": "",
        "next_review_override_reason": "",
        "publish_at_0": "",
        "publish_at_1": "",
        "unpublish_at_0": "",
        "unpublish_at_1": "",
    }


def test_status_cannot_be_set_to_published_through_the_form(editor_client):
    article = make_article(status=Article.Status.DRAFT)
    data = change_form_data(article) | {"status": "published", "_save": "Save"}
    response = editor_client.post(f"/admin/healthinfo/article/{article.pk}/change/", data)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    assert not Version.objects.exists()


def test_saving_an_article_in_the_admin_writes_the_audit_trail(editor_client):
    article = make_article(status=Article.Status.DRAFT)
    data = change_form_data(article) | {"_save": "Save"}
    editor_client.post(f"/admin/healthinfo/article/{article.pk}/change/", data)
    event = article.events.get()
    assert event.action == ArticleEvent.Action.EDITED
    assert event.actor.username == "editor"


def test_publish_button_publishes_through_the_service(editor_client):
    article = make_reviewed_article()
    data = change_form_data(article) | {"_publish": "Save and publish"}
    response = editor_client.post(f"/admin/healthinfo/article/{article.pk}/change/", data)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert article.versions.count() == 1


def test_publish_button_without_a_review_explains_why_and_keeps_the_draft(editor_client):
    article = make_article(status=Article.Status.DRAFT)
    data = change_form_data(article) | {"_publish": "Save and publish"}
    response = editor_client.post(
        f"/admin/healthinfo/article/{article.pk}/change/", data, follow=True
    )
    assert "Record a whole-page review by a named reviewer before publishing." in (
        response.content.decode()
    )
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_publish_action_publishes_what_passes_and_reports_what_does_not(editor_client):
    ready = make_reviewed_article("ready")
    not_ready = make_article("not-ready", status=Article.Status.DRAFT)
    response = editor_client.post(
        "/admin/healthinfo/article/",
        {"action": "publish_selected", "_selected_action": [ready.pk, not_ready.pk]},
        follow=True,
    )
    assert response.status_code == 200
    ready.refresh_from_db()
    not_ready.refresh_from_db()
    assert ready.status == Article.Status.PUBLISHED
    assert not_ready.status == Article.Status.DRAFT


def test_reviewer_cannot_publish_with_the_action(client):
    client.force_login(make_user(groups=["Medical reviewers"]))
    article = make_reviewed_article()
    client.post(
        "/admin/healthinfo/article/",
        {"action": "publish_selected", "_selected_action": [article.pk]},
    )
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_versions_page_lists_versions_and_the_audit_trail(editor_client):
    article = make_published_article(title="Miscarriage")
    response = editor_client.get(f"/admin/healthinfo/article/{article.pk}/versions/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Miscarriage" in body
    assert "Published" in body
    assert article.versions.get().get_absolute_url() in body


def test_compare_shows_changed_sections_escaped(editor_client):
    article = make_published_article()
    publish_change(article, section={"body": "<p>New advice &lt;script&gt; here.</p>"})
    first, second = article.versions.order_by("number")
    response = editor_client.get(
        f"/admin/healthinfo/article/{article.pk}/versions/compare/",
        {"a": first.pk, "b": second.pk},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert 'class="diff-added"' in body
    assert "New advice &lt;script&gt; here." in body
    assert "<script> here" not in body
    assert 'class="diff-removed"' in body


def test_compare_with_a_version_of_another_article_is_refused(editor_client):
    article = make_published_article()
    other = make_published_article()
    response = editor_client.get(
        f"/admin/healthinfo/article/{article.pk}/versions/compare/",
        {"a": article.versions.get().pk, "b": other.versions.get().pk},
    )
    assert response.status_code == 302


@pytest.mark.parametrize(("a", "b"), [("x", "';--"), ("9" * 30, "9" * 30), ("-1", "0"), ("", "")])
def test_compare_with_garbage_ids_is_refused_politely(editor_client, a, b):
    article = make_published_article()
    response = editor_client.get(
        f"/admin/healthinfo/article/{article.pk}/versions/compare/", {"a": a, "b": b}
    )
    assert response.status_code == 302


def test_restore_of_a_version_of_another_article_is_404(editor_client):
    article = make_published_article()
    other = make_published_article()
    response = editor_client.post(
        f"/admin/healthinfo/article/{article.pk}/versions/{other.versions.get().pk}/restore/"
    )
    assert response.status_code == 404
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED


def test_restore_from_the_admin_makes_a_draft_and_keeps_the_page_live(editor_client):
    article = make_published_article(title="Original")
    version = article.versions.get()
    publish_change(article, title="Changed")
    response = editor_client.post(
        f"/admin/healthinfo/article/{article.pk}/versions/{version.pk}/restore/"
    )
    draft = article.drafts.get()
    assert response.status_code == 302
    assert response["Location"] == f"/admin/healthinfo/drafttranslation/{draft.pk}/change/"
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED and article.is_visible()
    assert article.translations.get().title == "Changed"
    assert draft.title == "Original"


def test_restore_needs_post_and_change_permission(client):
    article = make_published_article()
    version = article.versions.get()
    url = f"/admin/healthinfo/article/{article.pk}/versions/{version.pk}/restore/"
    client.force_login(make_user(groups=["Editors"]))
    assert client.get(url).status_code == 405
    client.force_login(make_user(groups=["Medical reviewers"]))
    assert client.post(url).status_code == 403
    client.force_login(make_user(groups=["Midwives"]))
    assert client.post(url).status_code == 403
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED


def test_override_without_a_reason_is_a_form_error(editor_client):
    article = make_reviewed_article()
    data = change_form_data(article) | {"next_review_override": "2030-01-01", "_save": "Save"}
    response = editor_client.post(f"/admin/healthinfo/article/{article.pk}/change/", data)
    assert response.status_code == 200
    assert "Say why the next review date differs from the interval." in response.content.decode()
    article.refresh_from_db()
    assert article.next_review_override is None


def test_zero_interval_is_a_form_error(editor_client):
    article = make_reviewed_article()
    data = change_form_data(article) | {"review_interval_months": "0", "_save": "Save"}
    response = editor_client.post(f"/admin/healthinfo/article/{article.pk}/change/", data)
    assert response.status_code == 200
    article.refresh_from_db()
    assert article.review_interval_months is None


def test_changing_the_interval_in_the_admin_moves_the_next_review_date(editor_client):
    article = make_reviewed_article()
    data = change_form_data(article) | {"review_interval_months": "12", "_save": "Save"}
    response = editor_client.post(f"/admin/healthinfo/article/{article.pk}/change/", data)
    assert response.status_code == 302
    article.refresh_from_db()
    from healthinfo.models import add_months

    assert article.next_review_due == add_months(article.last_reviewed_on, 12)


def test_change_form_offers_publish_buttons_to_editors_only(client):
    article = make_reviewed_article()
    url = f"/admin/healthinfo/article/{article.pk}/change/"
    client.force_login(make_user(groups=["Editors"]))
    body = client.get(url).content.decode()
    assert 'name="_publish"' in body
    assert 'name="_submit_for_review"' in body
    assert f"/admin/healthinfo/article/{article.pk}/versions/" in body
    client.force_login(make_user(groups=["Medical reviewers"]))
    body = client.get(url).content.decode()
    assert 'name="_publish"' not in body


def test_published_article_offers_unpublish_and_publishing_its_draft(editor_client):
    article = make_published_article()
    body = editor_client.get(f"/admin/healthinfo/article/{article.pk}/change/").content.decode()
    assert 'name="_unpublish"' in body
    assert 'name="_publish"' not in body  # nothing to publish yet
    edit_draft(article, title="New title")
    body = editor_client.get(f"/admin/healthinfo/article/{article.pk}/change/").content.decode()
    assert "Save and publish the draft changes" in body


def test_unpublish_button_takes_the_page_down(editor_client):
    article = make_published_article()
    data = change_form_data(article) | {"_unpublish": "Unpublish"}
    editor_client.post(f"/admin/healthinfo/article/{article.pk}/change/", data)
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    assert article.events.filter(action=ArticleEvent.Action.UNPUBLISHED).exists()


def test_a_published_articles_address_cannot_change(editor_client):
    article = make_published_article("pre-eclampsia")
    data = change_form_data(article) | {"slug": "renamed", "_save": "Save"}
    editor_client.post(f"/admin/healthinfo/article/{article.pk}/change/", data)
    article.refresh_from_db()
    assert article.slug == "pre-eclampsia"
