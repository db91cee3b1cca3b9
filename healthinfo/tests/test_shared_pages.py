"""Whole reader pages shared by readers without a session (healthinfo.shared_pages)."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.test import Client
from django.utils import timezone

from comments import services as question_services
from comments.embed import FORM_STARTED_PLACEHOLDER
from comments.models import Question
from comments.tests.factories import form_data, make_midwife, make_question
from comments.tokens import form_age
from healthinfo.shared_pages import CSRF_PLACEHOLDER, serve, shared_render
from healthinfo.tests.factories import make_article, make_category, make_reviewed_article, review

pytestmark = pytest.mark.django_db

CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
STARTED_FIELD = re.compile(r'name="started" value="([^"]+)"')


def fields(response, pattern):
    return pattern.findall(response.content.decode())


def test_second_reader_gets_the_article_without_any_query(client, django_assert_num_queries):
    make_article("topic", title="Cervical insufficiency")
    assert client.get("/en/articles/topic/").status_code == 200
    with django_assert_num_queries(0):
        response = Client().get("/en/articles/topic/")
    assert response.status_code == 200
    assert "Cervical insufficiency" in response.content.decode()


def test_placeholders_never_reach_a_reader(client):
    make_article("topic")
    for _ in range(2):  # the rendering that fills the cache, then a hit
        html = client.get("/en/articles/topic/").content.decode()
        assert CSRF_PLACEHOLDER not in html
        assert FORM_STARTED_PLACEHOLDER not in html
        assert len(CSRF_FIELD.findall(html)) == 2  # the feedback and question forms


def test_each_reader_gets_their_own_tokens_and_can_post():
    make_article("topic")
    Client().get("/en/articles/topic/")  # fills the cache
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    one, two = first.get("/en/articles/topic/"), second.get("/en/articles/topic/")
    assert fields(one, CSRF_FIELD)[0] != fields(two, CSRF_FIELD)[0]
    assert one.cookies[settings.CSRF_COOKIE_NAME].value
    started = fields(one, STARTED_FIELD)[0]
    assert 0 <= form_age(started) < 5  # shown just now, not when the page was cached
    # Posted a minute later (the form refuses faster posts), with the token of the page.
    data = form_data(csrfmiddlewaretoken=fields(one, CSRF_FIELD)[0])
    assert first.post("/en/articles/topic/questions/", data).status_code == 302
    assert Question.objects.count() == 1


def test_a_token_from_another_readers_page_is_refused():
    make_article("topic")
    Client().get("/en/articles/topic/")
    reader, other = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    reader.get("/en/articles/topic/")
    others_token = fields(other.get("/en/articles/topic/"), CSRF_FIELD)[0]
    data = form_data(csrfmiddlewaretoken=others_token)
    assert reader.post("/en/articles/topic/questions/", data).status_code == 403
    assert Question.objects.count() == 0


def test_reader_with_a_session_sees_their_pending_question(client):
    article = make_article("topic")
    Client().get("/en/articles/topic/")  # a shared copy exists
    client.post("/en/articles/topic/questions/", form_data(body="Can I still swim at 30 weeks?"))
    assert Question.objects.filter(article=article).exists()
    assert settings.SESSION_COOKIE_NAME in client.cookies
    html = client.get("/en/articles/topic/").content.decode()
    assert "swim at 30 weeks" in html  # their own question, awaiting review
    assert "swim at 30 weeks" not in Client().get("/en/articles/topic/").content.decode()


def test_a_pending_message_is_never_served_from_or_stored_in_the_shared_copy():
    make_article("topic")
    Client().get("/en/articles/topic/")
    reader = Client()
    reader.cookies["messages"] = "anything"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(cache, "get_many", _fail)
        assert reader.get("/en/articles/topic/").status_code == 200


def _fail(*args, **kwargs):
    raise AssertionError("the shared cache was consulted")


def test_approved_question_shows_on_the_next_request(django_capture_on_commit_callbacks):
    article = make_article("topic")
    question = make_question(article, body="Can I still swim at 30 weeks?")
    assert "swim at 30 weeks" not in Client().get("/en/articles/topic/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        question_services.approve(question, make_midwife())
    assert "swim at 30 weeks" in Client().get("/en/articles/topic/").content.decode()


def test_recording_a_review_updates_the_article_and_the_home_page(
    django_capture_on_commit_callbacks,
):
    article = make_article("topic", title="Cervical insufficiency")
    Client().get("/en/articles/topic/")
    Client().get("/en/")
    with django_capture_on_commit_callbacks(execute=True):
        review(article, days_ago=0)
    today = timezone.localdate().strftime("%-d %B %Y")
    assert f"Last reviewed: {today}" in Client().get("/en/articles/topic/").content.decode()
    home = Client().get("/en/").content.decode()
    assert "Cervical insufficiency" in home.split('id="recent-heading"')[1]


def test_a_newly_published_article_appears_in_every_list(django_capture_on_commit_callbacks):
    category = make_category("labour")
    make_article("first", title="Anaemia", category=category)
    pages = ["/en/", "/en/categories/labour/", "/en/a-z/?letter=A", "/es/a-z/?letter=A"]
    for page in pages:
        Client().get(page)
    with django_capture_on_commit_callbacks(execute=True):
        make_article("second", title="Amniotic fluid", category=category)
    for page in pages[:3]:
        assert "Amniotic fluid" in Client().get(page).content.decode(), page


def test_renaming_a_category_updates_the_menu_on_shared_article_pages(
    django_capture_on_commit_callbacks,
):
    category = make_category("labour", names={"en": "Labour"})
    make_article("topic", category=category)
    assert ">Labour</a>" in Client().get("/en/articles/topic/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        category.translations.filter(language="en").update(name="Giving birth")
        for name in category.translations.all():
            name.save()
    assert ">Giving birth</a>" in Client().get("/en/articles/topic/").content.decode()


def test_a_list_changes_when_a_scheduled_article_goes_up(
    monkeypatch, django_capture_on_commit_callbacks
):
    from healthinfo.services import run_schedule, schedule_publication

    publish_at = timezone.now() + timedelta(minutes=30)
    later = make_reviewed_article("later", title="Amniotic fluid")
    schedule_publication(later, publish_at)
    make_article("now", title="Anaemia")
    assert "Amniotic fluid" not in Client().get("/en/a-z/").content.decode()
    monkeypatch.setattr(timezone, "now", lambda: publish_at + timedelta(seconds=1))
    with django_capture_on_commit_callbacks(execute=True):
        run_schedule()
    assert "Amniotic fluid" in Client().get("/en/a-z/").content.decode()


def test_pages_are_rebuilt_the_next_day(monkeypatch, django_assert_max_num_queries):
    make_article("topic")
    Client().get("/en/articles/topic/")
    tomorrow = timezone.now() + timedelta(days=1)
    monkeypatch.setattr(timezone, "now", lambda: tomorrow)
    with django_assert_max_num_queries(8) as queries:
        Client().get("/en/articles/topic/")
    assert len(queries) > 0


@pytest.mark.parametrize(
    "query",
    ["?page=2", "?utm_source=x", "?page=999999", "?page=abc", "?letter=%C3%89", "?letter=AB"],
)
def test_unknown_or_out_of_range_queries_are_never_stored(query, stored_pages):
    category = make_category("labour")
    make_article("topic", title="Anaemia", category=category)
    for path in ("/en/categories/labour/", "/en/a-z/", "/en/articles/topic/"):
        assert Client().get(path + query).status_code == 200
    assert stored_pages == []


@pytest.fixture
def stored_pages(monkeypatch):
    """The keys of the shared pages stored from now on."""
    keys = []
    set_in_cache = cache.set

    def recording_set(key, *args, **kwargs):
        if key.startswith("shared-page:"):
            keys.append(key)
        return set_in_cache(key, *args, **kwargs)

    monkeypatch.setattr(cache, "set", recording_set)
    return keys


def test_plain_requests_are_stored(stored_pages):
    make_category("labour")
    make_article("topic", title="Anaemia", category=make_category("birth"))
    for path in ("/en/", "/en/categories/birth/", "/en/a-z/?letter=A", "/en/articles/topic/"):
        assert Client().get(path).status_code == 200
    assert len(stored_pages) == 4


def test_the_cache_being_down_still_serves_pages(monkeypatch):
    make_article("topic", title="Cervical insufficiency")

    def down(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(cache, "get_many", down)
    response = Client().get("/en/articles/topic/")
    assert response.status_code == 200
    assert "Cervical insufficiency" in response.content.decode()


def test_not_found_is_not_shared(stored_pages):
    assert Client().get("/en/articles/missing/").status_code == 404
    assert stored_pages == []


def test_head_request_gets_the_headers_only():
    make_article("topic")
    Client().get("/en/articles/topic/")
    response = Client().head("/en/articles/topic/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")


def test_a_rendering_kept_private_still_gets_the_readers_own_values(rf):
    request = rf.get("/en/")

    def render():
        shared_render(request).keep_private()
        return HttpResponse(f'<input name="csrfmiddlewaretoken" value="{CSRF_PLACEHOLDER}">')

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(cache, "set", _fail)  # nothing is stored
        response = serve(request, render, variant="private")
    assert CSRF_PLACEHOLDER not in response.content.decode()
    assert fields(response, CSRF_FIELD)
