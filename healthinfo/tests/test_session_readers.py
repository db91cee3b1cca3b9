"""
Readers who voted or asked get the shared article page with only their own parts filled in.

A reader who voted "Was this useful?" or asked a question gets no database
session: a small signed cookie lists the numbers of what she did
(``healthinfo.reader_state``). Her page is the stored shared page, with her
reader slots (her questions awaiting review, her vote) filled per request from
fragments cached per question: no query when nothing changed, whatever the
size of the thread.
"""

import json

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core import signing
from django.core.cache import cache
from django.test import Client

from comments import services as question_services
from comments.embed import OWN_QUESTION_CACHE_KEY
from comments.models import Question
from comments.tests.factories import answered_question, form_data, make_midwife
from healthinfo import reader_state
from healthinfo.cache import QUESTION_GENERATION_KEY
from healthinfo.pagecache import generations
from healthinfo.shared_pages import local_pages
from healthinfo.tests.factories import make_article

pytestmark = pytest.mark.django_db

PAGE = "/en/articles/topic/"


def _fail(*args, **kwargs):
    raise AssertionError("the page was rendered for her")


@pytest.fixture
def recheck(settings):
    """Tokens read a moment ago are used as they are, as on the app servers."""
    settings.SHARED_PAGE_RECHECK_SECONDS = 0.5


@pytest.fixture(autouse=True)
def no_recent_tokens():
    generations.recent_tokens.clear()
    yield
    generations.recent_tokens.clear()


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


def _cookie_data(reader):
    value = reader.cookies[settings.READER_STATE_COOKIE_NAME].value
    return signing.loads(value, salt=reader_state.SALT)


@pytest.mark.parametrize("answered", [0, 30])
def test_her_page_costs_no_query_whatever_the_size_of_the_thread(
    answered, committed, recheck, monkeypatch, django_assert_num_queries
):
    _article_with_thread(committed, "topic", answered)
    reader = _reader_who_voted_and_asked(committed, "topic", "Can I still swim at 30 weeks?")
    reader.get(PAGE)  # reads the page's tokens once and caches her question's fragment
    monkeypatch.setattr("healthinfo.views.public.cached_content", _fail)
    with django_assert_num_queries(0):
        html = reader.get(PAGE).content.decode()
    assert "swim at 30 weeks" in html and "Awaiting review" in html
    assert "Thank you for your feedback" in html
    assert Session.objects.count() == 0


@pytest.mark.parametrize("answered", [0, 30])
def test_without_the_tokens_read_a_moment_ago_she_costs_one_query(
    answered, committed, monkeypatch, django_assert_num_queries
):
    _article_with_thread(committed, "topic", answered)
    reader = _reader_who_voted_and_asked(committed, "topic", "Can I still swim at 30 weeks?")
    reader.get(PAGE)
    monkeypatch.setattr("healthinfo.views.public.cached_content", _fail)
    # The page's cache generations and her question's, in one query.
    with django_assert_num_queries(1) as queries:
        assert "swim at 30 weeks" in reader.get(PAGE).content.decode()
    assert "pagecache_cachegeneration" in queries.captured_queries[0]["sql"]


def test_a_reader_who_only_voted_costs_no_query(
    committed, recheck, monkeypatch, django_assert_num_queries
):
    _article_with_thread(committed, "topic", 5)
    reader = Client()
    committed(reader.post, "/en/articles/topic/feedback/", {"useful": "no"})
    reader.get(PAGE)
    monkeypatch.setattr("healthinfo.views.public.cached_content", _fail)
    with django_assert_num_queries(0):
        html = reader.get(PAGE).content.decode()
    assert "Thank you for your feedback" in html and 'name="useful"' not in html


def test_her_question_on_another_article_costs_no_query_here(
    committed, recheck, django_assert_num_queries
):
    committed(make_article, "other")  # publishing it changes how every page links to it
    _article_with_thread(committed, "topic", 0)
    reader = _reader_who_voted_and_asked(committed, "other", "Can I still swim at 30 weeks?")
    reader.get(PAGE)
    with django_assert_num_queries(0):
        html = reader.get(PAGE).content.decode()
    assert "swim at 30 weeks" not in html and 'name="useful"' in html


def test_another_reader_never_sees_her_question_or_her_vote(committed, recheck):
    _article_with_thread(committed, "topic", 3)
    first = _reader_who_voted_and_asked(committed, "topic", "Can I still swim at 30 weeks?")
    second = Client()
    committed(second.post, "/en/articles/topic/questions/", form_data(body="Is cycling safe now?"))
    for _ in range(2):
        mine = first.get(PAGE).content.decode()
        hers = second.get(PAGE).content.decode()
        nobody = Client().get(PAGE).content.decode()
        assert "swim at 30 weeks" in mine and "cycling safe" not in mine
        assert "cycling safe" in hers and "swim at 30 weeks" not in hers
        assert 'name="useful"' in hers and "Thank you for your feedback" not in hers
        assert "swim at 30 weeks" not in nobody and "cycling safe" not in nobody


