"""
Absolute links follow the site's address: the request's host and port when
SITE_URL is empty (development), SITE_URL in production; pages, JSON-LD,
citations, feeds and emails agree with the page's canonical address.
"""

import json
import re
from datetime import timedelta

import icalendar
import pytest
from django.core import mail
from django.test import RequestFactory
from django.utils import timezone

from healthinfo import checks, site_address
from healthinfo.models import Article
from healthinfo.reminders import send_review_reminders
from healthinfo.services import regenerate_calendar_token
from healthinfo.tests.factories import (
    add_translation,
    edit_draft,
    make_article,
    make_published_article,
    make_user,
)

pytestmark = pytest.mark.django_db

# A development server started with `PORT=8765 make run`.
HOST = "127.0.0.1:8765"
SITE = f"http://{HOST}"


@pytest.fixture(autouse=True)
def _development(settings, monkeypatch):
    """Development settings: no SITE_URL, and the default port of `make run` unless told."""
    settings.SITE_URL = ""
    monkeypatch.delenv("PORT", raising=False)


def canonical(page):
    return re.search(r'<link rel="canonical" href="([^"]+)"', page).group(1)


def structured_data(page):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    return json.loads(match.group(1))


# --- The address itself ---------------------------------------------------------


def test_without_site_url_a_request_gives_its_own_host_and_port():
    request = RequestFactory().get("/en/", headers={"host": HOST})
    assert site_address.for_request(request) == SITE


def test_site_url_wins_over_the_host_a_request_came_to(settings):
    settings.SITE_URL = "https://health.example.org"
    request = RequestFactory().get("/en/", headers={"host": HOST})
    assert site_address.for_request(request) == "https://health.example.org"


def test_a_tls_proxy_header_is_honoured_only_when_configured(settings):
    headers = {"host": "localhost", "x-forwarded-proto": "https"}
    assert site_address.for_request(RequestFactory().get("/", headers=headers)) == (
        "http://localhost"
    )
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    assert site_address.for_request(RequestFactory().get("/", headers=headers)) == (
        "https://localhost"
    )


def test_a_host_not_allowed_is_refused_not_linked_to(client):
    response = client.get("/en/", headers={"host": "evil.example.com"})
    assert response.status_code == 400
    assert b"evil.example.com" not in response.content


def test_without_a_request_development_uses_the_development_servers_port(settings, monkeypatch):
    settings.DEBUG = True
    assert site_address.current() == "http://127.0.0.1:8000"
    monkeypatch.setenv("PORT", "8765")
    assert site_address.current() == SITE


def test_without_a_request_production_uses_the_first_allowed_host_over_https(settings):
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = [".example.org", "health.example.org", "www.example.org"]
    assert site_address.current() == "https://health.example.org"
    settings.SITE_URL = "https://www.example.org"
    assert site_address.current() == "https://www.example.org"


# --- The system checks ------------------------------------------------------------


def test_a_malformed_site_url_is_an_error(settings):
    for wrong in ("health.example.org", "https://health.example.org/en", "ftp://example.org"):
        settings.SITE_URL = wrong
        assert [message.id for message in checks.check_site_url()] == ["healthinfo.E001"]
    settings.SITE_URL = "https://health.example.org"
    assert checks.check_site_url() == []


def test_production_without_site_url_says_which_address_emails_use(settings):
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["health.example.org"]
    [message] = checks.check_site_url_for_production()
    assert message.id == "healthinfo.I001"
    assert "https://health.example.org" in message.msg
    assert not message.is_serious()  # `make check` (--fail-level WARNING) passes


def test_production_without_site_url_or_a_single_host_is_warned(settings):
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = [".example.org"]
    assert [m.id for m in checks.check_site_url_for_production()] == ["healthinfo.W001"]


def test_production_site_url_over_http_or_on_another_host_is_warned(settings):
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["health.example.org"]
    settings.SITE_URL = "http://elsewhere.example.com"
    assert [m.id for m in checks.check_site_url_for_production()] == [
        "healthinfo.W002",
        "healthinfo.W003",
    ]
    settings.SITE_URL = "https://health.example.org"
    assert checks.check_site_url_for_production() == []


# --- Pages ------------------------------------------------------------------------


@pytest.fixture
def topic():
    article = make_article("cervical-insufficiency", title="Cervical insufficiency")
    add_translation(article, "es", title="Insuficiencia cervical")
    return article


def test_canonical_and_json_ld_use_the_requests_host_and_port(client, topic):
    page = client.get("/en/articles/cervical-insufficiency/", headers={"host": HOST})
    page = page.content.decode()
    data = structured_data(page)
    assert canonical(page) == f"{SITE}/en/articles/cervical-insufficiency/"
    assert data["@id"] == data["url"] == canonical(page)
    assert data["workTranslation"][0]["@id"] == f"{SITE}/es/articles/cervical-insufficiency/"
    assert 'content="http://127.0.0.1:8000' not in page


