"""Middleware of the site."""

import logging
import unicodedata
from urllib.parse import unquote

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.utils import translation

from healthinfo.views.errors import bad_request, database_unavailable, payload_too_large

logger = logging.getLogger("healthinfo.database")
request_logger = logging.getLogger("healthinfo.requests")

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


def _has_control_character(text):
    return any(unicodedata.category(char) == "Cc" for char in text)


class MalformedRequestMiddleware:
    """
    Refuse addresses and cookies no browser sends, before any work.

    A NUL byte reaches PostgreSQL as an error ("text fields cannot contain NUL"),
    so a path such as ``/en/reviews/calendar/%00.ics`` or an admin search for
    ``%00`` used to be a 500 with a traceback. Control characters cannot be
    part of a real page's address: such a path, or a query string holding a
    NUL, gets the 400 page (one log line). So does a cookie holding a control
    character (browsers refuse to store one, so only a tool or a tampered
    browser sends it); the 400 response also expires the damaged cookies, so a
    reader whose browser somehow kept one is back on the page at the next
    reload instead of being locked out. Form fields are checked by Django's
    forms, which refuse NUL in every ``CharField``.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        problem = None
        damaged_cookies = [
            name for name, value in request.COOKIES.items() if _has_control_character(name + value)
        ]
        if _has_control_character(request.path):
            problem = "a control character in the path"
        elif "\x00" in unquote(request.META.get("QUERY_STRING", ""), errors="replace"):
            problem = "a NUL byte in the query string"
        elif damaged_cookies:
            problem = "a control character in a cookie"
        if not problem:
            return self.get_response(request)
        request_logger.warning(
            "Malformed request refused with 400 (%s): %s %r",
            problem,
            request.method,
            request.get_full_path()[:200],
        )
        # Before LocaleMiddleware: the address's own /es/ says which language to answer in.
        with translation.override(translation.get_language_from_path(request.path_info)):
            response = bad_request(request, damaged_cookie=bool(damaged_cookies))
        response._has_been_logged = True  # the line above says it all (not django.request)
        for name in damaged_cookies:
            if not _has_control_character(name):  # a name no header can carry back
                response.delete_cookie(name)
        return response


def limit_request_body(max_bytes):
    """
    Mark a public view whose POST bodies may be at most ``max_bytes`` long.

    ``RequestBodyLimitMiddleware`` refuses a longer body with 413 before
    anything reads it (the CSRF check would otherwise parse it first), so a
    reader's form costs the same whatever a client sends. Django's own
    ``DATA_UPLOAD_MAX_MEMORY_SIZE`` stays as it is for the staff's admin forms.
    """

    def decorator(view):
        view.max_request_body = max_bytes
        return view

    return decorator


class RequestBodyLimitMiddleware:
    """Answer 413 to a POST longer than its view's ``limit_request_body`` (before CSRF reads it)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        limit = getattr(view_func, "max_request_body", None)
        if limit is None or request.method in ("GET", "HEAD", "OPTIONS"):
            return None
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0  # Django reads no body without a valid length either
        if length <= limit:
            return None
        request_logger.warning(
            "Request body of %d bytes refused with 413 (at most %d): %s %s",
            length,
            limit,
            request.method,
            request.path,
        )
        _discard_body(request, length)
        response = payload_too_large(request)
        response._has_been_logged = True
        return response


# Read and thrown away, up to this much, before a 413 is sent (see _discard_body).
DISCARD_AT_MOST_BYTES = 16 * 1024 * 1024


def _discard_body(request, length):
    """
    Read an over-long body without keeping or parsing it, so that the 413 reaches the reader.

    A server that answers and closes while the body is still arriving makes the
    kernel reset the connection, and the browser then shows "connection reset"
    instead of our page. Reading costs only the transfer (a few milliseconds for
    megabytes on a LAN); parsing it was the expensive part. Bodies beyond
    ``DISCARD_AT_MOST_BYTES`` are not read: such a sender gets the reset.
    """
    if length > DISCARD_AT_MOST_BYTES:
        return
    stream = request.META.get("wsgi.input")
    if stream is None:
        return
    remaining = length
    try:
        while remaining > 0:
            chunk = stream.read(min(remaining, 64 * 1024))
            if not chunk:
                break
            remaining -= len(chunk)
    except OSError:
        pass  # the sender went away: nothing to answer
