"""Hostile or broken input to the question form: a form error or a 4xx, never a 500 or bad row."""

from urllib.parse import urlencode

import pytest
from django.test import Client, override_settings
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from comments.models import Question
from comments.tests.factories import form_data
from healthinfo.tests.factories import make_article

pytestmark = pytest.mark.django_db

ASK = "/en/articles/topic/questions/"


@pytest.fixture(autouse=True)
def article():
    return make_article("topic")


def test_a_post_without_a_csrf_token_is_forbidden():
    response = Client(enforce_csrf_checks=True).post(ASK, form_data())
    assert response.status_code == 403
    assert not Question.objects.exists()


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_other_methods_are_not_allowed(client, method):
    assert getattr(client, method)(ASK).status_code == 405


def test_an_empty_post_is_a_form_error(client):
    response = client.post(ASK, {})
    assert response.status_code == 200
    assert "Please write your question." in response.content.decode()


def test_a_question_far_over_the_limit_is_a_form_error_found_before_cleaning(client, monkeypatch):
    cleaned = []
    monkeypatch.setattr("comments.forms.clean_reader_text", lambda *a, **k: cleaned.append(a))
    response = client.post(ASK, form_data(body="a" * 5000))
    assert response.status_code == 200
    assert "Please shorten your question to 2000 characters or fewer (it has 5000)" in (
        response.content.decode()
    )
    assert cleaned == []  # refused on the raw text: bleach never saw it
    assert not Question.objects.exists()


def test_a_question_whose_markup_cleaning_removes_is_measured_after_cleaning(client):
    body = "<b>Is it safe to fly at 30 weeks?</b>" + "<i></i>" * 300  # 2,135 characters raw
    assert client.post(ASK, form_data(body=body)).status_code == 302
    assert Question.objects.get().body == "Is it safe to fly at 30 weeks?"


@pytest.mark.parametrize("size", [1_000_000, 2_400_000, 10_000_000])
def test_a_post_of_megabytes_is_refused_with_413_before_anything_reads_it(
    client, monkeypatch, size
):
    monkeypatch.setattr(
        "comments.forms.QuestionForm.full_clean", lambda form: pytest.fail("form validated")
    )
    response = client.post(ASK, form_data(body="a" * size))
    assert response.status_code == 413
    assert "That was too much text to send" in response.content.decode()
    assert not Question.objects.exists()


def test_a_name_far_over_its_limit_is_a_form_error_found_before_cleaning(client, monkeypatch):
    cleaned = []
    real = __import__("comments.text", fromlist=["clean_reader_text"]).clean_reader_text
    monkeypatch.setattr(
        "comments.forms.clean_reader_text",
        lambda text, **kwargs: cleaned.append(len(text)) or real(text, **kwargs),
    )
    response = client.post(ASK, form_data(display_name="Sam" * 10_000))
    assert response.status_code == 200
    assert "Please use a name of 50 characters or fewer." in response.content.decode()
    assert all(length <= 2 * 2000 for length in cleaned)
    assert not Question.objects.exists()


def test_invalid_utf8_is_replaced_not_a_crash(client):
    fields = form_data()
    fields.pop("body")
    raw = (
        b"body="
        + b"Is%20this%20normal%3F%20%FF%FE%C3%28%20at%2020%20weeks&"
        + urlencode(fields).encode()
    )
    response = client.post(ASK, raw, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 302
    body = Question.objects.get().body
    assert body.startswith("Is this normal?") and body.endswith("at 20 weeks")


def test_control_characters_and_direction_overrides_are_removed(client):
    client.post(ASK, form_data(body="Is\x00 this\x07 \u202enormal\u202c at 20 weeks?\x1b"))
    assert Question.objects.get().body == "Is this normal at 20 weeks?"


def test_a_null_character_in_the_name_or_email_is_no_crash(client):
    response = client.post(ASK, form_data(display_name="Sam\x00", email="sam\x00@example.org"))
    assert response.status_code == 200
    assert not Question.objects.exists()


def test_emoji_are_kept(client):
    client.post(ASK, form_data(body="Is it normal to cry all day? 😢🤰🏽"))
    assert Question.objects.get().body == "Is it normal to cry all day? 😢🤰🏽"


def test_html_and_script_are_stored_as_plain_text_and_shown_escaped(client):
    client.post(
        ASK, form_data(body='<script>alert("x")</script><img src=x onerror=alert(1)> Is it safe?')
    )
    question = Question.objects.get()
    assert question.body == 'alert("x") Is it safe?'
    Question.objects.filter(pk=question.pk).update(status="approved")
    html = Client().get("/en/articles/topic/").content.decode()
    assert "alert(&quot;x&quot;) Is it safe?" in html
    assert "<script>alert" not in html and "onerror" not in html


def test_sql_like_text_is_just_text(client):
    body = "'; DROP TABLE comments_question; -- is that a question?"
    assert client.post(ASK, form_data(body=body)).status_code == 302
    assert Question.objects.get().body == body


def test_a_list_of_values_for_one_field_is_no_crash(client):
    data = form_data()
    data["body"] = ["first part of the question", "second part"]
    assert client.post(ASK, data).status_code in (200, 302)


@override_settings(QUESTIONS_RATE_LIMIT=10_000, QUESTIONS_DUPLICATE_WINDOW_HOURS=0)
@hypothesis_settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    body=st.text(max_size=2100),
    name=st.text(max_size=60),
    email=st.one_of(st.emails(), st.text(max_size=40)),
)
def test_any_post_is_saved_whole_or_refused_with_a_form_error(body, name, email):
    before = Question.objects.count()
    response = Client().post(ASK, form_data(body=body, display_name=name, email=email))
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        question = Question.objects.latest("pk")
        assert Question.objects.count() == before + 1
        assert 10 <= len(question.body) <= 2000
        assert question.status == Question.Status.PENDING
    else:
        assert Question.objects.count() == before


def test_a_flood_of_invalid_posts_is_refused_before_validation_once_its_attempts_are_used(
    client, settings, monkeypatch
):
    settings.QUESTIONS_RATE_LIMIT = 3  # so 15 attempts per window
    for _ in range(15):
        assert client.post(ASK, form_data(body="short")).status_code == 200  # a form error
    monkeypatch.setattr(
        "comments.forms.QuestionForm.full_clean", lambda form: pytest.fail("form validated")
    )
    response = client.post(ASK, form_data(body="short"))
    assert response.status_code == 429
    html = response.content.decode()
    assert "You have sent several questions" in html and "short" in html  # the text is kept