def test_voting_and_asking_leave_a_signed_cookie_of_numbers_and_no_session(committed):
    _article_with_thread(committed, "topic", 0)
    reader = _reader_who_voted_and_asked(committed, "topic", "Can I still swim at 30 weeks?")
    question = Question.objects.get()
    cookie = reader.cookies[settings.READER_STATE_COOKIE_NAME]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert int(cookie["max-age"]) == settings.READER_STATE_COOKIE_AGE
    assert _cookie_data(reader) == {
        "v": [question.article_id],
        "q": [[question.pk, question.article_id]],
    }
    assert "swim" not in json.dumps(_cookie_data(reader))
    assert Session.objects.count() == 0


def test_the_cookie_is_secure_where_the_session_cookie_is(committed, settings):
    settings.SESSION_COOKIE_SECURE = True
    _article_with_thread(committed, "topic", 0)
    reader = Client()
    committed(reader.post, "/en/articles/topic/feedback/", {"useful": "yes"})
    assert reader.cookies[settings.READER_STATE_COOKIE_NAME]["secure"]


def _forged(reader, data, salt=reader_state.SALT):
    reader.cookies[settings.READER_STATE_COOKIE_NAME] = signing.dumps(data, salt=salt)


def test_a_forged_or_altered_cookie_shows_nothing_of_anyone(committed, recheck):
    article = _article_with_thread(committed, "topic", 1)
    asker = _reader_who_voted_and_asked(committed, "topic", "Can I still swim at 30 weeks?")
    question = Question.objects.get(body__contains="swim")
    value = asker.cookies[settings.READER_STATE_COOKIE_NAME].value
    payload, _, signature = value.partition(":")
    forgeries = [
        f"{payload}x:{signature}",  # changed by hand
        "not a signed value",
        signing.dumps({"v": [article.pk], "q": [[question.pk, article.pk]]}, salt="another"),
        signing.dumps({"v": [article.pk], "q": [[question.pk, article.pk]]}, key="guessed"),
        "",
    ]
    for forged in forgeries:
        reader = Client()
        reader.cookies[settings.READER_STATE_COOKIE_NAME] = forged
        response = reader.get(PAGE)
        html = response.content.decode()
        assert response.status_code == 200
        assert "swim at 30 weeks" not in html and 'name="useful"' in html


def test_a_cookie_older_than_its_age_shows_nothing_of_hers(committed, recheck, settings):
    _article_with_thread(committed, "topic", 0)
    reader = _reader_who_voted_and_asked(committed, "topic", "Can I still swim at 30 weeks?")
    assert "swim at 30 weeks" in reader.get(PAGE).content.decode()
    settings.READER_STATE_COOKIE_AGE = -1  # every cookie is now too old
    html = reader.get(PAGE).content.decode()
    assert "swim at 30 weeks" not in html and 'name="useful"' in html


def test_a_well_formed_cookie_of_wrong_shapes_is_ignored(committed, recheck):
    _article_with_thread(committed, "topic", 0)
    for data in ([1, 2], {"v": "1", "q": [[1]]}, {"v": [True, -3], "q": [["1", 1], [1, 2, 3]]}):
        reader = Client()
        _forged(reader, data)
        assert reader.get(PAGE).status_code == 200
    assert reader_state.ReaderState.from_cookie(
        signing.dumps(data, salt=reader_state.SALT)
    ).is_empty()


def test_once_approved_her_question_is_in_the_shared_part_not_awaiting_review(committed, recheck):
    _article_with_thread(committed, "topic", 2)
    reader = _reader_who_voted_and_asked(committed, "topic", "Can I still swim at 30 weeks?")
    assert "Awaiting review" in reader.get(PAGE).content.decode()
    question = Question.objects.get(body__contains="swim at 30 weeks")
    committed(question_services.approve, question, make_midwife())
    html = reader.get(PAGE).content.decode()
    assert html.count("swim at 30 weeks") == 1 and "Awaiting review" not in html
    assert "swim at 30 weeks" in Client().get(PAGE).content.decode()


def test_once_her_questions_are_settled_her_cookie_forgets_them(
    committed, recheck, django_assert_num_queries
):
    _article_with_thread(committed, "topic", 2)
    reader = _reader_who_voted_and_asked(committed, "topic", "Can I still swim at 30 weeks?")
    question = Question.objects.get(body__contains="swim at 30 weeks")
    committed(question_services.reject, question, make_midwife())
    reader.get(PAGE)  # finds nothing awaiting review: her cookie forgets it
    assert _cookie_data(reader)["q"] == []
    with django_assert_num_queries(0):
        html = reader.get(PAGE).content.decode()
    assert "swim at 30 weeks" not in html and "Thank you for your feedback" in html