def test_one_hosts_address_never_reaches_a_page_served_on_another(client, topic):
    client.get("/en/articles/cervical-insufficiency/", headers={"host": HOST})  # now cached
    page = client.get("/en/articles/cervical-insufficiency/", headers={"host": "localhost:9000"})
    page = page.content.decode()
    assert canonical(page) == "http://localhost:9000/en/articles/cervical-insufficiency/"
    assert structured_data(page)["@id"] == canonical(page)
    assert HOST not in page


def test_with_site_url_pages_link_to_it_whatever_the_host(client, topic, settings):
    settings.SITE_URL = "https://health.example.org"
    page = client.get("/es/articles/cervical-insufficiency/", headers={"host": HOST})
    page = page.content.decode()
    assert canonical(page) == "https://health.example.org/es/articles/cervical-insufficiency/"
    assert structured_data(page)["@id"] == canonical(page)
    assert structured_data(page)["translationOfWork"]["@id"] == (
        "https://health.example.org/en/articles/cervical-insufficiency/"
    )


def test_cite_this_version_and_the_permalink_use_the_requests_address(client):
    article = make_published_article("miscarriage", title="Miscarriage")
    edit_draft(article, title="Pregnancy loss")
    page = client.get("/en/articles/miscarriage/versions/1/", headers={"host": HOST})
    page = page.content.decode()
    assert f"{SITE}/en/articles/miscarriage/versions/1/</code>" in page
    # The archived version points to the live page with the live page's own canonical address.
    live = client.get("/en/articles/miscarriage/", headers={"host": HOST}).content.decode()
    assert canonical(page) == canonical(live) == f"{SITE}/en/articles/miscarriage/"
    assert "127.0.0.1:8000" not in page


def test_cite_this_version_uses_site_url_in_production(client, settings):
    settings.SITE_URL = "https://health.example.org"
    make_published_article("miscarriage", title="Miscarriage")
    page = client.get("/en/articles/miscarriage/versions/1/", headers={"host": HOST})
    assert b"https://health.example.org/en/articles/miscarriage/versions/1/" in page.content
    assert HOST.encode() not in page.content


def test_the_atom_feed_robots_and_sitemap_link_to_site_url(client, topic, settings):
    settings.SITE_URL = "https://health.example.org"
    feed = client.get("/en/feed/", headers={"host": HOST}).content.decode()
    assert "https://health.example.org/en/articles/cervical-insufficiency/" in feed
    assert HOST not in feed
    robots = client.get("/robots.txt", headers={"host": HOST}).content.decode()
    assert "Sitemap: https://health.example.org/sitemap.xml" in robots
    sitemap = client.get("/sitemap-articles.xml", headers={"host": HOST}).content.decode()
    assert "<loc>https://health.example.org/en/articles/cervical-insufficiency/</loc>" in sitemap
    assert HOST not in sitemap


def test_the_atom_feed_follows_the_requests_address_in_development(client, topic):
    feed = client.get("/en/feed/", headers={"host": HOST}).content.decode()
    assert f"{SITE}/en/articles/cervical-insufficiency/" in feed


# --- The review calendar -----------------------------------------------------------


def test_the_calendar_feed_links_to_the_address_it_was_fetched_from(client):
    article = make_article(title="Gestational diabetes")
    Article.objects.filter(pk=article.pk).update(
        next_review_due=timezone.localdate() + timedelta(days=20)
    )
    token = regenerate_calendar_token(make_user(groups=["Editors"]))
    response = client.get(f"/en/reviews/calendar/{token.token}.ics", headers={"host": HOST})
    [event] = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event["url"]) == f"{SITE}/admin/healthinfo/article/{article.pk}/change/"
    assert str(event["uid"]).endswith(f"@{HOST}")


def test_the_admin_gives_the_calendar_address_on_the_admins_host(client):
    editor = make_user(groups=["Editors"])
    token = regenerate_calendar_token(editor)
    client.force_login(editor)
    page = client.get("/admin/healthinfo/reviewassignment/calendar/", headers={"host": HOST})
    assert page.status_code == 200
    assert f"{SITE}/en/reviews/calendar/{token.token}.ics".encode() in page.content


# --- Reminders (no request) ------------------------------------------------------------


def test_reminders_link_to_site_url_or_the_development_servers_port(
    settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.DEBUG = True
    monkeypatch.setenv("PORT", "8765")
    make_user("editor", groups=["Editors"])
    overdue = make_article(title="Overdue page")
    Article.objects.filter(pk=overdue.pk).update(
        next_review_due=timezone.localdate() - timedelta(days=3)
    )
    send_review_reminders()
    [message] = mail.outbox
    assert f"{SITE}/admin/healthinfo/article/{overdue.pk}/change/" in message.body
    assert f"{SITE}/admin/healthinfo/reviewassignment/" in message.body

    settings.SITE_URL = "https://health.example.org"
    send_review_reminders(today=timezone.localdate() + timedelta(days=1))
    assert "https://health.example.org/admin/healthinfo/article/" in mail.outbox[1].body
    assert HOST not in mail.outbox[1].body
