"""
Readers with a session get the shared article page with only their own parts filled in.

A reader who voted "Was this useful?" or asked a question has a session. Her
page is the stored shared page, with her reader slots (her questions awaiting
review, her vote) filled per request: a fixed, small number of queries,
whatever the size of the thread.
"""

import pytest
from django.test import Client

from comments import services as question_services
from comments.models import Question
from comments.tests.factories import answered_question, form_data, make_midwife
from healthinfo.tests.factories import make_article

pytestmark = pytest.mark.django_db


def _fail(*args, **kwargs):
    raise AssertionError("the page was rendered for her")


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a change as a committed transaction (its cache generations' after-commit work too)."""

    def run(change, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return change(*args, **kwargs)

    return run


@pytest.fixture
def recheck(settings):
    """Tokens read a moment ago are used as they are, as on the app servers."""
    settings.SHARED_PAGE_RECHECK_SECONDS = 0.5


def _reader_who_voted_and_asked(committed, slug, body):
    reader = Client()
    committed(reader.post, f"/en/articles/{slug}/feedback/", {"useful": "yes"})
    committed(reader.post, f"/en/articles/{slug}/questions/", form_data(body=body))
    return reader


def _article_with_thread(committed, slug, answered):
    article = committed(make_article, slug)
    for number in range(answered):
        committed(answered_question, article, body=f"Answered question number {number}?")
    Client().get(f"/en/articles/{slug}/")  # the shared copy
    return article


@pytest.mark.parametrize("answered", [0, 30])
def test_her_page_costs_the_same_whatever_the_size_of_the_thread(
    answered, committed, recheck, monkeypatch, django_assert_num_queries
):
    _article_with_thread(committed, "topic", answered)
    reader = _reader_who_voted_and_asked(committed, "topic", "Can I still swim at 30 weeks?")
    reader.get("/en/articles/topic/")  # reads the page's tokens once
    monkeypatch.setattr("healthinfo.views.public.cached_content", _fail)
    # Her session, then her questions awaiting review on this article.
    with django_assert_num_queries(2) as queries:
        html = reader.get("/en/articles/topic/").content.decode()
    assert "django_session" in queries.captured_queries[0]["sql"]
    assert "comments_question" in queries.captured_queries[1]["sql"]
    assert "swim at 30 weeks" in html and "Awaiting review" in html
    assert "Thank you for your feedback" in html


@pytest.mark.parametrize("answered", [0, 30])
def test_without_the_tokens_read_a_moment_ago_she_costs_one_query_more(
    answered, committed, monkeypatch, django_assert_num_queries
):
    _article_with_thread(committed, "topic", answered)
    reader = _reader_who_voted_and_asked(committed, "topic", "Can I still swim at 30 weeks?")
    monkeypatch.setattr("healthinfo.views.public.cached_content", _fail)
    # The page's cache generations, her session, her questions awaiting review.
    with django_assert_num_queries(3):
        assert "swim at 30 weeks" in reader.get("/en/articles/topic/").content.decode()


def test_a_reader_who_only_voted_costs_her_session_alone(
    committed, recheck, monkeypatch, django_assert_num_queries
):
    _article_with_thread(committed, "topic", 5)
    reader = Client()
    committed(reader.post, "/en/articles/topic/feedback/", {"useful": "no"})
    reader.get("/en/articles/topic/")
    monkeypatch.setattr("healthinfo.views.public.cached_content", _fail)
    with django_assert_num_queries(1) as queries:
        html = reader.get("/en/articles/topic/").content.decode()
    assert "django_session" in queries.captured_queries[0]["sql"]
    assert "Thank you for your feedback" in html and 'name="useful"' not in html


def test_her_question_on_another_article_costs_no_query_here(
    committed, recheck, django_assert_num_queries
):
    committed(make_article, "other")  # publishing it changes how every page links to it
    _article_with_thread(committed, "topic", 0)
    reader = _reader_who_voted_and_asked(committed, "other", "Can I still swim at 30 weeks?")
    reader.get("/en/articles/topic/")
    with django_assert_num_queries(1):  # her session says she asked nothing here
        html = reader.get("/en/articles/topic/").content.decode()
    assert "swim at 30 weeks" not in html and 'name="useful"' in html


def test_another_reader_never_sees_her_question_or_her_vote(committed, recheck):
    _article_with_thread(committed, "topic", 3)
    first = _reader_who_voted_and_asked(committed, "topic", "Can I still swim at 30 weeks?")
    second = Client()
    committed(second.post, "/en/articles/topic/questions/", form_data(body="Is cycling safe now?"))
    for _ in range(2):
        mine = first.get("/en/articles/topic/").content.decode()
        hers = second.get("/en/articles/topic/").content.decode()
        nobody = Client().get("/en/articles/topic/").content.decode()
        assert "swim at 30 weeks" in mine and "cycling safe" not in mine
        assert "cycling safe" in hers and "swim at 30 weeks" not in hers
        assert 'name="useful"' in hers and "Thank you for your feedback" not in hers
        assert "swim at 30 weeks" not in nobody and "cycling safe" not in nobody


def test_once_approved_her_question_is_in_the_shared_part_not_awaiting_review(committed, recheck):
    _article_with_thread(committed, "topic", 2)
    reader = _reader_who_voted_and_asked(committed, "topic", "Can I still swim at 30 weeks?")
    assert "Awaiting review" in reader.get("/en/articles/topic/").content.decode()
    question = Question.objects.get(body__contains="swim at 30 weeks")
    committed(question_services.approve, question, make_midwife())
    html = reader.get("/en/articles/topic/").content.decode()
    assert html.count("swim at 30 weeks") == 1 and "Awaiting review" not in html
    assert "swim at 30 weeks" in Client().get("/en/articles/topic/").content.decode()


def test_once_her_questions_are_settled_her_pages_ask_nothing_for_them(
    committed, recheck, django_assert_num_queries
):
    _article_with_thread(committed, "topic", 2)
    reader = _reader_who_voted_and_asked(committed, "topic", "Can I still swim at 30 weeks?")
    question = Question.objects.get(body__contains="swim at 30 weeks")
    committed(question_services.reject, question, make_midwife())
    Client().get("/en/articles/topic/")  # the shared copy again (a rejection changes nothing in it)
    reader.get("/en/articles/topic/")  # finds nothing awaiting review: her session forgets it
    with django_assert_num_queries(1) as queries:  # her session
        html = reader.get("/en/articles/topic/").content.decode()
    assert "django_session" in queries.captured_queries[0]["sql"]
    assert "swim at 30 weeks" not in html and "Thank you for your feedback" in html
