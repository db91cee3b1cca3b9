"""Middleware of the site."""

import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError

from healthinfo.views.errors import database_unavailable

logger = logging.getLogger("healthinfo.database")

# What Django raises when it cannot reach the database or loses the connection
# (server down or restarting, network cut, connection killed, timeout).
DATABASE_OUTAGE_ERRORS = (OperationalError, InterfaceError)


class DatabaseOutageMiddleware:
    """
    Answer 503 with a friendly, translated page and ``Retry-After`` when the database is down.

    A 500 would tell readers the site is broken and show them nothing useful;
    the 503 page says it is temporary and repeats where to get urgent help.
    Nothing needs restarting afterwards: with ``CONN_HEALTH_CHECKS`` Django
    drops the dead connection and reconnects on the next request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        # In development the technical error page (a missing migration, a
        # stopped local server) helps more than the readers' page.
        if settings.DEBUG or not isinstance(exception, DATABASE_OUTAGE_ERRORS):
            return None
        # One line, no traceback: during an outage every request fails the same way.
        first_line = str(exception).strip().splitlines()[0] if str(exception).strip() else ""
        logger.error(
            "Database unavailable, answering 503 to %s %s: %s: %s",
            request.method,
            request.path,
            type(exception).__name__,
            first_line,
        )
        return database_unavailable(request)
