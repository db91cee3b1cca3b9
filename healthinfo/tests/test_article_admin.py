"""Editors' admin: validation on publish, link checks, filters and the preview."""

import pytest
from django.forms.models import model_to_dict

from healthinfo.admin.articles import ArticleForm, SectionForm
from healthinfo.models import Article, ArticleTranslation, Review, Section
from healthinfo.services import record_review
from healthinfo.tests.factories import add_translation, make_article, make_reviewer, make_user

pytestmark = pytest.mark.django_db


def form_data(article, **changes):
    data = {key: value for key, value in model_to_dict(article).items() if value is not None}
    data.update(changes)
    return data


def test_publishing_in_the_admin_is_refused_with_every_reason():
    article = make_article("topic", status=Article.Status.DRAFT, references=0)
    Section.objects.create(
        translation=article.translations.get(), order=9, heading="See", body="[[nowhere]]"
    )
    form = ArticleForm(data=form_data(article, status="published"), instance=article)
    assert not form.is_valid()
    errors = form.non_field_errors()
    assert "English: add at least one reference." in errors
    assert "English: the link [[nowhere]] in “See” does not lead to a published article." in errors
    assert "Record a whole-page review by a named reviewer before publishing." in errors


def test_publishing_an_article_that_meets_the_rules_is_accepted():
    article = make_article("topic", status=Article.Status.DRAFT)
    record_review(article, make_reviewer(), outcome=Review.Outcome.NO_CHANGE)
    form = ArticleForm(data=form_data(article, status="published"), instance=article)
    assert form.is_valid(), form.errors


def test_saving_a_draft_with_a_broken_link_is_allowed():
    article = make_article("topic", status=Article.Status.DRAFT, references=0)
    form = ArticleForm(data=form_data(article, notes=""), instance=article)
    assert form.is_valid(), form.errors


def test_published_article_cannot_gain_a_broken_link():
    article = make_article("topic")
    data = {"order": 3, "heading": "More", "anchor": "", "body": "<p>[[no-such-page]]</p>"}
    form = SectionForm(data=data, article=article)
    assert not form.is_valid()
    assert form.errors["body"] == [
        "The link [[no-such-page]] does not lead to a published article."
    ]


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
    article = make_article("draft-topic", title="Draft topic", status=Article.Status.DRAFT)
    spanish = add_translation(article, "es", title="Tema en borrador")
    client.force_login(make_user(groups=["Editors"]))
    response = client.get(f"/admin/healthinfo/articletranslation/{spanish.pk}/preview/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang="es"' in html and "Tema en borrador" in html
    assert "Section 1" in html and "Reference 1" in html
    assert "Vista previa" in html
    assert response["X-Robots-Tag"] == "noindex"


def test_midwives_and_readers_cannot_preview(client):
    article = make_article("draft-topic", status=Article.Status.DRAFT)
    url = f"/admin/healthinfo/articletranslation/{article.translations.get().pk}/preview/"
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
