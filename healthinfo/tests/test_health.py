"""The load balancers' health check is cheap and reachable over plain HTTP."""

import pytest


@pytest.mark.django_db
def test_health_check_answers_ok_without_any_query(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response.headers["Content-Type"].startswith("text/plain")


def test_health_check_is_never_cached_and_sets_no_cookie(client):
    response = client.get("/healthz")
    assert "no-cache" in response.headers["Cache-Control"]
    assert not response.cookies
    assert "Cookie" not in response.headers.get("Vary", "")


def test_health_check_refuses_writes(client):
    assert client.post("/healthz").status_code == 405


@pytest.mark.django_db
def test_health_check_is_exempt_from_the_https_redirect(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/en/").status_code == 301
    assert client.get("/healthz").status_code == 200
