"""
Askers can delete their questions and forget their email address (nothing more is sent
to it); personal data is purged on schedule.
"""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from comments import services
from comments.models import AuditEntry, Question
from comments.services import PURGED, purge_personal_data
from comments.tests.factories import form_data, make_midwife, make_question
from comments.tokens import forget_email_token
from healthinfo.outbox.delivery import deliver, queue
from healthinfo.outbox.models import OutgoingEmail
from healthinfo.tests.factories import make_article

pytestmark = pytest.mark.django_db


def days_ago(days):
    return timezone.now() - timedelta(days=days)


def test_the_asker_deletes_a_pending_question_with_the_private_link(client):
    make_article("topic")
    client.post("/en/articles/topic/questions/", form_data(body="Please forget this question"))
    html = client.get("/en/articles/topic/").content.decode()
    delete_url = html.split('href="/en/questions/delete/')[1].split('"')[0]
    delete_url = f"/en/questions/delete/{delete_url}"
    confirm = client.get(delete_url).content.decode()
    assert "Delete your question?" in confirm and "Please forget this question" in confirm
    response = client.post(delete_url, follow=True)
    assert response.redirect_chain[-1][0] == "/en/articles/topic/"
    assert "Your question has been deleted." in response.content.decode()
    assert not Question.objects.exists()
    assert "Awaiting review" not in response.content.decode()
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.before) == ("delete", "")


def test_the_delete_link_needs_a_post(client):
    make_article("topic")
    client.post("/en/articles/topic/questions/", form_data())
    html = client.get("/en/articles/topic/").content.decode()
    delete_url = (
        "/en/questions/delete/" + html.split('href="/en/questions/delete/')[1].split('"')[0]
    )
    client.get(delete_url)
    assert Question.objects.exists()


def test_purge_drops_old_ip_hashes_only():
    old = make_question(ip_hash="a" * 64, created_at=days_ago(31))
    recent = make_question(ip_hash="b" * 64, created_at=days_ago(29))
    assert purge_personal_data()["ip_hashes"] == 1
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.ip_hash, recent.ip_hash) == ("", "b" * 64)


def test_purge_drops_emails_once_notified_or_after_ninety_days():
    notified = make_question(email="a@example.org", status="approved", notified_at=days_ago(1))
    waiting = make_question(email="b@example.org", created_at=days_ago(10))
    stale = make_question(email="c@example.org", created_at=days_ago(91))
    assert purge_personal_data()["emails"] == 2
    emails = {q.pk: q.email for q in Question.objects.all()}
    assert emails == {notified.pk: "", waiting.pk: "b@example.org", stale.pk: ""}


def test_purge_deletes_refused_questions_ninety_days_after_refusal():
    old_spam = make_question(status="spam", moderated_at=days_ago(91), created_at=days_ago(95))
    old_rejected = make_question(status="rejected", created_at=days_ago(100))
    recently_refused = make_question(
        status="rejected", moderated_at=days_ago(5), created_at=days_ago(120)
    )
    kept = make_question(status="approved", created_at=days_ago(400))
    assert purge_personal_data()["refused_questions"] == 2
    assert set(Question.objects.values_list("pk", flat=True)) == {recently_refused.pk, kept.pk}
    deleted = AuditEntry.objects.filter(action="delete", note="retention rule")
    assert set(deleted.values_list("question_number", flat=True)) == {old_spam.pk, old_rejected.pk}


def test_purge_blanks_old_audit_texts_of_redactions_and_deletions(settings):
    settings.QUESTIONS_AUDIT_TEXT_RETENTION_DAYS = 365
    question = make_question()
    old = AuditEntry.objects.create(
        question=question,
        question_number=question.pk,
        action="redact",
        before="Ring 07700 900123",
        after="Ring [removed]",
        created_at=days_ago(400),
    )
    recent = AuditEntry.objects.create(
        question=question,
        question_number=question.pk,
        action="redact",
        before="Ring 07700 900999",
        after="Ring [removed]",
        created_at=days_ago(10),
    )
    reply = AuditEntry.objects.create(
        question=question,
        question_number=question.pk,
        action="reply",
        after="Call us",
        created_at=days_ago(400),
    )
    assert purge_personal_data()["audit_texts"] == 1
    for entry in (old, recent, reply):
        entry.refresh_from_db()
    assert (old.before, old.after) == (PURGED, PURGED)
    assert recent.before == "Ring 07700 900999"
    assert reply.after == "Call us"


