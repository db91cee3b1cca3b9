"""Readers ask questions under an article: the confirmation, the emergency box, spam defence."""

import logging
import time
from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.test import Client, override_settings
from django.utils import timezone

from comments.models import Question
from comments.services import hash_ip
from comments.tests.factories import form_data, make_midwife, make_question
from comments.tokens import form_token
from healthinfo.models import Article
from healthinfo.tests.factories import add_translation, make_article

pytestmark = pytest.mark.django_db

ASK = "/en/articles/stitch/questions/"


@pytest.fixture
def article():
    article = make_article("stitch", title="Cervical stitch")
    add_translation(article, "es", title="Cerclaje")
    return article


def ask(client, path=ASK, **fields):
    return client.post(path, form_data(**fields))


def test_a_question_is_held_for_review_and_shown_back_to_its_asker(client, article):
    response = ask(client, body="Is it normal to feel pulling with a stitch?", display_name="Sam")
    assert response.status_code == 302
    assert response.headers["Location"] == "/en/articles/stitch/#your-questions"
    question = Question.objects.get()
    assert (question.status, question.language, question.display_name) == ("pending", "en", "Sam")
    assert not question.is_urgent
    html = client.get("/en/articles/stitch/").content.decode()
    assert (
        "Thank you. A midwife will read your question; it appears here once it has been reviewed."
        in html
    )
    assert "Is it normal to feel pulling with a stitch?" in html
    assert "Awaiting review" in html
    assert "/en/questions/delete/" in html


def test_a_pending_question_is_invisible_to_other_readers(client, article):
    ask(client, body="Is it normal to feel pulling with a stitch?")
    html = Client().get("/en/articles/stitch/").content.decode()
    assert "pulling with a stitch" not in html
    assert "/questions/delete/" not in html


def test_the_ip_address_is_kept_only_as_a_salted_hash(client, article):
    client.post(ASK, form_data(), REMOTE_ADDR="203.0.113.9")
    question = Question.objects.get()
    assert question.ip_hash == hash_ip("203.0.113.9")
    assert "203.0.113.9" not in question.ip_hash and len(question.ip_hash) == 64


def test_forwarded_address_is_trusted_only_behind_a_configured_proxy(client, article, settings):
    headers = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "198.51.100.7, 203.0.113.9"}
    client.post(ASK, form_data(body="First question about the stitch"), **headers)
    settings.TRUSTED_PROXY_COUNT = 1
    client.post(ASK, form_data(body="Second question about the stitch"), **headers)
    first, second = Question.objects.order_by("pk")
    assert first.ip_hash == hash_ip("10.0.0.1")
    assert second.ip_hash == hash_ip("203.0.113.9")


def test_a_question_asked_on_the_spanish_page_is_in_spanish(client, article):
    response = ask(client, path="/es/articles/stitch/questions/", body="¿Es normal notar tirantez?")
    assert response.headers["Location"] == "/es/articles/stitch/#your-questions"
    assert Question.objects.get().language == "es"
    html = client.get("/es/articles/stitch/").content.decode()
    assert "Pendiente de revisión" in html


def test_an_urgent_question_shows_the_emergency_box_at_once(client, article, settings):
    settings.EMERGENCY_PHONE_NUMBER = "999"
    response = ask(client, body="I'm 20 weeks and bleeding heavily, I've soaked a pad.")
    assert response.headers["Location"] == "/en/articles/stitch/#emergency"
    question = Question.objects.get()
    assert question.is_urgent and question.urgent_category == "bleeding"
    assert "bleeding" in question.red_flags
    html = client.get("/en/articles/stitch/").content.decode()
    assert 'id="emergency"' in html and 'role="alert"' in html
    assert 'data-category="bleeding"' in html
    assert 'or <a href="tel:999">999</a> if it is an emergency.' in html


def test_the_emergency_text_is_configurable(client, article, settings):
    settings.QUESTIONS_EMERGENCY_TEXT = {"en": "Ring %(phone)s straight away & don't wait."}
    settings.EMERGENCY_PHONE_NUMBER = "+1 911"
    ask(client, body="My waters broke an hour ago at 30 weeks")
    html = client.get("/en/articles/stitch/").content.decode()
    assert 'Ring <a href="tel:+1911">+1 911</a> straight away &amp; don&#x27;t wait.' in html


def test_a_calm_question_shows_no_emergency_box(client, article):
    ask(client)
    assert 'id="emergency"' not in client.get("/en/articles/stitch/").content.decode()


