"""
PostgreSQL freezes (SIGSTOP: the processes stop, the kernel still acknowledges packets).

Server-side timeouts and TCP keepalives cannot notice that. The app servers'
own deadline on every wait for PostgreSQL (healthinfo/postgresql/base.py)
must: readers get the 503 page within seconds, cached anonymous pages and
/healthz are served as usual, no worker is killed, and a question posted
during the freeze is either answered with success and stored, or answered
503 and never stored, not even once PostgreSQL wakes up again.
"""

import contextlib
import os
import signal
import statistics
import time
import uuid

import pytest

from bench.servers import fetch
from bench.tests.clients import LoadRecorder, open_forms, stored_questions

pytestmark = pytest.mark.faults

SLUG = "cervical-insufficiency"
CACHED_PAGE = f"/en/articles/{SLUG}/"
# Pages that query the database on every request.
DATABASE_PAGES = [f"/en/articles/{SLUG}/questions/", "/en/search/?q=cervix"]
DEADLINE = 3  # DATABASE_REQUEST_TIMEOUT of the app server, seconds
FROZEN_SECONDS = 10
FRIENDLY_503 = "Sorry, this page is not available right now"


def cluster_processes(postgres):
    """The postmaster and every process it started (backends, checkpointer, …)."""
    root = postgres.process.pid
    pids = [root]
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                parent = int(stat.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        if parent == root:
            pids.append(int(entry))
    return pids


def signal_all(pids, sig):
    for pid in pids:
        with contextlib.suppress(ProcessLookupError):  # a backend that just exited
            os.kill(pid, sig)


def test_a_frozen_postgres_gives_quick_503s_while_cached_pages_and_healthz_are_served(
    private_postgres, site_env, private_redis, start_app_server
):
    env = {
        **site_env,
        "REDIS_URL": private_redis.url(),
        "DATABASE_REQUEST_TIMEOUT": str(DEADLINE),
    }
    server = start_app_server(env, workers=3)
    for _ in range(2):
        assert fetch(server.url + CACHED_PAGE)[0] == 200  # cached for readers without a session
    readers = open_forms(server, SLUG, [f"198.51.100.{n}" for n in range(2)])
    marker = uuid.uuid4().hex[:12]

    def browse_and_ask(client, turn):
        if client < len(readers) and turn % 2:
            body = f"Frozen {marker}-{client}-{turn}: is it safe to fly at 30 weeks?"
            return {**readers[client].ask_request(server, SLUG, body), "label": body}
        return {"url": server.url + DATABASE_PAGES[(client + turn) % len(DATABASE_PAGES)]}

    frozen = cluster_processes(private_postgres)
    signal_all(frozen, signal.SIGSTOP)
    frozen_at = time.monotonic()
    try:
        with LoadRecorder(browse_and_ask, clients=3) as load:
            cached, healthz = [], []
            while time.monotonic() - frozen_at < FROZEN_SECONDS:
                for path, times in ((CACHED_PAGE, cached), ("/healthz", healthz)):
                    started = time.monotonic()
                    status, _, _ = fetch(server.url + path, timeout=30)
                    times.append(time.monotonic() - started)
                    assert status == 200, path
                time.sleep(0.1)
    finally:
        signal_all(frozen, signal.SIGCONT)
    thawed_at = time.monotonic()

    answers = load.answers
    assert answers, "no request was answered while PostgreSQL was frozen"
    unexpected = {(a.status, a.body[:200]) for a in answers if a.status != 503}
    assert not unexpected, sorted(unexpected)  # nothing can succeed without the database
    for answer in answers:
        assert FRIENDLY_503 in answer.body and answer.retry_after == "30"
        # The first wait on the frozen server ends at the deadline; later ones at once.
        assert answer.finished - answer.started < DEADLINE + 3, answer.finished - answer.started
    quick = [a for a in answers if a.finished - a.started < 1]
    assert len(quick) >= len(answers) // 2, "the process did not stop waiting on PostgreSQL"
    assert any(answer.label for answer in answers)  # posts were refused too
    # Cached pages and the health check did not wait for PostgreSQL.
    assert statistics.median(cached) < 0.5 and statistics.median(healthz) < 0.5
    assert max(healthz) < DEADLINE + 1, max(healthz)
    durations = sorted(a.finished - a.started for a in answers)
    print(
        f"frozen: {len(answers)} answers 503, median {statistics.median(durations):.3f} s, "
        f"max {durations[-1]:.2f} s; cached page median {statistics.median(cached):.3f} s "
        f"max {max(cached):.3f} s; /healthz median {statistics.median(healthz):.3f} s "
        f"max {max(healthz):.3f} s"
    )
    log = server.log()
    assert "PostgreSQL did not answer within 3 s" in log
    assert "Traceback" not in log

    # PostgreSQL wakes up: posts answered 503 were never stored, and the site is back.
    time.sleep(1)
    assert stored_questions(site_env, f"Frozen {marker}") == []
    reader = open_forms(server, SLUG, ["198.51.100.77"])[0]
    assert reader.ask(server, SLUG, f"After {marker}: can I swim at 30 weeks?") == 302
    assert len(stored_questions(site_env, f"After {marker}")) == 1
    assert time.monotonic() - thawed_at < 30
    assert server.running and server.worker_boots() == server.workers