def test_retention_periods_come_from_settings(settings):
    settings.QUESTIONS_IP_HASH_RETENTION_DAYS = 7
    question = make_question(ip_hash="a" * 64, created_at=days_ago(8))
    purge_personal_data()
    question.refresh_from_db()
    assert question.ip_hash == ""


def test_purging_twice_changes_nothing_more():
    make_question(ip_hash="a" * 64, email="a@example.org", created_at=days_ago(100))
    purge_personal_data()
    assert purge_personal_data() == {
        "ip_hashes": 0,
        "emails": 0,
        "refused_questions": 0,
        "audit_texts": 0,
    }


def test_the_purge_command_reports_what_it_removed(capsys):
    make_question(ip_hash="a" * 64, created_at=days_ago(40))
    call_command("purge_personal_data")
    assert "Removed 1 IP hashes and 0 email addresses" in capsys.readouterr().out


def _answer_waiting_in_the_outbox(monkeypatch, on_commit):
    """An answered question whose email to the asker waits: the mail server is down."""

    def refused(self, *args, **kwargs):
        raise ConnectionRefusedError("SMTP server unreachable")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refused)
    question = make_question(email="sam@example.org")
    with on_commit():
        services.approve_and_reply(question, make_midwife(), "Please call your maternity unit.")
    monkeypatch.undo()
    waiting = OutgoingEmail.objects.waiting().get()
    assert waiting.to == "sam@example.org"
    return question, waiting


def test_forgetting_the_email_cancels_the_answer_email_still_waiting_in_the_outbox(
    client, monkeypatch, mailoutbox, django_capture_on_commit_callbacks
):
    def on_commit():
        return django_capture_on_commit_callbacks(execute=True)

    question, waiting = _answer_waiting_in_the_outbox(monkeypatch, on_commit)
    with on_commit():
        client.post(f"/en/questions/forget-email/{forget_email_token(question)}/")
    question.refresh_from_db()
    assert question.email == ""
    assert not OutgoingEmail.objects.filter(to="sam@example.org").exists()
    deliver(now=waiting.next_attempt_at)
    assert mailoutbox == []


def test_forgetting_the_email_leaves_other_readers_emails_waiting(
    monkeypatch, mailoutbox, django_capture_on_commit_callbacks
):
    def on_commit():
        return django_capture_on_commit_callbacks(execute=True)

    question, waiting = _answer_waiting_in_the_outbox(monkeypatch, on_commit)
    other = queue(key="answered:999999", to="other@example.org", subject="Answered", body="Hi")[0]
    services.forget_email(question)
    assert list(OutgoingEmail.objects.values_list("pk", flat=True)) == [other.pk]
    deliver(now=waiting.next_attempt_at)
    assert [message.to for message in mailoutbox] == [["other@example.org"]]


def test_an_answer_email_already_sent_stays_on_record_when_the_email_is_forgotten(
    mailoutbox, django_capture_on_commit_callbacks
):
    question = make_question(email="sam@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_and_reply(question, make_midwife(), "Please call your maternity unit.")
    assert len(mailoutbox) == 1
    services.forget_email(question)
    assert OutgoingEmail.objects.sent().get().to == "sam@example.org"


def test_a_forget_that_fails_keeps_the_email_queued(
    monkeypatch, django_capture_on_commit_callbacks
):
    def on_commit():
        return django_capture_on_commit_callbacks(execute=True)

    question, _waiting = _answer_waiting_in_the_outbox(monkeypatch, on_commit)

    def broken_audit(*args, **kwargs):
        raise RuntimeError("audit table unavailable")

    monkeypatch.setattr(services, "_audit", broken_audit)
    with pytest.raises(RuntimeError):
        services.forget_email(question)
    question.refresh_from_db()
    assert question.email == "sam@example.org"
    assert OutgoingEmail.objects.waiting().count() == 1


def test_deleting_the_question_cancels_the_answer_email_still_waiting(
    monkeypatch, mailoutbox, django_capture_on_commit_callbacks
):
    def on_commit():
        return django_capture_on_commit_callbacks(execute=True)

    question, waiting = _answer_waiting_in_the_outbox(monkeypatch, on_commit)
    services.delete_question(question)
    assert not OutgoingEmail.objects.exists()
    deliver(now=waiting.next_attempt_at)
    assert mailoutbox == []
