"""Hostile input to the drafts admin and the article form: a form error, never a 500."""

import pytest
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from healthinfo.models import ArticleTranslation, Version
from healthinfo.tests.factories import edit_draft, make_published_article, make_user
from healthinfo.tests.test_article_admin import draft_form

pytestmark = pytest.mark.django_db

hostile = st.one_of(
    st.text(max_size=300),
    st.sampled_from(
        [
            "<script>alert(1)</script>",
            '<img src=x onerror="alert(1)">',
            "[[bed-rest]] [[",
            "\x00",
            "9" * 40,
            "-1",
            "x" * 5000,
            "‮RTL 👶🏽",
        ]
    ),
)

unsafe_for_postgres = "\x00"  # PostgreSQL text cannot hold NUL: the form must refuse it


@pytest.fixture
def setup(client):
    article = make_published_article("topic", title="Live title")
    draft = edit_draft(article)
    client.force_login(make_user(groups=["Editors"]))
    return client, article, draft


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(title=hostile, body=hostile, heading=hostile, summary=hostile, revision=hostile)
def test_the_draft_form_takes_anything_without_a_server_error(
    setup, title, body, heading, summary, revision
):
    client, article, draft = setup
    draft.refresh_from_db()
    data = draft_form(draft) | {
        "title": title,
        "summary": summary,
        "sections-0-heading": heading,
        "sections-0-body": body,
    }
    if revision != "keep":
        data["opened_revision"] = revision if revision.strip() else data["opened_revision"]
    response = client.post(f"/admin/healthinfo/drafttranslation/{draft.pk}/change/", data)
    assert response.status_code in (200, 302)
    live = ArticleTranslation.objects.get(article=article)
    assert live.title == "Live title"
    assert Version.objects.filter(article=article).count() == 1
    for section in draft.sections.all():
        assert "<script" not in section.body and "onerror" not in section.body
    if connection.vendor == "postgresql":
        assert unsafe_for_postgres not in draft.title


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    publish_date=hostile,
    publish_time=hostile,
    intent=hostile,
    reason=hostile,
    button=st.sampled_from(["_save", "_publish", "_unpublish", "_continue"]),
)
def test_the_article_form_takes_anything_without_a_server_error(
    setup, publish_date, publish_time, intent, reason, button
):
    client, article, _draft = setup
    response = client.post(
        f"/admin/healthinfo/article/{article.pk}/change/",
        {
            "slug": article.slug,
            "category": article.category_id,
            "publish_at_0": publish_date,
            "publish_at_1": publish_time,
            "schedule_intent": intent,
            "non_clinical_reason": reason,
            button: "go",
        },
    )
    assert response.status_code in (200, 302)
    assert ArticleTranslation.objects.get(article=article).title == "Live title"
