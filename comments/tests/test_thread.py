"""Approved questions under an article: order, bylines, pages, permalinks, counts and cost."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.core.cache import cache
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from comments import services
from comments.embed import question_area
from comments.tests.factories import answered_question, make_midwife, make_question
from healthinfo.cache import CONTENT_GENERATION_KEY, GENERATION_KEY
from healthinfo.context_processors import category_menu
from healthinfo.models import ArticleTranslation
from healthinfo.pagecache import generations
from healthinfo.reader_state import ReaderState
from healthinfo.shared_pages import local_pages
from healthinfo.tests.factories import add_translation, make_article

pytestmark = pytest.mark.django_db

PAGE = "/en/articles/topic/"


@pytest.fixture
def article():
    article = make_article("topic", title="Topic")
    add_translation(article, "es", title="Tema")
    return article


@pytest.fixture
def midwife():
    return make_midwife("midwife", public_name="Midwife @HealthInfo")


def html_of(client, path=PAGE):
    return client.get(path).content.decode()


def test_only_approved_questions_in_the_page_language_are_shown(client, article):
    make_question(article, body="Approved English question", status="approved")
    make_question(article, body="Pending English question")
    make_question(article, body="Rejected English question", status="rejected")
    make_question(article, body="Spam English question", status="spam")
    make_question(article, body="Pregunta aprobada en español", status="approved", language="es")
    html = html_of(client)
    assert "Approved English question" in html
    for hidden in ["Pending", "Rejected", "Spam", "Pregunta aprobada"]:
        assert hidden not in html
    assert "Pregunta aprobada en español" in html_of(client, "/es/articles/topic/")


def test_questions_are_newest_first_with_replies_nested_under_them(client, article, midwife):
    older = answered_question(
        article,
        body="The older question",
        midwife=midwife,
        reply="Reply to older",
        created_at=timezone.now() - timedelta(days=2),
    )
    newer = make_question(article, body="The newer question", status="approved")
    html = html_of(client)
    assert html.index("The newer question") < html.index("The older question")
    older_block = html[html.index(f'id="{older.anchor}"') :]
    assert older_block.index("The older question") < older_block.index("Reply to older")
    assert f'id="{newer.anchor}"' in html


def test_bylines_read_like_the_charity_page_in_each_language(client, article, midwife, settings):
    settings.TIME_ZONE = "Europe/London"
    asked = datetime(2026, 8, 18, 5, 11, tzinfo=UTC)  # 06:11 in London
    question = make_question(article, status="approved", created_at=asked)
    services.reply(question, midwife, "Please call your maternity unit today.")
    question.replies.update(created_at=asked + timedelta(hours=5, minutes=13))
    html = html_of(client)
    assert "By Anonymous (not verified) on 18 Aug 2026 - 06:11" in html
    assert "By Midwife @HealthInfo on 18 Aug 2026 - 11:24" in html
    make_question(article, status="approved", language="es", created_at=asked)
    assert "Por Anónimo (no verificado) el 18 ago 2026 - 06:11" in html_of(
        client, "/es/articles/topic/"
    )


def test_replies_are_signed_with_the_public_name_never_the_username(client, article):
    author = make_midwife("jsmith", public_name="Midwife @HealthInfo")
    answered_question(article, midwife=author)
    html = html_of(client)
    assert "Midwife @HealthInfo" in html
    assert "jsmith" not in html


def test_the_email_address_never_reaches_the_page(client, article):
    make_question(article, status="approved", email="private.person@example.org")
    assert "private.person" not in html_of(client)


def test_twenty_questions_per_page_with_links_to_older_ones(client, article, settings):
    settings.QUESTIONS_PER_PAGE = 20
    now = timezone.now()
    for number in range(45):
        make_question(
            article,
            body=f"Question number {number:02d}",
            status="approved",
            created_at=now - timedelta(minutes=number),
        )
    first = html_of(client)
    assert first.count('class="question card') == 20
    assert "Question number 00" in first and "Question number 20" not in first
    assert 'href="?page=2#questions"' in first and "Older questions" in first
    third = html_of(client, PAGE + "?page=3")
    assert third.count('class="question card') == 5
    assert "Question number 44" in third
    assert html_of(client, PAGE + "?page=99").count('class="question card') == 5
    assert html_of(client, PAGE + "?page=nonsense").count('class="question card') == 20


def test_the_answered_count_is_shown(client, article):
    answered_question(article)
    answered_question(article)
    make_question(article, status="approved")
    assert "2 questions answered by our midwives." in html_of(client)


def test_each_question_has_a_permalink_that_finds_its_page(client, article, settings):
    settings.QUESTIONS_PER_PAGE = 20
    now = timezone.now()
    questions = [
        make_question(article, status="approved", created_at=now - timedelta(minutes=n))
        for n in range(25)
    ]
    target = questions[22]  # the 23rd newest: page 2
    html = html_of(client, PAGE + "?page=2")
    assert f'href="/en/questions/{target.pk}/"' in html
    response = client.get(f"/en/questions/{target.pk}/")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/en/articles/topic/?page=2#question-{target.pk}"
    assert client.get(f"/en/questions/{questions[0].pk}/").headers["Location"] == (
        f"/en/articles/topic/#question-{questions[0].pk}"
    )


def test_permalinks_of_unpublished_questions_are_not_found(client, article):
    pending = make_question(article)
    assert client.get(f"/en/questions/{pending.pk}/").status_code == 404
    assert client.get("/en/questions/999999/").status_code == 404


def test_a_spanish_question_permalink_opens_the_spanish_page(client, article):
    question = make_question(article, status="approved", language="es")
    assert question.get_absolute_url() == f"/es/questions/{question.pk}/"
    assert (
        client.get(question.get_absolute_url())
        .headers["Location"]
        .startswith("/es/articles/topic/")
    )


def test_links_in_questions_and_replies_are_marked_as_user_content(client, article, midwife):
    question = make_question(article, body="Is https://www.nhs.uk/ right?", status="approved")
    services.reply(question, midwife, "Yes, see www.nhs.uk/pregnancy for more.")
    html = html_of(client)
    assert '<a href="https://www.nhs.uk/" rel="nofollow ugc noopener">' in html
    assert '<a href="http://www.nhs.uk/pregnancy" rel="nofollow ugc noopener">' in html


def test_an_approval_shows_at_once_although_the_thread_is_cached(
    client, article, midwife, django_capture_on_commit_callbacks
):
    question = make_question(article, body="Will this appear after approval?")
    assert "Will this appear" not in html_of(client)
    with django_capture_on_commit_callbacks(execute=True):
        services.approve(question, midwife)
    assert "Will this appear" in html_of(client)
    with django_capture_on_commit_callbacks(execute=True):
        services.reply(question, midwife, "Yes, right away.")
    assert "Yes, right away." in html_of(client)


def test_the_thread_is_served_from_the_cache_until_something_changes(
    client, article, django_assert_num_queries
):
    for _ in range(3):
        answered_question(article)
    translation = ArticleTranslation.objects.select_related("article").get(
        article=article, language="en"
    )
    request = RequestFactory().get(PAGE)
    request.session = SessionStore()
    question_area(request, translation)  # fills the cache
    with django_assert_num_queries(1) as queries:  # the article's cache generation only
        area = question_area(request, translation)["question_area"]
    assert area.thread.answered == 3
    assert "pagecache_cachegeneration" in queries.captured_queries[0]["sql"]


def render_area(request, translation):
    context = question_area(request, translation)
    return render_to_string("comments/_questions.html", context, request=request)


def test_the_questions_area_costs_at_most_three_queries_for_a_hundred_threads(
    article, midwife, django_assert_max_num_queries, settings, monkeypatch
):
    settings.QUESTIONS_PER_PAGE = 100
    for number in range(100):
        question = make_question(article, body=f"Question {number}", status="approved")
        for _ in range(2):
            services.reply(question, midwife, f"Reply to {number}")
    mine = make_question(article, body="My own question awaiting review")
    translation = ArticleTranslation.objects.select_related("article").get(
        article=article, language="en"
    )
    request = RequestFactory().get(PAGE)
    request.session = SessionStore()
    # The reader who asked, in this browser (her signed cookie).
    request._reader_state = ReaderState(questions=[(mine.pk, article.pk)])
    category_menu("en")  # the site menu (a context processor) is not the questions' cost
    # A page view reads its cache generations once, with its first query (the article's).
    monkeypatch.setattr(generations._memo, "tokens", {})
    generations.current([GENERATION_KEY.format(article_id=article.pk), CONTENT_GENERATION_KEY])
    # The page of questions, their replies, her question's generation and her question.
    with django_assert_max_num_queries(4):
        html = render_area(request, translation)
    assert html.count('class="question card') == 100
    assert html.count('class="reply ') == 200
    assert "My own question awaiting review" in html


def test_the_article_page_costs_the_same_with_one_or_a_hundred_threads(client, article, midwife):
    def page_queries():
        cache.clear()  # measure the uncached thread
        local_pages.clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(PAGE).status_code == 200
        sql = [query["sql"] for query in captured.captured_queries]
        return len(sql), len([query for query in sql if "comments_" in query])

    answered_question(article, midwife=midwife)
    one_thread = page_queries()
    for _ in range(99):
        answered_question(article, midwife=midwife)
    assert page_queries() == one_thread
    assert one_thread[1] <= 3


def test_pagination_is_not_shown_for_a_single_page(client, article):
    make_question(article, status="approved")
    assert 'aria-label="Pages of questions"' not in html_of(client)


def test_the_form_links_back_to_the_ask_page_and_counts_nothing_before_questions(client, article):
    html = html_of(client)
    assert "No questions have been published on this page yet." in html
    assert re.search(r'action="/en/articles/topic/questions/#ask-form"', html)


def test_a_page_of_another_article_costs_no_query_for_the_readers_own_questions(
    client, article, django_assert_num_queries
):
    from comments.embed import own_pending_questions
    from comments.tests.factories import form_data

    other = make_article("other-topic")
    client.post(f"/en/articles/{article.slug}/questions/", form_data(body="Can I still swim?"))
    request = RequestFactory().get("/")
    request.COOKIES = {name: morsel.value for name, morsel in client.cookies.items()}
    with django_assert_num_queries(0):
        assert own_pending_questions(request, other) == []
    # Her question's cache generation, then the question (its fragment is not cached yet).
    with django_assert_num_queries(2):
        assert len(own_pending_questions(request, article)) == 1
    request = RequestFactory().get("/")
    request.COOKIES = {name: morsel.value for name, morsel in client.cookies.items()}
    with django_assert_num_queries(1):  # the generation only: the fragment is cached
        assert len(own_pending_questions(request, article)) == 1
