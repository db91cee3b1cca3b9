"""
The site's address (``scheme://host[:port]``, no trailing slash), for every
absolute link: canonical and ``hreflang`` addresses, JSON-LD, citations, feeds
and the links in emails.

- In production ``settings.SITE_URL`` is the address, whatever host a request
  came in on: emails, feeds, JSON-LD and citations all agree with the canonical
  address of a page.
- When ``SITE_URL`` is empty (development), a page's links follow the address
  the request came to (``request.scheme`` and ``request.get_host()``, so Django's
  ``ALLOWED_HOSTS`` and ``SECURE_PROXY_SSL_HEADER`` apply): ``PORT=8765 make run``
  links to port 8765.
- Emails are written by a background job with no request. A request that
  enqueues one captures its address (``current()``, set for the request by
  ``SiteAddressMiddleware``) and passes it to the job.
- A job no request started (reminders, the moderators' digest) uses
  ``SITE_URL`` or, when it is empty, ``fallback()``: ``https://`` and the first
  host name of ``ALLOWED_HOSTS`` in production (``check --deploy`` says so),
  ``http://`` and that name with the development server's ``PORT`` otherwise.

A plain helper: it imports nothing from the project, so any layer may use it.
"""

import os
from contextvars import ContextVar

from django.conf import settings

# The address of the request being served, set by ``SiteAddressMiddleware``.
_request_address = ContextVar("site_address", default="")


def for_request(request):
    """The address links on a response to ``request`` start with."""
    if settings.SITE_URL:
        return settings.SITE_URL
    return f"{request.scheme}://{request.get_host()}"


def fallback():
    """The address without ``SITE_URL`` or a request (see the module's documentation)."""
    host = fallback_host()
    if settings.DEBUG:
        port = os.environ.get("PORT", "8000")
        return f"http://{host or '127.0.0.1'}:{port}" if port else f"http://{host or '127.0.0.1'}"
    return f"https://{host}" if host else ""


def fallback_host():
    """The first entry of ``ALLOWED_HOSTS`` that names one host ("" when none does)."""
    for host in settings.ALLOWED_HOSTS:
        if host and host != "*" and not host.startswith("."):
            return host
    return ""


def current():
    """``SITE_URL``, else the address of the request being served, else ``fallback()``."""
    return settings.SITE_URL or _request_address.get() or fallback()


def absolute(path, site_url=None):
    """``path`` (starting with "/") on ``site_url``, or on ``current()`` when not given."""
    return f"{site_url or current()}{path}"


class SiteAddressMiddleware:
    """Remember the request's address while it is served, for work it starts (``current()``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_address.set(for_request(request))
        try:
            return self.get_response(request)
        finally:
            _request_address.reset(token)
