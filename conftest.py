"""Shared pytest configuration."""

import pytest


def pytest_configure(config):
    from asgiref.local import Local
    from django.conf import settings
    from django.tasks import task_backends

    # Jobs (emails) run at once, inside the test, with Django's immediate backend;
    # the fault tests in bench/tests run the real worker on the database queue.
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    # The tasks were defined (and the backends read) when Django started: read them again.
    task_backends._settings = None
    task_backends.__dict__.pop("settings", None)
    task_backends._connections = Local(task_backends.thread_critical)


@pytest.fixture(autouse=True)
def _isolated_cache(settings):
    """Each test starts with an empty cache, so cached pages never leak between tests."""
    from django.core.cache import cache

    from comments.embed import local_fragments
    from comments.ratelimit import local_counts
    from healthinfo.pagecache.generations import recent_tokens
    from healthinfo.shared_pages import local_pages

    # Every request asks the database for its cache generations (tests that
    # measure the tokens kept for a moment set it themselves).
    settings.SHARED_PAGE_RECHECK_SECONDS = 0
    recent_tokens.clear()
    cache.clear()
    local_counts.clear()  # the rate limit's own count in this process
    local_pages.clear()
    local_fragments.clear()
    yield
    cache.clear()
    local_counts.clear()
    local_pages.clear()
    local_fragments.clear()
    recent_tokens.clear()
    # The connection cache generations are read on outside transactions (PostgreSQL):
    # closed, so that the test database can be dropped at the end.
    from healthinfo.pagecache.generations import _own_connection

    _own_connection.close()


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _default_language():
    """Requests activate their language for the thread; start every test in the default one."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # The production hasher is deliberately slow; tests only need it to work.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
