"""
Settings of the app servers `make bench` starts: production settings plus two bench switches.

- ``BENCH_CACHE_OFF=1`` replaces the cache with Django's ``DummyCache``: the
  "cold" scenarios measure every page built from the database.
- ``BENCH_SEARCH_CACHE_OFF=1`` keeps no search results: the cold search
  scenario ranks every query afresh while the rest of the cache is warm.
- ``QueryCountMiddleware`` answers ``X-Bench-Queries`` to requests that ask
  for it, so the bench reports the SQL queries gunicorn really ran.

The question rate limit is off: the posting scenario measures the cost of a
question, not how quickly one address is told to wait.

Never used outside the benchmark.
"""

from healthinfo.settings import *  # noqa: F403
from healthinfo.settings import MIDDLEWARE, env_bool

MIDDLEWARE = ["bench.middleware.QueryCountMiddleware", *MIDDLEWARE]

if env_bool("BENCH_SEARCH_CACHE_OFF", False):
    # The rest of the cache warm, as in production; every search ranked afresh.
    SEARCH_RESULTS_CACHE_SECONDS = 0

if env_bool("BENCH_CACHE_OFF", False):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    # No copy of shared pages in each process's memory either: every page is built.
    SHARED_PAGE_LOCAL_BYTES = 0

QUESTIONS_RATE_LIMIT = 0