def test_an_urgent_question_alerts_every_midwife_by_email(
    client, article, mailoutbox, django_capture_on_commit_callbacks
):
    make_midwife("mw1")
    make_midwife("mw2")
    with django_capture_on_commit_callbacks(execute=True):
        ask(client, body="Estoy sangrando mucho y me duele, ¿qué hago?")
    assert sorted(message.to[0] for message in mailoutbox) == [
        "mw1@example.org",
        "mw2@example.org",
    ]
    message = mailoutbox[0]
    assert message.subject == "Urgent question waiting: Heavy or ongoing bleeding"
    question = Question.objects.get()
    assert f"/admin/comments/question/{question.pk}/change/" in message.body
    assert "sangrando mucho" not in message.body  # the question stays in the admin


def test_a_question_with_personal_details_is_flagged(client, article):
    ask(client, body="Can the clinic ring me on 07700 900123 about my test?")
    assert Question.objects.get().has_personal_data


def test_a_form_error_shows_the_form_again_with_the_text_kept(client, article, settings):
    settings.QUESTIONS_MAX_LINKS = 1
    body = "Are these right? https://a.example/one https://b.example/two"
    response = ask(client, body=body, display_name="Sam")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Please include no more than 1 web link." in html
    assert body in html and 'value="Sam"' in html
    assert not Question.objects.exists()


def test_the_ask_page_shows_the_form_with_the_privacy_and_emergency_notes(client, article):
    html = client.get(ASK).content.decode()
    assert "Please don't include names, phone numbers or hospital details." in html
    assert "Not for emergencies." in html
    assert 'name="body"' in html and 'name="website"' in html


# --- Spam defence -------------------------------------------------------------------


def test_the_honeypot_refuses_with_a_message_and_saves_nothing(client, article):
    response = ask(client, website="http://cheap-pills.example")
    assert response.status_code == 200
    assert "We could not send your question" in response.content.decode()
    assert not Question.objects.exists()


def test_a_post_faster_than_a_person_can_type_is_refused(client, article, settings):
    settings.QUESTIONS_MIN_FILL_SECONDS = 3
    response = ask(client, started=form_token(time.time() - 1))
    assert "That was very quick!" in response.content.decode()
    assert not Question.objects.exists()


@pytest.fixture
def three_per_ten_minutes(settings):
    settings.QUESTIONS_RATE_LIMIT = 3
    settings.QUESTIONS_RATE_LIMIT_SECONDS = 600


def test_one_address_may_ask_three_questions_in_ten_minutes(article, three_per_ten_minutes):
    for number in range(3):
        response = Client().post(ASK, form_data(body=f"Question number {number} about it"))
        assert response.status_code == 302
    response = Client().post(ASK, form_data(body="A fourth question, too soon"))
    assert response.status_code == 429
    assert "You have sent several questions in the last few minutes" in response.content.decode()
    assert "A fourth question, too soon" in response.content.decode()
    assert Question.objects.count() == 3


def test_one_browser_session_may_ask_three_questions_in_ten_minutes(
    client, article, three_per_ten_minutes
):
    for number in range(3):
        client.post(
            ASK, form_data(body=f"Question number {number}"), REMOTE_ADDR=f"10.0.0.{number}"
        )
    response = client.post(ASK, form_data(body="Fourth from a new address"), REMOTE_ADDR="10.0.1.1")
    assert response.status_code == 429
    assert Question.objects.count() == 3


def test_posts_from_a_cookieless_bot_leave_no_session_rows(
    article, three_per_ten_minutes, settings
):
    accepted = 0
    for number in range(6):
        browser = Client()
        browser.post(ASK, form_data(body=f"Bot question number {number} here"))
        accepted += settings.READER_STATE_COOKIE_NAME in browser.cookies
    assert Question.objects.count() == 3
    # The accepted posts' askers are remembered in their signed cookie, not a session row.
    assert accepted == 3
    assert Session.objects.count() == 0


def test_the_rate_limit_counts_a_browser_by_its_csrf_cookie(article, three_per_ten_minutes):
    browser = Client(enforce_csrf_checks=True)
    browser.get("/en/articles/stitch/")
    token = browser.get("/en/forms/tokens/").json()["csrfmiddlewaretoken"]
    for number in range(3):
        data = form_data(body=f"Question number {number}", csrfmiddlewaretoken=token)
        assert browser.post(ASK, data, REMOTE_ADDR=f"10.0.0.{number}").status_code == 302
    data = form_data(body="Fourth from a new address", csrfmiddlewaretoken=token)
    assert browser.post(ASK, data, REMOTE_ADDR="10.0.1.1").status_code == 429


