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


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a change as a committed transaction (its cache generations' after-commit work too)."""

    def run(change, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return change(*args, **kwargs)

    return run


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


# What the data migrations seed (the staff roles with their permissions, the starter
# glossary, the lay terms). A transactional test ends with a flush that empties every
# table, so later transactional tests would find no "Editors" group (a user made with
# it would have no permissions) and no glossary. Kept once, after migrating, and put
# back before each transactional test whose database lacks it. Django's own answer,
# serialized_rollback, collides with the content types post_migrate recreates.
_SEEDED_MODELS = ("auth.Group", "healthinfo.GlossaryTerm", "healthinfo.LayTerm")


@pytest.fixture(scope="session")
def _seeded_data(django_db_setup, django_db_blocker):
    from django.apps import apps
    from django.core import serializers

    with django_db_blocker.unblock():
        return {
            label: serializers.serialize(
                "json",
                apps.get_model(label).objects.all(),
                use_natural_foreign_keys=True,
            )
            for label in _SEEDED_MODELS
        }


def _is_transactional(request):
    marker = request.node.get_closest_marker("django_db")
    if marker and (marker.kwargs.get("transaction") or marker.args[:1] == (True,)):
        return True
    return bool({"transactional_db", "live_server"} & set(request.fixturenames))


@pytest.fixture(autouse=True)
def _seeded_data_after_flush(request):
    if not _is_transactional(request):
        return
    from django.apps import apps
    from django.core import serializers

    seeded = request.getfixturevalue("_seeded_data")
    request.getfixturevalue("transactional_db")
    for label, data in seeded.items():
        if apps.get_model(label).objects.exists():
            continue
        for item in serializers.deserialize("json", data, handle_forward_references=True):
            item.save()
