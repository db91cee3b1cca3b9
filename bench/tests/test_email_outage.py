"""
The mail server hangs, then refuses, then accepts: every email goes out once, most urgent first.

A real gunicorn server and the real worker (``manage.py run_worker``, on
django_tasks_db's queue in the private PostgreSQL) send through a real SMTP
server (aiosmtpd) on loopback. Readers' requests only enqueue, so they are
answered at once while the mail server hangs; the worker is killed and
restarted while emails wait, and restarted again once they are sent.
"""

import re
import time
import uuid

import psycopg
import pytest

from bench.servers import free_port, manage, wait_until
from bench.tests.clients import (
    DEMO_MIDWIFE,
    admin_login,
    approve_and_reply,
    open_forms,
    question_number,
)
from bench.tests.mailserver import HangingSMTP, RecordingSMTP, Worker

pytestmark = pytest.mark.faults

SLUG = "cervical-insufficiency"
URGENT_QUESTIONS = 3
# A reader's post must not wait for the mail server (it only enqueues).
POST_SECONDS = 2.0


def outbox(env, where="TRUE"):
    with psycopg.connect(env["DATABASE_URL"]) as connection:
        return connection.execute(
            f"SELECT key, attempts, sent_at FROM outbox_outgoingemail WHERE {where}"
        ).fetchall()


def timed_ask(reader, server, body, email=""):
    started = time.monotonic()
    status = reader.ask(server, SLUG, body, email=email)
    return status, time.monotonic() - started


def test_emails_wait_while_smtp_is_down_and_go_out_once_in_order_of_urgency(
    site_env, start_app_server, tmp_path
):
    smtp_port = free_port()
    env = {
        **site_env,
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
        "EMAIL_USE_TLS": "0",
        "EMAIL_TIMEOUT": "2",
        "OUTBOX_RETRY_BASE_SECONDS": "1",
        "OUTBOX_RETRY_MAX_SECONDS": "2",
    }
    server = start_app_server(env)
    worker = Worker(env, tmp_path).start()
    marker = uuid.uuid4().hex[:12]
    midwife = admin_login(server, *DEMO_MIDWIFE)
    try:
        # 1. The mail server hangs: readers and the midwife are answered at once anyway.
        with HangingSMTP(smtp_port):
            asker, worried = open_forms(server, SLUG, ["192.0.2.31", "192.0.2.32"])
            status, seconds = timed_ask(
                asker, server, f"Calm {marker}: can I swim with a stitch?", f"{marker}@example.org"
            )
            assert status == 302 and seconds < POST_SECONDS, seconds
            calm = question_number(site_env, f"Calm {marker}")
            approve_and_reply(server, midwife, calm, "Yes, gently, after two weeks.")
            urgent = []
            for number in range(URGENT_QUESTIONS):
                body = f"Urgent {marker}-{number}: I am bleeding heavily at 20 weeks"
                status, seconds = timed_ask(worried, server, body)
                assert status == 302 and seconds < POST_SECONDS, seconds
                urgent.append(question_number(site_env, f"Urgent {marker}-{number}"))
            wait_until(
                lambda: any(attempts for _key, attempts, _sent in outbox(site_env)),
                timeout=30,
                what="the worker to try the hanging mail server",
                log=worker.log,
            )

        # 2. The mail server refuses; the worker dies mid-outage and starts again.
        worker.kill()
        worker.start()
        manage("notify_moderators", env=env)  # the digest, queued last
        time.sleep(1.5)
        assert [row for row in outbox(site_env) if row[2]] == []  # nothing could be sent

        # 3. The mail server is back: everything goes out, once, most urgent first.
        with RecordingSMTP(smtp_port) as smtp:
            wait_until(
                lambda: not outbox(site_env, "sent_at IS NULL AND gave_up_at IS NULL"),
                timeout=60,
                what="the outbox to be sent",
                log=worker.log,
            )
            # A restart after sending sends nothing again.
            worker.restart()
            time.sleep(2)
            received = smtp.received()
    finally:
        worker.stop()

    mine = []
    for message in received:
        if "waiting for a midwife" in message.subject:
            mine.append(("digest", message))
        elif re.search(rf"question/({'|'.join(map(str, urgent))})/change/", message.body):
            mine.append(("alert", message))
        elif message.to == [f"{marker}@example.org"]:
            mine.append(("answer", message))
    kinds = [kind for kind, _message in mine]
    assert kinds == ["alert"] * URGENT_QUESTIONS + ["answer", "digest"], kinds
    alerts = [message for kind, message in mine if kind == "alert"]
    assert all(message.to == ["midwife@example.org"] for message in alerts)
    assert [re.search(r"question/(\d+)/change/", m.body)[1] for m in alerts] == [
        str(number) for number in urgent
    ]
    assert len({message.message_id for message in received}) == len(received)  # none twice
    log = worker.log()
    assert log.count("Starting worker") == 3
    assert "Mail server unavailable" in log
