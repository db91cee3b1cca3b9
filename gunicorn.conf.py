"""
gunicorn's settings for production (read from the current folder by ``gunicorn healthinfo.wsgi``).

Every number is a deadline or a bound, so that no request and no client can
hold a worker for long. Environment variables override the defaults.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers: one request at a time each, so a slow request delays only its
# own worker. Two per core plus one, as gunicorn recommends.
worker_class = "sync"
workers = int(os.environ.get("GUNICORN_WORKERS", 2 * multiprocessing.cpu_count() + 1))
# A worker silent for this long is killed and replaced. Requests never come
# near it: PostgreSQL waits end after DATABASE_REQUEST_TIMEOUT (5 s), Redis
# waits after 0.5 s, and the outbox sends email outside requests.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
# On a restart (SIGHUP, deploy), requests in progress get this long to finish.
graceful_timeout = 30
# Behind a proxy that keeps connections open to us; short, so idle
# connections do not hold sync workers.
keepalive = 2
# GUNICORN_MAX_REQUESTS=5000 replaces each worker after that many requests
# (jittered), should a slow leak ever appear; off by default.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 0))
max_requests_jitter = max_requests // 10
# Bounds on what a client may send before Django sees it (the public forms cap
# their bodies themselves: see limit_request_body).
limit_request_line = 4094
limit_request_fields = 100
limit_request_field_size = 8190
# Heartbeat files in memory, not on a disk that may stall.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
# The front proxy usually logs requests; GUNICORN_ACCESS_LOG=- logs them here too.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
