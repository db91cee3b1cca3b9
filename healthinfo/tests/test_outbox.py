"""The outbox: emails queued once, sent most urgent first, held and retried while SMTP is down."""

import smtplib
from datetime import timedelta

import pytest
from asgiref.local import Local
from django.core import mail
from django.core.management import call_command
from django.tasks import task_backends
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from comments.tests.factories import form_data, make_midwife
from healthinfo.outbox import delivery
from healthinfo.outbox.management.commands.run_worker import recover_interrupted_jobs
from healthinfo.outbox.models import OutgoingEmail
from healthinfo.tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db

URGENT, ANSWER, ROUTINE = (
    OutgoingEmail.Priority.URGENT,
    OutgoingEmail.Priority.ANSWER,
    OutgoingEmail.Priority.ROUTINE,
)


def queue(key, priority=ROUTINE, to="midwife@example.org"):
    return delivery.queue(key=key, to=to, subject=f"About {key}", body="…", priority=priority)[0]


class FlakyServer:
    """Stands in for the locmem mail backend: refuses while ``down``, then takes messages."""

    def __init__(self, monkeypatch, error=None):
        self.down = True
        self.error = error or ConnectionRefusedError(111, "Connection refused")
        real = mail.backends.locmem.EmailBackend.send_messages

        def send_messages(backend, messages):
            if self.down:
                raise self.error
            return real(backend, messages)

        monkeypatch.setattr(mail.backends.locmem.EmailBackend, "send_messages", send_messages)


