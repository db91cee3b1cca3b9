"""
Whole reader pages, rendered once and shared by every reader without a session.

Most readers arrive from a search engine with no cookies. For them an article,
the home page, a category or the A-Z list is the same HTML, except for two
values that must be their own: the CSRF token of the forms, and the moment
the question form was shown (``comments.tokens.form_token``). Such a page is
rendered once with placeholders where those values go, and stored in the
shared cache; each request fills in its own values. A hit costs one or two
cache round trips and no SQL, on every app server sharing the cache.

A reader with a session (they asked a question, voted on a page, or signed
in) or with a message waiting always gets a page rendered for them, because
it shows things that are theirs. So does a request with query parameters the
view does not recognise.

Freshness: an entry records the cache generations (``healthinfo.cache``) that
were current when it was rendered, and is served only while every one of them
still is, on the same day (overdue notices and review dates are worded per
day), and before its ``expires_at`` (the next scheduled publish or unpublish
that would change it). Generations are read *before* the page's queries, so a
change committed during rendering makes the stored copy stale at once.
"""

import hashlib
import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import wraps

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone, translation

from healthinfo.cache import CONTENT_GENERATION_KEY, LISTINGS_GENERATION_KEY, generation

logger = logging.getLogger(__name__)

# The version changes whenever Entry does, so that no older pickled entry is read.
ENTRY_KEY = "shared-page:v2:{digest}"
ENTRY_SECONDS = 3600

# Markers written where a reader's own values go. They cannot come from content:
# nothing a reader or an editor writes is output unescaped inside an attribute.
CSRF_PLACEHOLDER = "shared-page-csrf-token-6f1c9b2e"

# {placeholder: function(request) -> the value for this request}
_per_reader_values = {CSRF_PLACEHOLDER: get_token}

# Pages that list articles: they change with any article, translation or category.
LISTING_PAGE = (CONTENT_GENERATION_KEY, LISTINGS_GENERATION_KEY)


def fill_per_reader(placeholder, value_for):
    """Replace ``placeholder`` in shared pages with ``value_for(request)`` on every request."""
    _per_reader_values[placeholder] = value_for


@dataclass
class Entry:
    """One shared page as stored in the cache."""

    content: bytes
    headers: list
    # {generation cache key: the token it had when the page was rendered}
    generations: dict
    day: str
    expires_at: datetime | None = None
    # The placeholders the content holds, found once when it was stored.
    placeholders: tuple = ()


@dataclass
class SharedRender:
    """
    What a page being rendered for everyone depends on.

    Views and the parts of a page find it with ``shared_render(request)`` and
    add what they read: a generation key, or the moment the page stops being right.
    """

    generations: dict
    expires_at: datetime | None = None
    day: str = field(default_factory=lambda: timezone.localdate().isoformat())
    private: bool = False

    def depend_on(self, key):
        """The page shows data whose cache generation is stored under ``key``."""
        if key not in self.generations:
            self.generations[key] = generation(key)

    def expire_at(self, moment):
        """The page must not be served from ``moment`` on (None: no such moment)."""
        if moment is not None and (self.expires_at is None or moment < self.expires_at):
            self.expires_at = moment

    def keep_private(self):
        """
        Do not store this rendering: it answers a request that only looks like a
        shared page (a page number past the end, an unknown letter), and storing
        every such variant would let anyone fill the cache.
        """
        self.private = True


def shared_render(request):
    """The ``SharedRender`` when ``request`` is rendering a page for everyone, else None."""
    return getattr(request, "shared_page", None)


def can_share(request):
    """True when nothing on the page can belong to this reader."""
    cookies = request.COOKIES
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in cookies
        and CookieStorage.cookie_name not in cookies
    )


def _entry_key(request, variant):
    where = "\n".join((request.get_host(), request.path, translation.get_language() or "", variant))
    return ENTRY_KEY.format(digest=hashlib.blake2b(where.encode(), digest_size=16).hexdigest())


def _placeholders_in(content):
    return tuple(marker for marker in _per_reader_values if marker.encode() in content)


def _fill(request, content, placeholders):
    for placeholder in placeholders:
        value = _per_reader_values[placeholder](request)
        content = content.replace(placeholder.encode(), value.encode())
    return content


# {entry key: the generation keys the entry depended on when this process last
# saw it}. Only a hint, so that one round trip fetches the entry and all of its
# generations (an article page's own generation is only known from the entry);
# every hit still checks every generation the entry records.
_dependency_hints = {}
MAX_HINTS = 50_000


