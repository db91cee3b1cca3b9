"""
Error pages that must render when the site's own services are failing.

They use neither the database nor the cache (no context processors, no user,
no category menu), so they still work during the outage they report.
"""

import sys

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseServerError
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers

# How long we suggest browsers and crawlers wait before asking again: about
# as long as a database restart or a failover takes.
RETRY_AFTER_SECONDS = 30


def _render(template_name, **context):
    # No request: context processors would query the database.
    return render_to_string(template_name, {"site_name": settings.SITE_NAME, **context})


def bad_request(request, exception=None, *, damaged_cookie=False):
    """
    The friendly 400 page (``handler400``, and malformed addresses refused by middleware).

    Rendered without the database, like the other error pages: a request that
    is refused as malformed must not reach it.
    """
    # A form larger than DATA_UPLOAD_MAX_MEMORY_SIZE (a staff save with pasted pictures)
    # gets its own explanation: nothing was saved, and why.
    too_large = isinstance(exception, RequestDataTooBig)
    return HttpResponseBadRequest(
        _render("400.html", too_large=too_large, damaged_cookie=damaged_cookie)
    )


def payload_too_large(request):
    """413: a reader's form sent far more text than any field of it can hold."""
    return HttpResponse(_render("413.html"), status=413)


def database_unavailable(request):
    """503 Service Unavailable with a Retry-After header, shown while the database is down."""
    response = HttpResponse(_render("503.html"), status=503)
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    # Proxies and browsers must not keep the error in place of the page.
    add_never_cache_headers(response)
    return response


def server_error(request):
    """
    The friendly 500 page (``handler500``): no traceback, no database.

    Django calls it for exceptions raised outside views too (a session saved
    by middleware as the database goes away); those outages get the 503 page.
    """
    from healthinfo.middleware import DATABASE_OUTAGE_ERRORS

    if isinstance(sys.exc_info()[1], DATABASE_OUTAGE_ERRORS):
        return database_unavailable(request)
    return HttpResponseServerError(_render("500.html"))
