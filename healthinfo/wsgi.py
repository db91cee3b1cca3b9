"""WSGI entry point, used by gunicorn: ``gunicorn healthinfo.wsgi``."""

import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "healthinfo.settings")

application = get_wsgi_application()

# This process answers requests: no wait for PostgreSQL may outlast the
# request deadline (healthinfo/postgresql/base.py). The worker and management
# commands do not load this module and keep the plain waits.
if settings.DATABASES["default"]["ENGINE"] == "healthinfo.postgresql":
    from healthinfo.postgresql.base import limit_waits

    limit_waits(settings.DATABASE_REQUEST_TIMEOUT)

# Loaded before the first request, then out of the garbage collector's way
# (healthinfo/warm_up.py: full collections paused readers for 45-60 ms).
from healthinfo.warm_up import prepare_process  # noqa: E402

prepare_process()
