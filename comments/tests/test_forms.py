"""The question form: limits, kind messages and the bot traps."""

import time

import pytest
from crispy_forms.utils import render_crispy_form
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from comments.forms import QuestionForm
from comments.tests.factories import form_data
from comments.tokens import form_token


def errors_of(**fields):
    form = QuestionForm(data=form_data(**fields))
    assert not form.is_valid()
    return form.errors


def test_a_real_question_is_valid_and_cleaned():
    form = QuestionForm(
        data=form_data(body="  Is it normal to feel pulling?  ", display_name=" Sam ")
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["body"] == "Is it normal to feel pulling?"
    assert form.cleaned_data["display_name"] == "Sam"


def test_body_is_required_with_a_kind_message():
    assert errors_of(body="   ")["body"] == ["Please write your question."]


def test_body_needs_ten_characters_after_trimming():
    assert "at least 10 characters" in errors_of(body="   help me      ")["body"][0]
    assert QuestionForm(data=form_data(body="Help me pl")).is_valid()


def test_body_may_have_two_thousand_characters_after_trimming():
    assert QuestionForm(data=form_data(body=" " * 50 + "a" * 2000 + " " * 50)).is_valid()
    message = errors_of(body="a" * 2001)["body"][0]
    assert "2000 characters or fewer" in message and "2001" in message


def test_html_only_question_is_empty_and_refused():
    assert errors_of(body="<script></script><b></b>")["body"] == ["Please write your question."]


def test_name_may_have_fifty_characters():
    assert QuestionForm(data=form_data(display_name="S" * 50)).is_valid()
    assert "50 characters or fewer" in errors_of(display_name="S" * 51)["display_name"][0]


def test_readers_cannot_pose_as_staff():
    for name in ["Midwife Jo", "MATRONA", "HealthInfo team"]:
        assert "kept for our staff" in errors_of(display_name=name)["display_name"][0]


def test_email_is_validated_with_a_kind_message():
    assert errors_of(email="not-an-address")["email"] == [
        "Please check your email address, or leave it empty."
    ]
    assert QuestionForm(data=form_data(email="sam@example.org")).is_valid()


def test_too_many_links_are_refused(settings):
    settings.QUESTIONS_MAX_LINKS = 2
    spam = "Buy now https://a.example/1 https://b.example/2 https://c.example/3 cheap"
    assert errors_of(body=spam)["body"] == ["Please include no more than 2 web links."]
    assert QuestionForm(data=form_data(body="Is https://www.nhs.uk/ right about this?")).is_valid()


def test_filled_honeypot_is_refused_with_an_explanation():
    assert (
        "We could not send your question" in errors_of(website="https://spam.example")["__all__"][0]
    )


def test_a_form_sent_faster_than_a_person_types_is_refused(settings):
    settings.QUESTIONS_MIN_FILL_SECONDS = 3
    message = errors_of(started=form_token(time.time() - 1))["__all__"][0]
    assert message.startswith("That was very quick!")


def test_a_form_left_open_for_days_must_be_sent_again(settings):
    settings.QUESTIONS_FORM_MAX_AGE_SECONDS = 3600
    assert "open for a long time" in errors_of(started=form_token(time.time() - 7200))["__all__"][0]


@pytest.mark.parametrize("token", ["", "forged", "MTc5:1xVQat:wrong-signature"])
def test_a_missing_or_forged_timestamp_is_refused(token):
    assert "Something went wrong" in errors_of(started=token)["__all__"][0]


def test_a_refused_form_keeps_the_text_and_gets_a_fresh_timestamp():
    stale = form_token(time.time() - 1)
    form = QuestionForm(data=form_data(body="My waters broke an hour ago", started=stale))
    assert not form.is_valid()
    form.renew_token()
    assert form["body"].value() == "My waters broke an hour ago"
    assert form["started"].value() != stale


def test_the_honeypot_is_hidden_from_people_and_screen_readers():
    html = " ".join(render_crispy_form(QuestionForm()).split())
    trap = html[html.index('class="question-trap"') :]
    assert trap.startswith('class="question-trap" aria-hidden="true"')
    assert 'name="website"' in trap[: trap.index("</div>")]
    assert 'tabindex="-1"' in trap[: trap.index("</div>")]


@hypothesis_settings(max_examples=200, deadline=None)
@given(
    body=st.text(max_size=2500),
    name=st.text(max_size=80),
    email=st.text(max_size=80),
)
def test_any_input_gives_a_clean_question_or_form_errors(body, name, email):
    form = QuestionForm(data=form_data(body=body, display_name=name, email=email))
    if form.is_valid():
        cleaned = form.cleaned_data["body"]
        assert 10 <= len(cleaned) <= 2000
        assert cleaned == cleaned.strip()
        assert not any(ord(char) < 32 and char not in "\n\t" for char in cleaned)
        assert not any(0x202A <= ord(char) <= 0x202E for char in cleaned)
        assert len(form.cleaned_data["display_name"]) <= 50
        assert "\n" not in form.cleaned_data["display_name"]
    else:
        assert form.errors


@hypothesis_settings(max_examples=100, deadline=None)
@given(
    markup=st.from_regex(r"<(script|b|img|a|iframe)[^>]{0,20}>[a-z ]{10,40}</\1>", fullmatch=True)
)
def test_no_tag_survives_cleaning(markup):
    form = QuestionForm(data=form_data(body=markup))
    if form.is_valid():
        assert "<" not in form.cleaned_data["body"]


def test_a_reader_correcting_mistakes_is_not_also_told_they_were_too_quick():
    form = QuestionForm(data=form_data(body="Hola", started=form_token(time.time())))
    assert not form.is_valid()
    assert "__all__" not in form.errors and "body" in form.errors