@pytest.fixture
def database_queue(settings, monkeypatch):
    """Jobs go to django_tasks_db's queue (as in production) instead of running at once."""
    # The worker closes connections between jobs; the test's own is inside its transaction.
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )

    def use(tasks):
        settings.TASKS = tasks
        task_backends._settings = None
        task_backends.__dict__.pop("settings", None)
        task_backends._connections = Local(task_backends.thread_critical)

    immediate = settings.TASKS
    use({"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}})
    yield
    use(immediate)


def test_queuing_the_same_email_twice_keeps_one(mailoutbox):
    first = queue("urgent-alert:1:a@example.org", URGENT)
    again, created = delivery.queue(key=first.key, to="a@example.org", subject="x", body="y")
    assert again == first and not created
    assert OutgoingEmail.objects.count() == 1


def test_waiting_emails_are_sent_most_urgent_first_then_oldest_first(mailoutbox):
    queue("digest", ROUTINE)
    queue("answer", ANSWER)
    queue("alert-1", URGENT)
    queue("alert-2", URGENT)
    assert delivery.deliver().sent == 4
    assert [message.subject for message in mailoutbox] == [
        "About alert-1",
        "About alert-2",
        "About answer",
        "About digest",
    ]
    assert delivery.deliver().sent == 0  # nothing is sent twice


def test_each_email_keeps_its_own_message_id(mailoutbox):
    email = queue("alert", URGENT)
    delivery.deliver()
    assert mailoutbox[0].extra_headers["Message-ID"] == email.message_id


def test_while_the_server_is_down_the_outbox_pauses_with_a_growing_delay(
    mailoutbox, monkeypatch, settings
):
    settings.OUTBOX_RETRY_BASE_SECONDS = 30
    server = FlakyServer(monkeypatch)
    alert = queue("alert", URGENT)
    queue("digest", ROUTINE)
    now = timezone.now()
    first = delivery.deliver(now=now)
    assert first.sent == 0 and first.paused_until == now + timedelta(seconds=30)
    # Paused: nothing is tried (not even the other email) until the delay is over.
    assert delivery.deliver(now=now + timedelta(seconds=29)).paused_until == first.paused_until
    second = delivery.deliver(now=first.paused_until)
    assert second.paused_until == first.paused_until + timedelta(seconds=60)
    alert.refresh_from_db()
    assert alert.attempts == 2 and "Connection refused" in alert.last_error
    server.down = False
    assert delivery.deliver(now=second.paused_until).sent == 2
    assert [message.subject for message in mailoutbox] == ["About alert", "About digest"]


def test_the_delay_never_exceeds_the_maximum(settings):
    settings.OUTBOX_RETRY_BASE_SECONDS = 30
    settings.OUTBOX_RETRY_MAX_SECONDS = 3600
    assert delivery._delay(1) == timedelta(seconds=30)
    assert delivery._delay(3) == timedelta(seconds=120)
    assert delivery._delay(40) == timedelta(hours=1)


def test_an_email_the_server_refuses_for_good_is_given_up_and_the_others_go_on(
    mailoutbox, monkeypatch
):
    refused = smtplib.SMTPRecipientsRefused({"gone@example.org": (550, b"No such user")})
    server = FlakyServer(monkeypatch, error=refused)
    queue("answer", ANSWER, to="gone@example.org")
    outcome = delivery.deliver()
    assert outcome.gave_up == 1 and outcome.paused_until is None
    email = OutgoingEmail.objects.get()
    assert email.state == "failed" and "No such user" in email.last_error
    server.down = False
    queue("digest", ROUTINE)
    assert delivery.deliver().sent == 1
    assert OutgoingEmail.objects.failed().count() == 1


def test_a_temporary_refusal_of_a_recipient_pauses_rather_than_gives_up(monkeypatch):
    busy = smtplib.SMTPRecipientsRefused({"a@example.org": (451, b"Try again later")})
    FlakyServer(monkeypatch, error=busy)
    queue("alert", URGENT, to="a@example.org")
    assert delivery.deliver().paused_until is not None
    assert OutgoingEmail.objects.get().state == "waiting"


def test_an_email_unsent_after_three_days_is_given_up(monkeypatch, settings):
    settings.OUTBOX_GIVE_UP_AFTER_HOURS = 72
    FlakyServer(monkeypatch)
    email = queue("digest")
    delivery.deliver(now=email.created_at + timedelta(hours=73))
    email.refresh_from_db()
    assert email.state == "failed"


def test_sent_emails_are_forgotten_after_a_week(settings, mailoutbox):
    settings.OUTBOX_KEEP_SENT_DAYS = 7
    queue("answer", ANSWER, to="reader@example.org")
    delivery.deliver()
    assert delivery.forget_old(now=timezone.now() + timedelta(days=6)) == 0
    assert delivery.forget_old(now=timezone.now() + timedelta(days=8)) == 1
    assert not OutgoingEmail.objects.exists()


def test_an_urgent_question_only_enqueues_a_job_in_the_request(
    database_queue, mailoutbox, django_capture_on_commit_callbacks
):
    make_article("topic")
    make_midwife("mw1")
    client = Client()
    client.get("/en/articles/topic/questions/")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/en/articles/topic/questions/", form_data(body="I am bleeding heavily at 20 weeks")
        )
    assert response.status_code == 302
    assert mailoutbox == [] and not OutgoingEmail.objects.exists()
    job = DBTaskResult.objects.get()
    assert job.task_path == "comments.tasks.alert_midwives_about_urgent_question"
    assert job.priority == URGENT and job.status == "READY"
    # The worker runs it: the alert is written to the outbox and sent.
    call_command("run_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    assert [message.to for message in mailoutbox] == [["mw1@example.org"]]
    assert OutgoingEmail.objects.get().state == "sent"


def test_a_paused_outbox_leaves_a_job_to_try_again_when_the_delay_is_over(
    database_queue, monkeypatch, mailoutbox
):
    from healthinfo.outbox.tasks import deliver_outbox

    FlakyServer(monkeypatch)
    queue("alert", URGENT)
    deliver_outbox.enqueue()
    call_command("run_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    email = OutgoingEmail.objects.get()
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.task_path == "healthinfo.outbox.tasks.deliver_outbox"
    assert retry.run_after == email.next_attempt_at


def test_jobs_a_dead_worker_left_running_are_put_back(database_queue):
    from healthinfo.outbox.tasks import deliver_outbox

    mine, other, old = (deliver_outbox.enqueue() for _ in range(3))
    now = timezone.now()
    for result, worker, started in (
        (mine, "host-a", now),
        (other, "host-b", now),
        (old, "host-b", now - timedelta(hours=1)),
    ):
        DBTaskResult.objects.filter(pk=result.id).update(
            status="RUNNING", worker_ids=[worker], started_at=started
        )
    assert recover_interrupted_jobs("host-a", now=now) == 2
    statuses = {str(pk): status for pk, status in DBTaskResult.objects.values_list("pk", "status")}
    assert [statuses[result.id] for result in (mine, other, old)] == [
        "READY",
        "RUNNING",
        "READY",
    ]


def test_the_admin_lists_waiting_and_failed_emails_and_can_retry_them(
    client, monkeypatch, mailoutbox
):
    server = FlakyServer(monkeypatch)
    queue("alert", URGENT)
    delivery.deliver()
    client.force_login(make_user("admin", superuser=True))
    page = client.get("/admin/outbox/outgoingemail/?state=waiting")
    assert page.status_code == 200 and "About alert" in page.content.decode()
    sent = client.get("/admin/outbox/outgoingemail/?state=sent").content.decode()
    assert "About alert" not in sent
    email = OutgoingEmail.objects.get()
    server.down = False
    response = client.post(
        "/admin/outbox/outgoingemail/",
        {"action": "try_again_now", "_selected_action": [email.pk]},
    )
    assert response.status_code == 302
    email.refresh_from_db()
    assert email.state == "sent" and len(mailoutbox) == 1


def test_each_delivery_forgets_emails_sent_more_than_a_week_ago(mailoutbox, settings):
    from healthinfo.outbox.tasks import send_outbox_now

    settings.OUTBOX_KEEP_SENT_DAYS = 7
    old = queue("answered:1", ANSWER, to="reader@example.org")
    delivery.deliver()
    OutgoingEmail.objects.filter(pk=old.pk).update(sent_at=timezone.now() - timedelta(days=8))
    queue("answered:2", ANSWER, to="other@example.org")
    send_outbox_now()
    assert list(OutgoingEmail.objects.values_list("key", flat=True)) == ["answered:2"]


def test_on_the_database_queue_the_alert_job_commits_with_the_question_or_not_at_all(
    database_queue,
):
    from django.db import transaction

    from comments import services

    article = make_article("topic")

    class Abandoned(Exception):
        pass

    with pytest.raises(Abandoned), transaction.atomic():
        services.submit_question(article=article, language="en", body="I am bleeding heavily")
        assert DBTaskResult.objects.count() == 1  # written inside the transaction
        raise Abandoned
    assert not DBTaskResult.objects.exists()
    services.submit_question(article=article, language="en", body="My waters have broken")
    assert DBTaskResult.objects.get().task_path.endswith("alert_midwives_about_urgent_question")
