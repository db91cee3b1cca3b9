"""Addresses, query strings and cookies no browser sends get a 400, never a 500."""

import io
import logging

import pytest
from django.test import Client

from healthinfo.tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def client():
    # Errors must show as the status the reader gets, not as a test exception.
    return Client(raise_request_exception=False)


@pytest.mark.parametrize(
    "path",
    [
        "/en/reviews/calendar/%00.ics",
        "/en/articles/a%00b/questions/",
        "/admin/comments/question/%00/change/",
        "/en/%01/",
        "/admin/login/%00",
    ],
)
def test_a_control_character_in_the_path_answers_400_with_the_friendly_page(client, path):
    response = client.get(path)
    assert response.status_code == 400
    assert "We could not understand that address" in response.content.decode()


@pytest.mark.parametrize(
    "path",
    ["/en/search/?q=a%00b", "/admin/comments/question/?q=%00", "/en/a-z/?letter=%00"],
)
def test_a_nul_byte_in_the_query_string_answers_400(client, path):
    make_user("midwife", superuser=True)
    client.login(username="midwife", password="pw")
    assert client.get(path).status_code == 400


@pytest.mark.parametrize(
    "path", ["/en/", "/en/articles/topic/", "/admin/", "/admin/login/", "/en/search/?q=cervix"]
)
def test_a_session_cookie_holding_a_nul_byte_answers_400_and_is_expired(client, path):
    make_article("topic", title="Weak cervix")
    client.cookies["sessionid"] = "abc\x00defghijklmnopqrstuvwxyz012345"
    response = client.get(path)
    assert response.status_code == 400
    assert "Your browser sent damaged data" in response.content.decode()
    assert response.cookies["sessionid"]["max-age"] == 0  # the browser forgets it
    # ... so the reload works.
    assert client.get(path).status_code in (200, 302)


def test_only_the_damaged_cookies_are_expired(client):
    user = make_user("editor", superuser=True)
    client.force_login(user)
    client.cookies["django_language"] = "es\x00"
    client.cookies["csrftoken"] = "\x00" * 32
    response = client.get("/admin/")
    assert response.status_code == 400
    assert set(response.cookies) == {"django_language", "csrftoken"}
    response = client.get("/admin/")
    assert response.status_code == 200  # the session cookie still counts


def test_a_damaged_cookie_is_refused_in_spanish_too(client):
    client.cookies["x"] = "\x01"
    response = client.get("/es/")
    assert response.status_code == 400
    assert "Su navegador ha enviado datos dañados" in response.content.decode()
    assert client.get("/es/%00/").content.decode().count("No hemos podido entender") == 1


def test_a_session_key_that_is_not_letters_and_digits_is_no_session():
    from healthinfo.sessions import SessionStore

    assert SessionStore("abcdefgh\x00ijklmnop").load() == {}
    assert SessionStore("abcdefgh\x00ijklmnop").session_key is None


def test_a_disallowed_host_logs_one_line_without_a_traceback(client):
    handler = logging.getLogger("django.security").handlers[0]
    stream = io.StringIO()
    previous = handler.setStream(stream)
    try:
        response = client.get("/en/", HTTP_HOST="evil.example")
    finally:
        handler.setStream(previous)
    assert response.status_code == 400
    output = stream.getvalue()
    assert "Invalid HTTP_HOST header: 'evil.example'" in output
    assert output.count("\n") == 1 and "Traceback" not in output


def test_a_body_over_djangos_own_limit_on_an_admin_form_logs_one_line(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    handler = logging.getLogger("django.security").handlers[0]
    stream = io.StringIO()
    previous = handler.setStream(stream)
    try:
        response = client.post("/admin/login/", {"username": "x" * 5000, "password": "y"})
    finally:
        handler.setStream(previous)
    assert response.status_code == 400
    output = stream.getvalue()
    assert "exceeded settings.DATA_UPLOAD_MAX_MEMORY_SIZE" in output
    assert output.count("\n") == 1 and "Traceback" not in output
