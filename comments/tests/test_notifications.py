"""Emails: one to the asker when answered, the urgent alert, and the daily digest to midwives."""

import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from comments import services
from comments.models import ModeratorDigest, Question
from comments.notifications import queue_moderator_digest
from comments.tests.factories import make_midwife, make_question
from healthinfo.outbox.delivery import deliver
from healthinfo.outbox.models import OutgoingEmail
from healthinfo.tests.factories import add_translation, make_article, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def midwife():
    return make_midwife("midwife")


@pytest.fixture
def article():
    article = make_article("stitch", title="Cervical stitch")
    add_translation(article, "es", title="Cerclaje")
    return article


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Run what services defer to the commit (emails, cache invalidation) at once."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def links_in(body):
    return re.findall(r"https?://\S+", body)


def test_the_asker_is_told_once_when_the_first_reply_is_published(
    article, midwife, mailoutbox, on_commit, settings
):
    settings.SITE_URL = "https://health.example.org"
    question = make_question(article, email="sam@example.org")
    with on_commit():
        services.approve_and_reply(question, midwife, "Please call your maternity unit.")
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["sam@example.org"]
    assert message.subject == "A midwife has answered your question"
    assert "“Cervical stitch”" in message.body
    thread, forget, delete = links_in(message.body)
    assert thread == f"https://health.example.org/en/questions/{question.pk}/"
    assert forget.startswith("https://health.example.org/en/questions/forget-email/")
    assert delete.startswith("https://health.example.org/en/questions/delete/")
    assert "Please call your maternity unit." not in message.body  # the answer is on the site
    question.refresh_from_db()
    assert question.notified_at is not None
    with on_commit():
        services.reply(question, midwife, "And one more thing.")
    assert len(mailoutbox) == 1


def test_nothing_is_sent_before_a_midwife_approves(article, midwife, mailoutbox, on_commit):
    with on_commit():
        question = services.submit_question(
            article=article, language="en", body="When can I swim?", email="sam@example.org"
        )
        services.reject(question, midwife)
    assert mailoutbox == []


def test_no_email_without_an_address(article, midwife, mailoutbox, on_commit):
    with on_commit():
        services.approve_and_reply(make_question(article), midwife, "Hello")
    assert mailoutbox == []


def test_a_spanish_asker_is_written_to_in_spanish(article, midwife, mailoutbox, on_commit):
    question = make_question(article, language="es", email="lucia@example.org")
    with on_commit():
        services.approve_and_reply(question, midwife, "Llame a su unidad de maternidad.")
    message = mailoutbox[0]
    assert message.subject == "Una matrona ha respondido a su pregunta"
    assert "«Cerclaje»" in message.body
    assert f"/es/questions/{question.pk}/" in message.body


def test_the_links_in_the_email_delete_the_address_and_the_question(
    client, article, midwife, mailoutbox, on_commit
):
    question = make_question(article, email="sam@example.org")
    with on_commit():
        services.approve_and_reply(question, midwife, "Please call your maternity unit.")
    _thread, forget, delete = (
        re.sub(r"^https?://[^/]+", "", link) for link in links_in(mailoutbox[0].body)
    )
    assert "Delete your email address?" in client.get(forget).content.decode()
    question.refresh_from_db()
    assert question.email == "sam@example.org"  # opening the link alone changes nothing
    response = client.post(forget)
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.email == ""
    assert client.post(delete).status_code == 302
    assert not Question.objects.filter(pk=question.pk).exists()
    assert "already been deleted" in client.get(delete).content.decode()


def test_a_forged_link_is_not_found(client):
    response = client.get("/en/questions/delete/NDI:1xVQat:not-a-real-signature/")
    assert response.status_code == 404
    assert "This link is not complete" in response.content.decode()
    assert client.post("/en/questions/forget-email/garbage/").status_code == 404


def test_a_delete_token_cannot_be_used_to_forget_an_email_or_the_other_way_round(
    client, article, midwife, mailoutbox, on_commit
):
    from comments.tokens import delete_token

    question = make_question(article, email="sam@example.org")
    assert client.post(f"/en/questions/forget-email/{delete_token(question)}/").status_code == 404
    question.refresh_from_db()
    assert question.email == "sam@example.org"


def test_urgent_alert_goes_only_to_active_midwives_with_an_address(article, mailoutbox, on_commit):
    make_midwife("active")
    inactive = make_midwife("inactive")
    inactive.is_active = False
    inactive.save()
    make_user("editor", groups=["Editors"])
    with on_commit():
        services.submit_question(article=article, language="en", body="I am bleeding a lot")
    assert [message.to for message in mailoutbox] == [["active@example.org"]]


def test_digest_lists_pending_questions_urgent_first(article, midwife, mailoutbox, settings):
    settings.SITE_URL = "https://health.example.org"
    calm = make_question(
        article, body="When can I swim?", created_at=timezone.now() - timedelta(hours=5)
    )
    urgent = make_question(article, body="My waters broke", created_at=timezone.now())
    make_question(article, status="approved")
    outcome = queue_moderator_digest()
    assert outcome.status == "queued"
    deliver()
    message = mailoutbox[0]
    assert message.subject == "2 questions waiting for a midwife (1 urgent)"
    body = message.body
    assert body.index(f"question/{urgent.pk}/change/") < body.index(f"question/{calm.pk}/change/")
    assert "[URGENT]" in body and "Cervical stitch" in body
    assert "My waters broke" not in body
    digest = ModeratorDigest.objects.get()
    assert (digest.pending_count, digest.urgent_count, digest.recipient_count) == (2, 1, 1)


def test_the_digest_is_sent_at_most_once_a_day(article, midwife, mailoutbox):
    make_question(article)
    call_command("notify_moderators", verbosity=0)
    call_command("notify_moderators", verbosity=0)
    assert len(mailoutbox) == 1
    assert ModeratorDigest.objects.count() == 1
    tomorrow = timezone.localdate() + timedelta(days=1)
    assert queue_moderator_digest(today=tomorrow).status == "queued"
    deliver()
    assert len(mailoutbox) == 2


def test_no_digest_when_nothing_is_waiting(article, midwife, mailoutbox):
    make_question(article, status="approved")
    assert queue_moderator_digest().status == "nothing_pending"
    assert mailoutbox == [] and not ModeratorDigest.objects.exists()


def test_a_digest_the_mail_server_did_not_take_waits_and_is_sent_once_when_it_is_back(
    article, midwife, mailoutbox, monkeypatch
):
    make_question(article)

    def refused(self, *args, **kwargs):
        raise ConnectionRefusedError("SMTP server unreachable")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refused)
    call_command("notify_moderators", verbosity=0)
    assert mailoutbox == []
    assert ModeratorDigest.objects.count() == 1  # queued, not lost
    email = OutgoingEmail.objects.get()
    assert email.state == "waiting" and "ConnectionRefusedError" in email.last_error
    monkeypatch.undo()
    call_command("notify_moderators", verbosity=0)  # a second run queues nothing more
    assert mailoutbox == []  # still paused until the next attempt is due
    deliver(now=email.next_attempt_at)
    assert len(mailoutbox) == 1
    deliver(now=email.next_attempt_at)
    assert len(mailoutbox) == 1


def test_the_command_says_what_it_did(article, midwife, capsys):
    make_question(article)
    call_command("notify_moderators")
    assert "Digest queued for 1 midwives: 1 questions waiting, 0 urgent." in capsys.readouterr().out
    call_command("notify_moderators")
    assert "already sent" in capsys.readouterr().out
