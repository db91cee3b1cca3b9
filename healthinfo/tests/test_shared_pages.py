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
from comments.models import Question
from comments.tests.factories import form_data, make_midwife, make_question
from comments.tokens import form_age
from healthinfo.pagecache import generations
from healthinfo.shared_pages import serve, shared_render
from healthinfo.tests.factories import make_article, make_category, make_reviewed_article, review

pytestmark = pytest.mark.django_db

CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
STARTED_FIELD = re.compile(r'name="started" value="([^"]+)"')


def fields(response, pattern):
    return pattern.findall(response.content.decode())


def test_second_reader_gets_the_article_with_one_query_its_generations(
    client, django_assert_num_queries
):
    make_article("topic", title="Cervical insufficiency")
    assert client.get("/en/articles/topic/").status_code == 200
    with django_assert_num_queries(1) as queries:
        response = Client().get("/en/articles/topic/")
    assert "pagecache_cachegeneration" in queries.captured_queries[0]["sql"]
    assert response.status_code == 200
    assert "Cervical insufficiency" in response.content.decode()


def test_anonymous_pages_carry_no_value_of_any_reader():
    make_article("topic")
    first = Client().get("/en/articles/topic/")  # the rendering that fills the cache
    second = Client().get("/en/articles/topic/")  # a hit
    assert first.content == second.content
    for response in (first, second):
        html = response.content.decode()
        assert not CSRF_FIELD.findall(html)
        assert fields(response, STARTED_FIELD) in ([], [""])
        assert not response.cookies
        assert html.count("data-reader-tokens") == 2  # the feedback and question forms


def test_anonymous_pages_tell_http_caches_they_may_keep_them():
    make_article("topic")
    for response in (Client().get("/en/articles/topic/"), Client().get("/en/articles/topic/")):
        assert response["Cache-Control"].startswith("public, max-age=0, s-maxage=")
        assert int(response["Cache-Control"].rsplit("=", 1)[1]) > 0
        assert "Cookie" in response["Vary"]
        assert "content-generation" in response["X-Cache-Tags"].split(",")


def test_each_reader_gets_their_own_tokens_and_can_post():
    make_article("topic")
    Client().get("/en/articles/topic/")  # fills the cache
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.get("/en/articles/topic/")
    one = first.get("/en/forms/tokens/")
    two = second.get("/en/forms/tokens/")
    assert one["Cache-Control"] == "private, no-store"
    assert one.json()["csrfmiddlewaretoken"] != two.json()["csrfmiddlewaretoken"]
    assert first.cookies[settings.CSRF_COOKIE_NAME].value
    assert 0 <= form_age(one.json()["started"]) < 5  # asked just now, not when cached
    # Posted a minute later (the form refuses faster posts), with the reader's own token.
    data = form_data(csrfmiddlewaretoken=one.json()["csrfmiddlewaretoken"])
    assert first.post("/en/articles/topic/questions/", data).status_code == 302
    assert Question.objects.count() == 1


def test_a_token_from_another_readers_page_is_refused():
    make_article("topic")
    Client().get("/en/articles/topic/")
    reader, other = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    reader.get("/en/forms/tokens/")
    others_token = other.get("/en/forms/tokens/").json()["csrfmiddlewaretoken"]
    data = form_data(csrfmiddlewaretoken=others_token)
    assert reader.post("/en/articles/topic/questions/", data).status_code == 403
    assert Question.objects.count() == 0


def test_without_javascript_each_form_is_one_click_away():
    make_article("topic")
    html = Client().get("/en/articles/topic/").content.decode()
    assert 'href="/en/articles/topic/questions/#ask-form"' in html
    assert 'href="/en/articles/topic/feedback/"' in html
    ask = Client().get("/en/articles/topic/questions/")
    assert CSRF_FIELD.findall(ask.content.decode()) and fields(ask, STARTED_FIELD)[0]
    feedback = Client().get("/en/articles/topic/feedback/")
    assert feedback.status_code == 200 and CSRF_FIELD.findall(feedback.content.decode())


def test_reader_who_asked_sees_their_pending_question(client):
    article = make_article("topic")
    Client().get("/en/articles/topic/")  # a shared copy exists
    client.post("/en/articles/topic/questions/", form_data(body="Can I still swim at 30 weeks?"))
    assert Question.objects.filter(article=article).exists()
    assert settings.READER_STATE_COOKIE_NAME in client.cookies
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
        # The A-Z lists only A: "É" (E) and "AB" are no letter of it.
        expected = 404 if path == "/en/a-z/" and "letter" in query else 200
        assert Client().get(path + query).status_code == expected
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


