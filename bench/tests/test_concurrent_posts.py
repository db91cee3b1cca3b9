"""
Many readers asking at the same moment: every question is stored exactly once.

Two app servers (as behind a load balancer) on the private PostgreSQL take 200
questions from 20 readers posting at once, all on the same article, whose row
each post locks for the duplicate check.
"""

import threading
import uuid

import pytest

from bench.tests.clients import open_forms, stored_questions

pytestmark = pytest.mark.faults

SLUG = "cervical-insufficiency"
READERS = 20
QUESTIONS_EACH = 10


def test_200_questions_posted_at_once_by_20_readers_are_all_stored_exactly_once(
    site_env, start_app_server
):
    env = {**site_env, "QUESTIONS_RATE_LIMIT": str(QUESTIONS_EACH)}
    servers = [start_app_server(env, workers=3), start_app_server(env, workers=3)]
    addresses = [f"198.51.100.{number}" for number in range(1, READERS + 1)]
    readers = open_forms(servers[0], SLUG, addresses)
    marker = uuid.uuid4().hex[:12]
    statuses = {}
    start = threading.Barrier(READERS)

    def post_all(number, reader):
        start.wait()
        for turn in range(QUESTIONS_EACH):
            body = f"Question {marker}-{number}-{turn}: is a cervical stitch painful at 14 weeks?"
            server = servers[(number + turn) % len(servers)]
            statuses[body] = reader.ask(server, SLUG, body, timeout=120)

    threads = [
        threading.Thread(target=post_all, args=(number, reader))
        for number, reader in enumerate(readers)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(180)

    assert len(statuses) == READERS * QUESTIONS_EACH
    assert set(statuses.values()) == {302}, sorted(statuses.values())
    stored = stored_questions(env, marker)
    assert len(stored) == READERS * QUESTIONS_EACH
    assert sorted(stored) == sorted(statuses)  # none lost, none duplicated
