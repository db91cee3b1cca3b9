"""
Readers without a session get a kept shared page before the rest of the stack runs
(``healthinfo.shared_pages.SharedPageMiddleware``): the same answer, headers included.
"""

import time

import pytest
from django.test import Client
from django.utils import timezone

from comments import services as question_services
from comments.tests.factories import form_data, make_midwife, make_question
from healthinfo import shared_pages
from healthinfo.models import ArticleTranslation
from healthinfo.pagecache.models import CacheGeneration
from healthinfo.shared_pages import local_pages
from healthinfo.tests.factories import make_article

pytestmark = pytest.mark.django_db

PAGE = "/en/articles/topic/"


class _Purger:
    def purge(self, tags):
        pass


@pytest.fixture
def production(settings):
    """The security headers of production (HSTS on answers over HTTPS)."""
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True


@pytest.fixture
def stack_runs(monkeypatch):
    """Counts the answers that went through the stack down to the view's ``serve``."""
    calls = []
    serve = shared_pages.serve

    def counting(request, *args, **kwargs):
        calls.append(request.path)
        return serve(request, *args, **kwargs)

    monkeypatch.setattr(shared_pages, "serve", counting)
    return calls


def _headers(response):
    return dict(response.items())


def _kept_page(path=PAGE, **extra):
    """The page rendered for everyone; the stack's answer to it is kept."""
    response = Client().get(path, **extra)
    assert response.status_code == 200
    return response


@pytest.fixture
def through_the_stack(monkeypatch):
    """A request answered by the whole stack, as before the kept answers (the reference)."""

    def get(path=PAGE, **extra):
        with monkeypatch.context() as patch:
            patch.setattr(shared_pages, "replay", lambda request: None)
            return Client().get(path, **extra)

    return get


def test_the_kept_answer_is_the_stack_answer_header_for_header(
    committed, production, stack_runs, through_the_stack
):
    committed(make_article, "topic", title="Cervical insufficiency")
    _kept_page(secure=True)
    full = through_the_stack(secure=True)
    assert stack_runs == [PAGE, PAGE]
    replayed = Client().get(PAGE, secure=True)
    assert stack_runs == [PAGE, PAGE]  # answered before the stack
    assert replayed.status_code == 200
    assert replayed.content == full.content
    assert _headers(replayed) == _headers(full)
    # What the stack's middleware added is there, not only what serve() set.
    for name in (
        "Content-Security-Policy",
        "Strict-Transport-Security",
        "X-Frame-Options",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Cross-Origin-Opener-Policy",
        "Content-Language",
        "X-Cache-Tags",
    ):
        assert replayed[name] == full[name]
    assert replayed["Vary"] == "Cookie"
    assert replayed["Cache-Control"].startswith("public, max-age=0, s-maxage=")
    assert not replayed.cookies


def test_over_plain_http_no_hsts_as_on_the_full_path(
    committed, production, stack_runs, through_the_stack
):
    committed(make_article, "topic")
    _kept_page(secure=True)
    full = through_the_stack()  # another scheme: its own answer, kept by the stack
    assert len(stack_runs) == 2
    replayed = Client().get(PAGE)
    assert len(stack_runs) == 2
    assert "Strict-Transport-Security" not in replayed
    assert _headers(replayed) == _headers(full)


def test_head_gets_the_same_headers(committed, stack_runs, through_the_stack):
    committed(make_article, "topic")
    _kept_page()
    full = through_the_stack()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(shared_pages, "replay", lambda request: None)
        full_head = Client().head(PAGE)
    replayed = Client().head(PAGE)
    assert len(stack_runs) == 3
    assert _headers(replayed) == _headers(full) == _headers(full_head)


def test_each_language_keeps_its_own_answer(committed, stack_runs):
    committed(make_article, "topic")
    english = _kept_page("/en/")
    spanish = _kept_page("/es/")
    assert english["Content-Language"] == "en" and spanish["Content-Language"] == "es"
    again_en, again_es = Client().get("/en/"), Client().get("/es/")
    assert len(stack_runs) == 2
    assert again_en.content == english.content and again_en["Content-Language"] == "en"
    assert again_es.content == spanish.content and again_es["Content-Language"] == "es"
    assert '<html lang="es">' in again_es.content.decode()
    # A browser asking for Spanish on an English address gets the English page.
    assert Client().get("/en/", HTTP_ACCEPT_LANGUAGE="es").content == english.content


@pytest.mark.parametrize("cookie", ["reader", "sessionid", "messages"])
def test_readers_with_their_own_cookie_go_through_the_stack(committed, stack_runs, cookie):
    committed(make_article, "topic")
    _kept_page()
    reader = Client()
    reader.cookies[cookie] = "anything"
    response = reader.get(PAGE)
    assert len(stack_runs) == 2  # serve() filled her slots (or rendered for her)
    assert response["Cache-Control"] == "private, max-age=0"
    assert "X-Cache-Tags" not in response


def test_a_reader_who_asked_still_sees_her_question(committed, stack_runs):
    article = committed(make_article, "topic")
    _kept_page()
    reader = Client()
    posted = committed(
        reader.post, f"{PAGE}questions/", form_data(body="Can I still swim at 30 weeks?")
    )
    assert posted.status_code == 302 and article.questions.exists()
    assert "swim at 30 weeks" in reader.get(PAGE).content.decode()
    assert "swim at 30 weeks" not in Client().get(PAGE).content.decode()


