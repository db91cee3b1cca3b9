"""
PostgreSQL restarts under load: friendly 503s while it is away, recovery by itself.

A real gunicorn server runs against a private PostgreSQL (never the machine's
shared one), which the test stops and starts again while readers browse and
ask questions.
"""

import time
import uuid
from collections import Counter

import pytest

from bench.tests.clients import LoadRecorder, open_forms, stored_questions

pytestmark = pytest.mark.faults

SLUG = "cervical-insufficiency"
# Pages that query the database on every request (no page cache in front of them).
DATABASE_PAGES = [f"/en/articles/{SLUG}/questions/", "/en/search/?q=cervix", "/es/"]
FRIENDLY_503 = "Sorry, this page is not available right now"
CLIENTS = 4


def test_postgres_restart_during_load_gives_friendly_503s_and_loses_no_accepted_question(
    private_postgres, site_env, start_app_server
):
    server = start_app_server(site_env)
    readers = open_forms(server, SLUG, [f"203.0.113.{number}" for number in range(CLIENTS)])
    marker = uuid.uuid4().hex[:12]

    def browse_and_ask(client, turn):
        if turn % 2:
            body = f"Question {marker}-{client}-{turn}: can I fly with a cervical stitch?"
            return {**readers[client].ask_request(server, SLUG, body), "label": body}
        return {"url": server.url + DATABASE_PAGES[(client + turn) % len(DATABASE_PAGES)]}

    with LoadRecorder(browse_and_ask, clients=CLIENTS) as load:
        load.wait_for(lambda answer: answer.status in {200, 302}, count=20)
        private_postgres.stop()
        load.wait_for(lambda answer: answer.status == 503, count=10)
        private_postgres.start()
        back_at = time.monotonic()
        load.wait_for(lambda answer: answer.started > back_at and answer.status == 302, count=10)

    answers = load.answers
    unexpected = {(a.status, a.body[:300]) for a in answers if a.status not in {200, 302, 503}}
    assert not unexpected, sorted(unexpected)
    for answer in (answer for answer in answers if answer.status == 503):
        assert FRIENDLY_503 in answer.body or "no está disponible" in answer.body
        assert answer.retry_after == "30"
        assert "Traceback" not in answer.body and "psycopg" not in answer.body
    assert any(answer.label and answer.status == 503 for answer in answers)  # posts too
    # Persistent connections were replaced by the health check, not by a restart:
    # nothing that started after PostgreSQL came back failed, and no worker rebooted.
    assert [a.status for a in answers if a.started > back_at and a.status == 503] == []
    assert server.running and server.worker_boots() == server.workers
    assert "Database unavailable, answering 503" in server.log()
    # Every question the reader was told was received is stored, once.
    stored = Counter(stored_questions(site_env, marker))
    accepted = {answer.label for answer in answers if answer.label and answer.status == 302}
    assert accepted and accepted <= set(stored)
    assert set(stored.values()) == {1}