def test_the_rate_limit_window_passes(client, article, three_per_ten_minutes, monkeypatch):
    for number in range(3):
        ask(client, body=f"Question number {number}")
    later = time.time() + 601
    monkeypatch.setattr("comments.ratelimit.time.time", lambda: later)
    monkeypatch.setattr("comments.tokens.time.time", lambda: later)
    assert ask(client, body="Ten minutes later").status_code == 302


def test_the_rate_limit_is_configurable(client, article, settings):
    settings.QUESTIONS_RATE_LIMIT = 1
    ask(client, body="The first question")
    assert ask(client, body="The second question").status_code == 429


def test_when_the_cache_is_down_questions_still_go_through(article, caplog):
    dead_redis = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/5",
        }
    }
    client = Client()
    with override_settings(CACHES=dead_redis), caplog.at_level(logging.WARNING):
        response = client.post(ASK, form_data(body="I'm worried about my stitch"))
    assert response.status_code == 302
    assert Question.objects.filter(body="I'm worried about my stitch").exists()
    assert "the cache is unavailable" in caplog.text


def test_the_same_question_twice_in_a_day_is_refused_kindly(client, article):
    ask(client, body="Is it normal to feel pulling with a stitch?")
    response = Client().post(
        ASK, form_data(body="is it normal to feel pulling with a stitch?"), REMOTE_ADDR="10.9.9.9"
    )
    assert response.status_code == 200
    assert "We already have this question from you" in response.content.decode()
    assert Question.objects.count() == 1


def test_the_same_question_on_another_article_or_a_day_later_is_accepted(client, article):
    body = "Is it normal to feel pulling with a stitch?"
    make_question(article, body=body, created_at=timezone.now() - timedelta(hours=25))
    make_article("other")
    assert ask(client, body=body).status_code == 302
    assert ask(client, path="/en/articles/other/questions/", body=body).status_code == 302


# --- Closed threads and missing articles --------------------------------------------


def test_a_closed_thread_shows_a_notice_instead_of_the_form(client, article):
    Article.objects.filter(pk=article.pk).update(questions_closed=True)
    html = client.get("/en/articles/stitch/").content.decode()
    assert "Questions on this page are closed." in html
    assert 'name="body"' not in html


def test_posting_to_a_closed_thread_is_refused_and_the_text_given_back(client, article):
    Article.objects.filter(pk=article.pk).update(questions_closed=True)
    response = ask(client, body="My question that I wrote carefully")
    assert response.status_code == 403
    html = response.content.decode()
    assert "Your question was not sent" in html
    assert "My question that I wrote carefully" in html
    assert not Question.objects.exists()


def test_threads_close_some_days_after_the_last_question(client, article, settings):
    settings.QUESTIONS_CLOSE_AFTER_DAYS = 365
    make_question(article, status="approved", created_at=timezone.now() - timedelta(days=400))
    html = client.get("/en/articles/stitch/").content.decode()
    assert "closed because nobody has asked one for a long time" in html
    assert ask(client).status_code == 403
    settings.QUESTIONS_CLOSE_AFTER_DAYS = 0
    assert ask(client).status_code == 302


def test_a_recent_question_keeps_the_thread_open(client, article, settings):
    settings.QUESTIONS_CLOSE_AFTER_DAYS = 365
    make_question(article, status="approved", created_at=timezone.now() - timedelta(days=400))
    make_question(article, status="approved", language="es", created_at=timezone.now())
    assert 'name="body"' in client.get("/en/articles/stitch/").content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/en/articles/secret/questions/",
        "/en/articles/no-such-article/questions/",
        "/es/articles/english-only/questions/",
    ],
)
def test_posting_to_an_unpublished_missing_or_untranslated_article_is_not_found(client, path):
    make_article("secret", status=Article.Status.DRAFT)
    make_article("english-only")
    assert client.post(path, form_data()).status_code == 404
    assert not Question.objects.exists()


def test_posting_to_an_article_scheduled_for_later_is_not_found(client):
    make_article(
        "later", status=Article.Status.DRAFT, publish_at=timezone.now() + timedelta(days=1)
    )
    assert client.post("/en/articles/later/questions/", form_data()).status_code == 404
