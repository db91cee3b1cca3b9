"""The committed gunicorn settings bound every request and every client."""

import runpy
from pathlib import Path

from django.conf import settings

CONFIG = Path(settings.BASE_DIR) / "gunicorn.conf.py"


def test_gunicorn_kills_a_silent_worker_well_after_every_request_deadline(monkeypatch):
    monkeypatch.delenv("GUNICORN_TIMEOUT", raising=False)
    config = runpy.run_path(str(CONFIG))
    assert config["worker_class"] == "sync"
    assert config["timeout"] >= 3 * settings.DATABASE_REQUEST_TIMEOUT
    assert config["graceful_timeout"] and config["keepalive"] <= 5
    assert config["limit_request_line"] <= 8190 and config["limit_request_fields"] <= 100


def test_gunicorn_settings_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("GUNICORN_WORKERS", "7")
    monkeypatch.setenv("GUNICORN_BIND", "0.0.0.0:9000")
    config = runpy.run_path(str(CONFIG))
    assert config["workers"] == 7 and config["bind"] == "0.0.0.0:9000"
