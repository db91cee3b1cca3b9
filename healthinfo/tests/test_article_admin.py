"""Editors' admin: validation on publish, link checks, filters and the preview."""

import pytest

from healthinfo.models import Article, ArticleTranslation, Review, Section, writing_live_content
from healthinfo.services import record_review
from healthinfo.tests.factories import (
    add_translation,
    edit_draft,
    make_article,
    make_published_article,
    make_reviewer,
    make_user,
    sign_off,
)


def draft_form(draft):
    """The draft's change form as the browser posts it, with its inlines."""
    data = {
        "opened_revision": draft.revision,
        "title": draft.title,
        "summary": draft.summary,
        "alternate_names": draft.alternate_names,
        "source_revision": draft.source_revision or "",
    }
    for prefix, parts, fields in (
        ("sections", draft.sections.all(), ["order", "heading", "anchor", "body"]),
        (
            "references",
            draft.references.all(),
            [
                "order",
                "year",
                "authors",
                "title",
                "source",
                "volume",
                "issue",
                "pages",
                "doi",
                "pmid",
                "url",
                "accessed_on",
            ],
        ),
        ("figures", draft.figures.all(), ["order", "alt_text", "caption", "credit"]),
    ):
        parts = list(parts)
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": len(parts),
                f"{prefix}-INITIAL_FORMS": len(parts),
                f"{prefix}-MIN_NUM_FORMS": 0,
                f"{prefix}-MAX_NUM_FORMS": 1000,
            }
        )
        for index, part in enumerate(parts):
            data[f"{prefix}-{index}-id"] = part.pk
            data[f"{prefix}-{index}-translation"] = draft.pk
            for name in fields:
                value = getattr(part, name)
                data[f"{prefix}-{index}-{name}"] = "" if value is None else value
    return data


pytestmark = pytest.mark.django_db


def change_form(article, **changes):
    return {
        "slug": article.slug,
        "category": article.category_id,
        "review_interval_months": "",
        "next_review_override": "",
        "next_review_override_reason": "",
        **changes,
    }


def test_publishing_in_the_admin_is_refused_with_every_reason(client):
    article = make_article("topic", status=Article.Status.DRAFT, references=0)
    with writing_live_content():
        Section.objects.create(
            translation=article.translations.get(), order=9, heading="See", body="[[nowhere]]"
        )
    client.force_login(make_user(groups=["Editors"]))
    response = client.post(
        f"/admin/healthinfo/article/{article.pk}/change/",
        change_form(article, _publish="Save and publish"),
        follow=True,
    )
    shown = [str(message) for message in response.context["messages"]]
    assert "topic: English: add at least one reference." in shown
    assert (
        "topic: English: the link [[nowhere]] in “See” does not lead to a published article."
        in shown
    )
    assert "topic: Record a whole-page review by a named reviewer before publishing." in shown
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_publishing_an_article_that_meets_the_rules_is_accepted(client):
    article = make_article("topic", status=Article.Status.DRAFT)
    record_review(article, make_reviewer(), outcome=Review.Outcome.NO_CHANGE, evidence="Form")
    client.force_login(make_user(groups=["Editors"]))
    client.post(
        f"/admin/healthinfo/article/{article.pk}/change/",
        change_form(article, _publish="Save and publish"),
    )
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED


def test_saving_a_draft_with_a_broken_link_is_allowed_and_warned_about(client):
    article = make_published_article("topic")
    draft = edit_draft(article)
    section = draft.sections.first()
    client.force_login(make_user(groups=["Editors"]))
    data = draft_form(draft)
    data["sections-0-body"] = "<p>See [[no-such-page]].</p>"
    response = client.post(
        f"/admin/healthinfo/drafttranslation/{draft.pk}/change/", data, follow=True
    )
    assert response.status_code == 200
    section.refresh_from_db()
    assert "[[no-such-page]]" in section.body
    shown = " ".join(str(message) for message in response.context["messages"])
    assert "the link [[no-such-page]] in “Section 1” does not lead to a published article" in shown


