"""While the database is unreachable readers get a friendly 503 page, never a traceback."""

import logging
from contextlib import contextmanager

import pytest
from django.conf import settings as django_settings
from django.db import InterfaceError, OperationalError, connection
from django.test import Client

from healthinfo.tests.factories import make_article

pytestmark = pytest.mark.django_db

REFUSED = (
    'connection to server at "127.0.0.1", port 5432 failed: Connection refused\n'
    "\tIs the server running on that host and accepting TCP/IP connections?"
)


@contextmanager
def database_down(error=None):
    """Every query fails the way it does when PostgreSQL is stopped."""

    def refuse(execute, sql, params, many, context):
        raise error or OperationalError(REFUSED)

    with connection.execute_wrapper(refuse):
        yield


def test_database_outage_answers_503_with_retry_after_and_a_friendly_page(client):
    make_article("preeclampsia", title="Preeclampsia")
    with database_down():
        response = client.get("/en/articles/preeclampsia/")
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "30"
    html = response.content.decode()
    assert "Sorry, this page is not available right now" in html
    assert "maternity unit" in html
    assert "Traceback" not in html and "OperationalError" not in html and "5432" not in html


def test_database_outage_page_is_in_the_readers_language(client):
    with database_down():
        html = client.get("/es/").content.decode()
    assert 'lang="es"' in html
    assert "Lo sentimos, esta página no está disponible en este momento" in html


def test_database_outage_page_is_never_cached(client):
    with database_down():
        response = client.get("/en/")
    assert "no-store" in response.headers["Cache-Control"]


def test_lost_connection_also_answers_503(client):
    with database_down(InterfaceError("connection already closed")):
        assert client.get("/en/").status_code == 503


def test_database_outage_is_logged_in_one_line_without_the_traceback(client, caplog):
    with caplog.at_level(logging.ERROR, logger="healthinfo.database"), database_down():
        client.get("/en/search/?q=anaemia")
    (record,) = [r for r in caplog.records if r.name == "healthinfo.database"]
    assert "GET /en/search/" in record.getMessage()
    assert "Connection refused" in record.getMessage()
    assert record.exc_info is None


def test_pages_are_served_again_as_soon_as_the_database_is_back(client):
    make_article("anaemia", title="Anaemia in pregnancy")
    with database_down():
        assert client.get("/en/articles/anaemia/").status_code == 503
    assert client.get("/en/articles/anaemia/").status_code == 200


def test_other_errors_get_the_friendly_500_page_without_a_traceback():
    def fail(execute, sql, params, many, context):
        raise RuntimeError("a bug")

    client = Client(raise_request_exception=False)
    with connection.execute_wrapper(fail):
        response = client.get("/en/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong" in html
    assert "RuntimeError" not in html and "Traceback" not in html


def test_developers_see_the_technical_error_page_with_debug_on(client, settings):
    settings.DEBUG = True
    with database_down(), pytest.raises(OperationalError):
        client.get("/en/")


def test_dead_database_connections_are_replaced_at_the_next_request():
    assert django_settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True


def test_session_lost_with_the_database_is_an_outage_not_an_interrupted_session(monkeypatch):
    """Django would answer 400 "session interrupted"; the outage must reach the 503 page."""
    from django.contrib.sessions.models import Session

    from healthinfo.sessions import SessionStore

    store = SessionStore()
    store["pending_questions"] = [1]
    store.save()

    def refuse(*args, **kwargs):
        raise OperationalError(REFUSED)

    monkeypatch.setattr(Session, "save", refuse)
    store["pending_questions"] = [1, 2]
    with pytest.raises(OperationalError):
        store.save()


def test_outage_raised_outside_a_view_gets_the_503_page(rf):
    """handler500 also sees exceptions from middleware (such as the session save)."""
    from healthinfo.views.errors import server_error

    try:
        raise OperationalError(REFUSED)
    except OperationalError:
        response = server_error(rf.get("/en/"))
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "30"
    try:
        raise RuntimeError("a bug")
    except RuntimeError:
        assert server_error(rf.get("/en/")).status_code == 500
