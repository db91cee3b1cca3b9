"""
An app server process loads what requests need before the first one, then
freezes it out of the garbage collector's work (healthinfo/warm_up.py).
"""

import json
import logging
import subprocess
import sys

from django.conf import settings
from django.template import engines

from healthinfo import warm_up
from healthinfo.tests.processes import STRONG_KEY, clean_env

# Run in a process of its own, as gunicorn's worker imports the WSGI module.
WORKER_START = """
import gc, json
import healthinfo.wsgi
from django.db import connections
print(json.dumps({
    "frozen": gc.get_freeze_count(),
    "tracked": len(gc.get_objects()),
    "connected": [c.alias for c in connections.all() if c.connection is not None],
}))
"""


def _start_worker(**env):
    result = subprocess.run(
        [sys.executable, "-c", WORKER_START],
        cwd=settings.BASE_DIR,
        env=clean_env(
            DJANGO_DEBUG="0",
            DJANGO_SECRET_KEY=STRONG_KEY,
            DJANGO_ALLOWED_HOSTS="health.example.org",
            DJANGO_SECURE_SSL_REDIRECT="0",
            **env,
        ),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1]), result.stderr


def test_a_worker_starts_with_postgresql_and_redis_down_and_its_long_lived_objects_frozen():
    # Port 9 (discard) on loopback: nothing answers, as when both servers are down.
    started, log = _start_worker(
        DATABASE_URL="postgres://postgres@127.0.0.1:9/healthinfo",
        REDIS_URL="redis://127.0.0.1:9/0",
    )
    # Everything loaded at start is out of the collector's view: a full
    # collection then examines only what requests create.
    assert started["frozen"] > 50_000
    assert started["tracked"] < 1_000
    # Neither server was needed to start (the first request finds PostgreSQL down
    # and answers the friendly 503: bench/tests/test_postgres_outage.py), and no
    # step of the warm-up failed for want of either.
    assert started["connected"] == []
    assert "Warm-up step" not in log


def test_every_template_of_ours_is_compiled_before_the_first_request(caplog):
    with caplog.at_level(logging.WARNING, logger="healthinfo.warm_up"):
        warm_up.load_everything_lazy()
    assert not caplog.records, [record.getMessage() for record in caplog.records]
    names = set(warm_up._template_names())
    assert {"base.html", "healthinfo/search.html", "comments/_question_form.html"} <= names
    # The cached loader now holds every one: the first reader's page compiles nothing.
    loader = engines["django"].engine.template_loaders[0]
    assert names <= set(loader.get_template_cache)


def test_a_template_that_does_not_compile_is_reported_and_does_not_stop_the_start(
    caplog, tmp_path, settings
):
    (tmp_path / "broken.html").write_text("{% if %}", "utf-8")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    with caplog.at_level(logging.WARNING, logger="healthinfo.warm_up"):
        warm_up._templates()
    assert any("broken.html" in record.getMessage() for record in caplog.records)
