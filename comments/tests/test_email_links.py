"""
Links in the emails about questions lead to the address the site is used at:
the request that started the job (captured when it is enqueued, since the job
runs later with no request), or SITE_URL / its fallback for the scheduled digest.
"""

import re

import pytest
from django.core.management import call_command

from comments.models import Question
from comments.tests.factories import form_data, make_midwife, make_question
from healthinfo.tests.factories import make_article

pytestmark = pytest.mark.django_db

# A development server started with `PORT=8765 make run`.
HOST = "127.0.0.1:8765"
SITE = f"http://{HOST}"


@pytest.fixture(autouse=True)
def _development(settings, monkeypatch):
    settings.SITE_URL = ""
    monkeypatch.delenv("PORT", raising=False)


@pytest.fixture
def article():
    return make_article("stitch", title="Cervical stitch")


def links_in(body):
    return re.findall(r"https?://\S+", body)


def test_the_answer_email_links_to_the_address_the_midwife_replied_on(
    client, article, mailoutbox, django_capture_on_commit_callbacks
):
    question = make_question(article, email="sam@example.org")
    client.force_login(make_midwife("midwife"))
    # The job runs when the callbacks do: after the request has ended.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/comments/question/{question.pk}/change/",
            {"_approve_and_reply": "", "reply": "Please call your unit today."},
            headers={"host": HOST},
        )
    assert response.status_code == 302
    [message] = mailoutbox
    thread, forget, delete = links_in(message.body)
    assert thread == f"{SITE}/en/questions/{question.pk}/"
    assert forget.startswith(f"{SITE}/en/questions/forget-email/")
    assert delete.startswith(f"{SITE}/en/questions/delete/")
    # The links work on that address.
    assert client.get(thread.removeprefix(SITE), headers={"host": HOST}).status_code in (200, 302)


def test_the_answer_email_uses_site_url_in_production(
    client, article, mailoutbox, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://health.example.org"
    question = make_question(article, email="sam@example.org")
    client.force_login(make_midwife("midwife"))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/admin/comments/question/{question.pk}/change/",
            {"_approve_and_reply": "", "reply": "Please call your unit today."},
            headers={"host": HOST},
        )
    links = links_in(mailoutbox[0].body)
    assert links and all(link.startswith("https://health.example.org/") for link in links)


def test_the_urgent_alert_links_to_the_address_the_reader_asked_on(
    client, article, mailoutbox, django_capture_on_commit_callbacks
):
    make_midwife("midwife")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/en/articles/stitch/questions/",
            form_data(body="I am bleeding a lot, what should I do?"),
            headers={"host": HOST},
        )
    question = Question.objects.get()
    assert question.is_urgent
    [message] = mailoutbox
    assert links_in(message.body) == [f"{SITE}/admin/comments/question/{question.pk}/change/"]


def test_the_digest_links_to_site_url_or_the_development_servers_port(
    article, mailoutbox, settings, monkeypatch
):
    settings.DEBUG = True
    monkeypatch.setenv("PORT", "8765")
    make_midwife("midwife")
    question = make_question(article)
    call_command("notify_moderators", verbosity=0)
    assert links_in(mailoutbox[0].body) == [
        f"{SITE}/admin/comments/question/{question.pk}/change/",
        f"{SITE}/admin/comments/question/",
    ]


def test_the_digest_uses_site_url_in_production(article, mailoutbox, settings):
    settings.SITE_URL = "https://health.example.org"
    make_midwife("midwife")
    make_question(article)
    call_command("notify_moderators", verbosity=0)
    links = links_in(mailoutbox[0].body)
    assert links and all(link.startswith("https://health.example.org/admin/") for link in links)