def test_published_article_cannot_gain_a_broken_link_through_its_draft(client):
    article = make_published_article("topic")
    edit_draft(article, section={"body": "<p>[[no-such-page]]</p>"})
    sign_off(article)
    client.force_login(make_user(groups=["Editors"]))
    client.post(
        f"/admin/healthinfo/article/{article.pk}/change/",
        change_form(article, _publish="Save and publish the draft changes"),
    )
    assert "[[no-such-page]]" not in article.translations.get().sections.first().body
    assert article.versions.count() == 1
    assert article.drafts.exists()


def test_admin_lists_translations_with_the_outdated_filter(client, django_assert_max_num_queries):
    article = make_article("topic")
    add_translation(article, "es", title="Tema", source_revision=1)
    english = article.translations.get(language="en")
    english.title = "Topic, revised"
    english.save()
    client.force_login(make_user(superuser=True))
    with django_assert_max_num_queries(12):
        response = client.get("/admin/healthinfo/articletranslation/?state=outdated")
    html = response.content.decode()
    assert "Tema" in html and "Topic, revised" not in html
    assert (
        "Tema"
        not in client.get("/admin/healthinfo/articletranslation/?state=current").content.decode()
    )


def test_article_admin_filters_by_language_and_translation_state(client):
    make_article("english-only")
    both = make_article("both")
    add_translation(both, "es", title="Ambos", source_revision=None)
    client.force_login(make_user(superuser=True))
    missing = client.get("/admin/healthinfo/article/?language=missing-es").content.decode()
    assert "english-only" in missing and ">both<" not in missing
    outdated = client.get("/admin/healthinfo/article/?translation_state=outdated").content.decode()
    assert ">both<" in outdated and "english-only" not in outdated


def test_editor_previews_a_draft_exactly_as_readers_will_see_it(client):
    article = make_published_article("topic", title="Live title")
    add_translation(article, "es", title="Tema")
    draft = edit_draft(article, "es", title="Tema en borrador")
    client.force_login(make_user(groups=["Editors"]))
    response = client.get(f"/admin/healthinfo/drafttranslation/{draft.pk}/preview/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang="es"' in html and "Tema en borrador" in html
    assert "Section 1" in html and "Reference 1" in html
    assert "Vista previa" in html
    assert response["X-Robots-Tag"] == "noindex"
    assert "Tema en borrador" not in client.get("/es/articles/topic/").content.decode()


def test_editor_previews_a_live_page(client):
    article = make_article("draft-topic", title="Draft topic", status=Article.Status.DRAFT)
    spanish = add_translation(article, "es", title="Tema en borrador")
    client.force_login(make_user(groups=["Editors"]))
    response = client.get(f"/admin/healthinfo/articletranslation/{spanish.pk}/preview/")
    assert response.status_code == 200
    assert "Tema en borrador" in response.content.decode()


def test_midwives_and_readers_cannot_preview(client):
    article = make_published_article("topic")
    draft = edit_draft(article)
    for url in (
        f"/admin/healthinfo/articletranslation/{article.translations.get().pk}/preview/",
        f"/admin/healthinfo/drafttranslation/{draft.pk}/preview/",
    ):
        client.logout()
        assert client.get(url).status_code == 302  # to the login page
        client.force_login(make_user(groups=["Midwives"]))
        assert client.get(url).status_code == 403


def test_mark_up_to_date_action_clears_the_outdated_flag(client):
    article = make_article("topic")
    spanish = add_translation(article, "es", title="Tema", source_revision=None)
    client.force_login(make_user(superuser=True))
    client.post(
        "/admin/healthinfo/articletranslation/",
        {"action": "mark_up_to_date", "_selected_action": [spanish.pk]},
    )
    assert not ArticleTranslation.objects.outdated().exists()