def test_a_query_string_or_another_host_is_not_the_kept_answer(committed, stack_runs, settings):
    committed(make_article, "topic")
    _kept_page()
    # Rendered for this request alone (the view sees no variant it knows).
    response = Client().get(f"{PAGE}?utm_source=tv")
    assert "s-maxage" not in response.get("Cache-Control", "")
    settings.ALLOWED_HOSTS = ["testserver"]
    assert Client().get(PAGE, HTTP_HOST="evil.example").status_code == 400


def test_a_change_shows_at_once(committed, stack_runs):
    article = committed(make_article, "topic")
    question = committed(make_question, article, body="Is swimming safe at 30 weeks?")
    _kept_page()
    assert "swimming safe" not in Client().get(PAGE).content.decode()
    committed(question_services.approve, question, make_midwife())
    assert "swimming safe" in Client().get(PAGE).content.decode()


def test_a_change_from_another_process_shows_within_the_recheck_time(committed, settings):
    settings.SHARED_PAGE_RECHECK_SECONDS = 0.2
    article = committed(make_article, "topic", title="Cervical insufficiency")
    _kept_page()
    [entry] = local_pages._entries.values()
    # Another app server's change: the title and the tokens rewritten, this process not told.
    ArticleTranslation.objects.filter(article=article).update(title="Weak cervix")
    for key in entry.generations:
        CacheGeneration.objects.update_or_create(
            key=key, defaults={"token": "elsewhere", "changed_at": timezone.now()}
        )
    time.sleep(0.25)
    html = Client().get(PAGE).content.decode()
    assert '<h1 id="article-title">Weak cervix</h1>' in html


def test_the_replay_asks_the_database_as_serve_does(committed, django_assert_num_queries):
    committed(make_article, "topic")
    _kept_page()
    with django_assert_num_queries(1) as queries:
        assert Client().get(PAGE).status_code == 200
    assert "pagecache_cachegeneration" in queries.captured_queries[0]["sql"]


def test_with_recent_tokens_no_query(committed, settings, django_assert_num_queries):
    settings.SHARED_PAGE_RECHECK_SECONDS = 0.5
    committed(make_article, "topic")
    _kept_page()
    Client().get(PAGE)  # reads the tokens (the render read them inside its own query)
    with django_assert_num_queries(0):
        assert Client().get(PAGE).status_code == 200


def test_with_an_http_cache_in_front_recent_tokens_too(
    committed, settings, django_assert_num_queries
):
    # A copy the HTTP cache fetches on the previous tokens is purged again after
    # the recheck time (test_http_cache): no query for each answer.
    settings.SHARED_PAGE_RECHECK_SECONDS = 0.5
    settings.HTTP_CACHE_PURGER = {"BACKEND": f"{__name__}._Purger"}
    committed(make_article, "topic")
    _kept_page()
    Client().get(PAGE)
    with django_assert_num_queries(0):
        assert Client().get(PAGE).status_code == 200


def test_cache_control_is_worked_out_for_each_answer(committed, settings, stack_runs):
    # Longer than the rest of the day: each answer stops at midnight, counted from its moment.
    settings.HTTP_CACHE_SECONDS = 3 * 24 * 3600
    committed(make_article, "topic")
    full = _kept_page()
    time.sleep(1.1)
    replayed = Client().get(PAGE)
    assert len(stack_runs) == 1
    before = int(full["Cache-Control"].rsplit("=", 1)[1])
    after = int(replayed["Cache-Control"].rsplit("=", 1)[1])
    assert after < before <= 24 * 3600


def test_an_answer_goes_with_its_page(committed, stack_runs):
    committed(make_article, "topic")
    _kept_page()
    [(key, entry)] = list(local_pages._entries.items())
    assert local_pages.answers_for(PAGE)
    local_pages.put(key, shared_pages.Entry(**{**entry.__dict__, "built_at": None}))
    assert not local_pages.answers_for(PAGE)
    Client().get(PAGE)
    assert len(stack_runs) == 2  # the new copy's answer, through the stack again
    local_pages.clear()
    assert local_pages.answers_for(PAGE) is None


def test_one_page_under_many_query_strings_keeps_a_bounded_number_of_answers(committed):
    committed(make_article, "topic")
    for number in range(3 * shared_pages.ANSWERS_PER_PAGE):
        response = Client().get("/en/", {"untranslated": number})  # one page, many spellings
        assert response["Cache-Control"].startswith("public, ")
    assert len(local_pages.answers_for("/en/")) == shared_pages.ANSWERS_PER_PAGE


def test_without_local_pages_nothing_is_kept(committed, settings, stack_runs):
    settings.SHARED_PAGE_LOCAL_BYTES = 0
    committed(make_article, "topic")
    _kept_page()
    Client().get(PAGE)
    assert len(stack_runs) == 2


def test_the_floor_is_not_kept(stack_runs):
    Client().get("/healthz")
    assert local_pages.answers_for("/healthz") is None