def test_a_rendering_kept_private_is_not_stored_and_not_for_http_caches(rf):
    request = rf.get("/en/")

    def render():
        shared_render(request).keep_private()
        return HttpResponse("<p>page 2 of 1</p>")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(cache, "set", _fail)  # nothing is stored
        response = serve(request, render, variant="private")
    assert response["Cache-Control"].startswith("private")


def test_a_reader_with_a_session_gets_the_shared_page_with_her_own_parts(
    client, django_assert_max_num_queries
):
    make_article("topic")
    Client().get("/en/articles/topic/")  # the shared copy
    client.post("/en/articles/topic/feedback/", {"useful": "yes"})
    client.post("/en/articles/topic/questions/", form_data(body="Can I still swim at 30 weeks?"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("healthinfo.views.public.cached_content", _fail)  # no page rendering
        # Her session, her questions awaiting review, the page's cache generations.
        with django_assert_max_num_queries(3):
            html = client.get("/en/articles/topic/").content.decode()
    assert "swim at 30 weeks" in html and "Awaiting review" in html
    assert "Thank you for your feedback" in html and 'name="useful"' not in html
    anonymous = Client().get("/en/articles/topic/").content.decode()
    assert "swim at 30 weeks" not in anonymous and 'name="useful"' in anonymous


def test_a_reader_with_an_urgent_question_gets_the_emergency_box_on_the_shared_page(client):
    make_article("topic")
    Client().get("/en/articles/topic/")
    client.post("/en/articles/topic/questions/", form_data(body="I am bleeding heavily, help"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("healthinfo.views.public.cached_content", _fail)
        html = client.get("/en/articles/topic/").content.decode()
    assert 'id="emergency"' in html and "bleeding heavily" in html


def test_a_message_is_shown_once_in_the_shared_page(client):
    article = make_article("topic")
    Client().get("/en/articles/topic/")
    client.post("/en/articles/topic/questions/", form_data(body="Can I still swim at 30 weeks?"))
    question = Question.objects.get(article=article)
    from comments.tokens import delete_token

    client.post(f"/en/questions/delete/{delete_token(question)}/")
    first = client.get("/en/articles/topic/").content.decode()
    assert "Your question has been deleted." in first
    assert (
        "Your question has been deleted." not in client.get("/en/articles/topic/").content.decode()
    )


def test_while_one_request_renders_a_changed_page_others_get_the_previous_copy_for_a_second(
    monkeypatch, settings
):
    from healthinfo.pagecache.generations import Generation

    article = make_article("topic", title="Cervical insufficiency")
    Client().get("/en/articles/topic/")
    question = make_question(article, body="Can I swim at 30 weeks?")
    question_services.approve(question, make_midwife())
    # Another request holds the render lock of every page.
    monkeypatch.setattr(cache, "add", lambda *args, **kwargs: False)
    monkeypatch.setattr(
        cache, "get", lambda key, *args, **kwargs: None if key.endswith(":rendering") else _get(key)
    )
    html = Client().get("/en/articles/topic/").content.decode()
    assert "swim at 30 weeks" not in html  # the previous copy, within the second
    changed = timezone.now() - timedelta(seconds=settings.SHARED_PAGE_GRACE_SECONDS + 1)
    real_current = generations.current

    def a_while_ago(keys):
        return {
            key: Generation(found.token, changed if found.changed_at else None)
            for key, found in real_current(keys).items()
        }

    monkeypatch.setattr("healthinfo.pagecache.generations.current", a_while_ago)
    # Later than that, nobody gets the previous copy: the renderer "gave up", so it renders.
    assert "swim at 30 weeks" in Client().get("/en/articles/topic/").content.decode()


_get = cache.get


def test_the_render_lock_is_released_only_once_the_page_is_stored(monkeypatch):
    make_article("topic")
    events = []
    real_set, real_delete = cache.set, cache.delete

    def recording_set(key, *args, **kwargs):
        if key.startswith("shared-page:"):
            events.append("stored")
        return real_set(key, *args, **kwargs)

    def recording_delete(key, *args, **kwargs):
        if key.endswith(":rendering"):
            events.append("released")
        return real_delete(key, *args, **kwargs)

    monkeypatch.setattr(cache, "set", recording_set)
    monkeypatch.setattr(cache, "delete", recording_delete)
    Client().get("/en/articles/topic/")
    assert events == ["stored", "released"]