def _remember_dependencies(key, entry):
    if len(_dependency_hints) >= MAX_HINTS:
        _dependency_hints.clear()
    _dependency_hints[key] = tuple(entry.generations)


def _is_current(entry, tokens, now):
    if entry.day != timezone.localdate(now).isoformat():
        return False
    if entry.expires_at is not None and entry.expires_at <= now:
        return False
    missing = [key for key in entry.generations if key not in tokens]
    if missing:
        tokens = {**tokens, **cache.get_many(missing)}
    return all(tokens.get(key) == token for key, token in entry.generations.items())


def serve(request, render, *, variant="", depends_on=LISTING_PAGE):
    """
    The response of ``render()`` for ``request``: from the shared cache when it can be.

    ``render`` is the view itself (it returns an ``HttpResponse``). ``variant``
    names what in the query string changes the page (already validated by the
    caller); ``depends_on`` are the generation keys every variant depends on.
    """
    if not can_share(request):
        return render()
    key = _entry_key(request, variant)
    now = timezone.now()
    try:
        keys = dict.fromkeys((key, *depends_on, *_dependency_hints.get(key, ())))
        found = cache.get_many(list(keys))
        entry = found.pop(key, None)
        if entry is not None and _is_current(entry, found, now):
            _remember_dependencies(key, entry)
            response = HttpResponse(_fill(request, entry.content, entry.placeholders))
            for name, value in entry.headers:
                response[name] = value
            return response
        shared = SharedRender({name: generation(name) for name in depends_on})
    except Exception:
        logger.warning("Shared page not cached: the cache is unavailable.", exc_info=True)
        return render()
    request.shared_page = shared
    try:
        response = render()
    finally:
        del request.shared_page
    if response.streaming:
        return response
    placeholders = _placeholders_in(response.content)
    if not shared.private and _shareable(request, response):
        _store(key, response, shared, now, placeholders)
    # Filled whether stored or not: a rendering kept private was made with placeholders too.
    response.content = _fill(request, response.content, placeholders)
    return response


def _shareable(request, response):
    session = getattr(request, "session", None)
    return (
        response.status_code == 200
        and not response.cookies
        and not (session is not None and session.modified)
    )


def _store(key, response, shared, now, placeholders):
    timeout = ENTRY_SECONDS
    if shared.expires_at is not None:
        timeout = int((shared.expires_at - now) / timedelta(seconds=1))
        if timeout < 1:
            return
        timeout = min(timeout, ENTRY_SECONDS)
    entry = Entry(
        content=response.content,
        headers=list(response.items()),
        generations=shared.generations,
        day=shared.day,
        expires_at=shared.expires_at,
        placeholders=placeholders,
    )
    _remember_dependencies(key, entry)
    try:
        cache.set(key, entry, timeout)
    except Exception:
        logger.warning("Shared page not cached: the cache is unavailable.", exc_info=True)


def shared_page(variant=None, depends_on=LISTING_PAGE):
    """
    Decorate a reader view so that readers without a session share one rendering of it.

    ``variant(request)`` returns a short string naming the page's query
    parameters once validated, or None to render this request on its own
    (parameters it does not know, values out of range). By default only a
    request without a query string is shared.
    """

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            name = variant(request) if variant else ("" if not request.GET else None)
            if name is None:
                return view(request, *args, **kwargs)
            return serve(
                request,
                lambda: view(request, *args, **kwargs),
                variant=name,
                depends_on=depends_on,
            )

        return wrapper

    return decorator


def page_number_variant(*names):
    """
    A ``variant`` for pages whose query string may hold ``page`` and ``names``:
    a page number up to 9999 and one ASCII letter (or "#") for each of ``names``.
    The view calls ``keep_private()`` when the page it shows is not the one asked for.
    """

    def variant(request):
        allowed = {"page", *names}
        if not set(request.GET) <= allowed or any(
            len(request.GET.getlist(name)) > 1 for name in request.GET
        ):
            return None
        page = request.GET.get("page", "1")
        if not (page.isascii() and page.isdigit() and 1 <= len(page) <= 4):
            return None
        values = [f"page={int(page)}"]
        for name in names:
            value = request.GET.get(name, "")
            if len(value) > 1 or not (value.isascii() and (value.isalpha() or value in "#")):
                return None
            values.append(f"{name}={value.upper()}")
        return "&".join(values)

    return variant
