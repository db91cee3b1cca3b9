"""Production settings refuse unsafe values and pass Django's deployment checks."""

import subprocess
import sys

import pytest
from django.conf import settings

from healthinfo.tests.processes import STRONG_KEY, clean_env


def run_manage(*args, **env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=clean_env(**env),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_with_the_development_secret_key():
    result = run_manage("check", DJANGO_DEBUG="0", DJANGO_ALLOWED_HOSTS="health.example.org")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_manage("check", DJANGO_DEBUG="0", DJANGO_SECRET_KEY=STRONG_KEY)
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS" in result.stderr


def test_deployment_checks_report_no_issues_with_production_variables():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=STRONG_KEY,
        DJANGO_ALLOWED_HOSTS="health.example.org",
        SITE_URL="https://health.example.org",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


@pytest.mark.django_db
def test_pages_send_a_content_security_policy_that_allows_no_other_host(client):
    response = client.get("/en/")
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "http" not in policy.replace("'self'", "")
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_root_redirects_to_a_language_prefix(client):
    response = client.get("/", headers={"accept-language": "es"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/es/"


@pytest.mark.django_db
def test_pages_never_reference_another_host(client):
    body = client.get("/en/").content.decode()
    for attribute in ('src="http', 'href="http'):
        assert attribute not in body.replace('href="http://testserver', "")
