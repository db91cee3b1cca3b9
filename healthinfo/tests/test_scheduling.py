"""Scheduled publication of drafts and scheduled unpublication, as lists and audit show them."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from healthinfo.models import Article, ArticleEvent
from healthinfo.services import run_schedule, schedule_publication
from healthinfo.tests.factories import (
    edit_draft,
    make_article,
    make_published_article,
    make_reviewed_article,
    make_user,
    sign_off,
)

pytestmark = pytest.mark.django_db


def at(minutes):
    return timezone.now() + timedelta(minutes=minutes)


def article_form(article, **changes):
    local = {}
    for name in ("publish_at", "unpublish_at"):
        value = changes.pop(name, getattr(article, name))
        value = timezone.localtime(value) if value else None
        local[f"{name}_0"] = value.strftime("%Y-%m-%d") if value else ""
        local[f"{name}_1"] = value.strftime("%H:%M:%S") if value else ""
    return {
        "slug": article.slug,
        "category": article.category_id,
        "review_interval_months": "",
        "next_review_override": "",
        "next_review_override_reason": "",
        **local,
        **changes,
    }


@pytest.fixture
def editor_client(client):
    client.force_login(make_user("editor", groups=["Editors"]))
    return client


def test_a_draft_scheduled_on_a_live_page_goes_live_at_its_time_and_not_before(client):
    article = make_published_article("topic", title="Old title")
    edit_draft(article, title="New title")
    sign_off(article)
    when = at(60)
    schedule_publication(article, when, make_user())
    assert run_schedule(at(59)) == ([], [], [])
    assert "Old title" in client.get("/en/articles/topic/").content.decode()
    published, _unpublished, _failed = run_schedule(when + timedelta(seconds=5))
    assert published == [article]
    assert article.translations.get().title == "New title"
    event = article.events.get(action=ArticleEvent.Action.SCHEDULED_PUBLISH)
    assert event.at == when + timedelta(seconds=5)
    assert "scheduled for" in event.note
    article.refresh_from_db()
    assert article.publish_at is None


def test_a_scheduled_unpublication_hides_the_page_at_its_time_and_is_recorded_with_it(client):
    when = at(30)
    article = make_published_article("topic")
    Article.objects.filter(pk=article.pk).update(unpublish_at=when)
    assert Article.objects.published(when - timedelta(seconds=1)).filter(pk=article.pk).exists()
    assert not Article.objects.published(when).filter(pk=article.pk).exists()
    _published, unpublished, _failed = run_schedule(when + timedelta(minutes=3))
    assert unpublished == [article]
    event = article.events.get(action=ArticleEvent.Action.SCHEDULED_UNPUBLISH)
    assert event.at == when  # when readers stopped seeing it, not when the job noticed
    article.refresh_from_db()
    assert article.state(now=when + timedelta(minutes=3)) == Article.State.EXPIRED
    # Run again: nothing more happens.
    assert run_schedule(when + timedelta(minutes=4)) == ([], [], [])


def test_a_scheduled_publication_that_breaks_a_rule_is_refused_at_its_time_and_recorded():
    article = make_published_article("topic", title="Old title")
    edit_draft(article, title="Unreviewed change")
    schedule_publication(article, at(10), make_user())
    _published, _unpublished, failed = run_schedule(at(11))
    assert [(a, "need a medical sign-off" in " ".join(r)) for a, r in failed] == [(article, True)]
    assert article.translations.get().title == "Old title"
    assert article.events.filter(action=ArticleEvent.Action.SCHEDULE_FAILED).exists()
    article.refresh_from_db()
    assert article.publish_at is None  # not retried every minute
    assert run_schedule(at(12)) == ([], [], [])


def test_the_command_reports_and_fails_when_a_scheduled_publication_was_refused():
    article = make_published_article("topic")
    edit_draft(article, title="Unreviewed change")
    Article.objects.filter(pk=article.pk).update(publish_at=at(-1))
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match="1 scheduled publication"):
        call_command("publish_scheduled", stdout=out, stderr=err)
    assert "Scheduled publication of topic failed" in err.getvalue()


def test_the_command_publishes_what_is_due():
    article = make_reviewed_article("topic")
    Article.objects.filter(pk=article.pk).update(publish_at=at(-1))
    out = StringIO()
    call_command("publish_scheduled", stdout=out)
    assert "Published as scheduled: topic" in out.getvalue()
    article.refresh_from_db()
    assert article.is_visible()


def test_lists_show_scheduled_live_live_with_draft_expired_and_withdrawn(editor_client):
    make_reviewed_article("scheduled", publish_at=at(60))
    make_published_article("live")
    with_draft = make_published_article("with-draft")
    edit_draft(with_draft, title="Changing")
    expired = make_published_article("expired")
    Article.objects.filter(pk=expired.pk).update(unpublish_at=at(-5))
    run_schedule()
    withdrawn = make_published_article("withdrawn")
    from healthinfo.tests.factories import review

    review(withdrawn, days_ago=0, outcome="withdrawn")
    expected = {
        "scheduled": "Scheduled",
        "live": "Live",
        "with-draft": "Live with draft",
        "expired": "Expired",
        "withdrawn": "Withdrawn",
    }
    states = {a.slug: a.state().label for a in Article.objects.with_drafts()}
    assert states == expected
    body = editor_client.get("/admin/healthinfo/article/").content.decode()
    for label in expected.values():
        assert f'<td class="field-publication_state">{label}' in body
    for state, slug in [
        ("scheduled", "scheduled"),
        ("live", "live"),
        ("live_with_draft", "with-draft"),
        ("expired", "expired"),
        ("withdrawn", "withdrawn"),
    ]:
        listed = editor_client.get(f"/admin/healthinfo/article/?state={state}").content.decode()
        assert f">{slug}<" in listed, state
        others = set(expected) - {slug}
        assert not any(f">{other}<" in listed for other in others), state


def test_a_future_publish_at_on_a_live_page_asks_what_the_editor_means(editor_client, client):
    article = make_published_article("topic")
    url = f"/admin/healthinfo/article/{article.pk}/change/"
    response = editor_client.post(url, article_form(article, publish_at=at(120), _save="Save"))
    assert response.status_code == 200
    assert "This page is live: say what should happen at that time." in (response.content.decode())
    article.refresh_from_db()
    assert article.publish_at is None
    assert client.get("/en/articles/topic/").status_code == 200  # not hidden


def test_keeping_the_page_live_schedules_nothing(editor_client):
    article = make_published_article("topic")
    editor_client.post(
        f"/admin/healthinfo/article/{article.pk}/change/",
        article_form(article, publish_at=at(120), schedule_intent="keep", _save="Save"),
    )
    article.refresh_from_db()
    assert article.publish_at is None and article.is_visible()


def test_taking_the_page_down_until_then_unpublishes_now_and_schedules(editor_client):
    article = make_published_article("topic")
    editor_client.post(
        f"/admin/healthinfo/article/{article.pk}/change/",
        article_form(article, publish_at=at(120), schedule_intent="take_down", _save="Save"),
    )
    article.refresh_from_db()
    assert not article.is_visible()
    assert article.publish_at is not None
    assert article.state() == Article.State.SCHEDULED
    run_schedule(at(121))
    article.refresh_from_db()
    assert article.is_visible()


def test_scheduling_the_draft_keeps_the_live_page_until_then(editor_client, client):
    article = make_published_article("topic", title="Old title")
    edit_draft(article, title="New title")
    response = editor_client.post(
        f"/admin/healthinfo/article/{article.pk}/change/",
        article_form(article, publish_at=at(120), schedule_intent="draft", _save="Save"),
        follow=True,
    )
    messages = " ".join(str(m) for m in response.context["messages"])
    assert "Scheduled: the changes will be published at" in messages
    # Not signed off yet: the editor is told now, not only when it fails.
    assert "that publication will fail because" in messages
    article.refresh_from_db()
    assert article.scheduled_by.username == "editor"
    assert "Old title" in client.get("/en/articles/topic/").content.decode()
    assert article.events.filter(action=ArticleEvent.Action.SCHEDULED).exists()


def test_a_publish_at_in_the_past_is_a_form_error(editor_client):
    article = make_reviewed_article("topic")
    response = editor_client.post(
        f"/admin/healthinfo/article/{article.pk}/change/",
        article_form(article, publish_at=at(-10), _save="Save"),
    )
    assert "Choose a time in the future" in response.content.decode()


def test_an_unpublish_time_before_the_publish_time_is_a_form_error(editor_client):
    article = make_reviewed_article("topic")
    response = editor_client.post(
        f"/admin/healthinfo/article/{article.pk}/change/",
        article_form(article, publish_at=at(60), unpublish_at=at(30), _save="Save"),
    )
    assert "The page must come down after it goes up." in response.content.decode()


def test_publishing_by_hand_clears_the_schedule():
    from healthinfo.services import publish

    article = make_reviewed_article("topic")
    schedule_publication(article, at(60))
    publish(article)
    article.refresh_from_db()
    assert article.publish_at is None
    assert run_schedule(at(61)) == ([], [], [])


def test_two_runs_at_once_publish_once():
    article = make_reviewed_article("topic")
    schedule_publication(article, at(1))
    first = run_schedule(at(2))
    second = run_schedule(at(2))
    assert first[0] == [article] and second == ([], [], [])
    assert article.events.filter(action=ArticleEvent.Action.SCHEDULED_PUBLISH).count() == 1


def test_a_draft_article_scheduled_for_later_is_not_visible_before(client):
    make_article("later", status=Article.Status.DRAFT, publish_at=at(60))
    assert client.get("/en/articles/later/").status_code == 404