def _approve(question, midwife):
    # The street is a place she names, not her address (it leaves her fragment alone).
    for finding, _field in question.personal_data_findings():
        question = question_services.mark_not_personal_data(question, midwife, finding.key)
    return question_services.approve(question, midwife)


# Every door that changes what she sees of her question replaces its fragment.
DOORS = {
    "approve": (lambda question, midwife: _approve(question, midwife), "gone"),
    "reject": (lambda question, midwife: question_services.reject(question, midwife), "gone"),
    "spam": (lambda question, midwife: question_services.mark_spam(question, midwife), "gone"),
    "delete": (
        lambda question, midwife: question_services.delete_question(question, midwife),
        "gone",
    ),
    "redact": (
        lambda question, midwife: question_services.redact(question, midwife, "Hillcrest Road"),
        "[removed]",
    ),
    "edit": (
        lambda question, midwife: question_services.edit_question(
            question, midwife, display_name="Reader in Leeds"
        ),
        "Reader in Leeds",
    ),
    "set_urgency": (
        lambda question, midwife: question_services.set_urgency(
            question, midwife, urgent=True, category="bleeding"
        ),
        'id="emergency"',
    ),
}


@pytest.mark.parametrize("door", DOORS)
def test_each_moderation_door_replaces_her_cached_fragment(door, committed, recheck):
    _article_with_thread(committed, "topic", 1)
    reader = Client()
    body = "I live on Hillcrest Road, can I still swim at 30 weeks?"
    committed(
        reader.post, "/en/articles/topic/questions/", form_data(body=body, display_name="Sam")
    )
    question = Question.objects.get(body__contains="swim")
    midwife = make_midwife()
    before = reader.get(PAGE).content.decode()
    assert "Hillcrest Road" in before and "Awaiting review" in before
    assert 'id="emergency"' not in before and "Reader in Leeds" not in before
    change, shows = DOORS[door]
    committed(change, question, midwife)
    html = reader.get(PAGE).content.decode()
    if shows == "gone":
        assert "Awaiting review" not in html
    else:
        assert shows in html and "Awaiting review" in html
    if door == "redact":
        assert "Hillcrest Road" not in html


def test_her_own_delete_link_takes_her_question_off_her_page(committed, recheck):
    _article_with_thread(committed, "topic", 0)
    reader = _reader_who_voted_and_asked(committed, "topic", "Can I still swim at 30 weeks?")
    html = reader.get(PAGE).content.decode()
    link = html.split('href="/en/questions/delete/')[1].split('"')[0]
    committed(reader.post, f"/en/questions/delete/{link}")
    assert _cookie_data(reader)["q"] == []
    html = reader.get(PAGE).content.decode()
    assert "swim at 30 weeks" not in html and "Your question has been deleted." in html


def test_removed_text_never_comes_back_from_a_cache_restored_from_a_snapshot(committed, recheck):
    _article_with_thread(committed, "topic", 0)
    reader = Client()
    body = "I live on Hillcrest Road, can I still swim at 30 weeks?"
    committed(reader.post, "/en/articles/topic/questions/", form_data(body=body))
    question = Question.objects.get()
    assert "Hillcrest Road" in reader.get(PAGE).content.decode()
    generation = QUESTION_GENERATION_KEY.format(question_id=question.pk)
    key = OWN_QUESTION_CACHE_KEY.format(
        question=question.pk, language="en", generation=generations.token(generation) or "-"
    )
    # The cache as it was: her fragment and the generation copies the cache kept.
    snapshot = cache.get_many([key, generation])
    assert "Hillcrest Road" in snapshot[key]["html"]
    committed(question_services.redact, question, make_midwife(), "Hillcrest Road")
    # Redis restarts from the snapshot taken before the redaction; this process forgets too.
    cache.clear()
    cache.set_many(snapshot, None)
    local_pages.clear()
    generations.recent_tokens.clear()
    html = reader.get(PAGE).content.decode()
    assert "Hillcrest Road" not in html and "[removed]" in html


def test_the_cookie_stays_small_at_its_limits():
    state = reader_state.ReaderState()
    for number in range(reader_state.VOTES_LIMIT + 50):
        state.add_vote(9_000_000 + number)
    for number in range(reader_state.QUESTIONS_LIMIT + 10):
        state.add_question(90_000_000 + number, 9_000_000 + number)
    assert len(state.votes) == reader_state.VOTES_LIMIT
    assert len(state.questions) == reader_state.QUESTIONS_LIMIT
    assert state.questions[-1] == (90_000_000 + reader_state.QUESTIONS_LIMIT + 9, 9_000_029)
    assert len(state.cookie_value()) < 2048  # browsers keep 4 kB a cookie
