"""
Whole reader pages, rendered once and shared by every reader.

Most readers arrive from a search engine with no cookies. For them an article,
the home page, a category or the A-Z list is the same HTML: the page carries no
value of its own for any reader. Its forms get their CSRF token and the
question form's signed timestamp from a small request the page makes when a
reader starts using a form (``healthinfo.views.form_tokens``; without
JavaScript the forms are one click away, on pages of their own). So a page is
rendered once, stored in the shared cache and in the process's memory, served
as it is, and marked for HTTP caches in front (``healthinfo.pagecache.http_cache``).

A reader with a session (she signed in), reader state (she asked a question or
voted: ``healthinfo.reader_state``) or a message waiting gets the same stored
page with her own parts filled in: the
*reader slots* a template marks with ``{% reader_slot %}`` (her questions
awaiting review with the emergency box, her vote, her messages), each filled by
a function registered with ``fill_slot``. Only when no stored copy is current
is a page rendered for her alone (and not stored).

Freshness: an entry records the cache generation tokens it was built from
(``healthinfo.cache``; kept in the database, read before the page's queries),
and is served only while every one of them is current (as this process read
them less than ``SHARED_PAGE_RECHECK_SECONDS`` ago; an HTTP cache in front that
fetched a page judged on the previous tokens is purged again once that time has
passed: ``http_cache.purge_after_change``), on the same day
(overdue notices and review dates are worded per day), and before its
``expires_at`` (the next scheduled publish or unpublish that would change it).

No stampede: when a page must be rendered again, one request renders it (a
lock in the shared cache); meanwhile the others get the previous copy, for at
most ``SHARED_PAGE_GRACE_SECONDS`` after the change, or wait for the new one.
"""

import hashlib
import logging
import re
import threading
import time
import uuid
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import wraps

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.dispatch import Signal
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from healthinfo.cache import CONTENT_GENERATION_KEY, LISTINGS_GENERATION_KEY
from healthinfo.pagecache import generations
from healthinfo.pagecache.http_cache import (
    private_answer,
    shared_answer,
    shared_cache_control,
)

logger = logging.getLogger(__name__)

# The version changes whenever Entry does, so that no older pickled entry is read.
ENTRY_KEY = "shared-page:v3:{digest}"
ENTRY_SECONDS = 3600
# A render holds its page's lock at most this long (a crashed worker's lock expires).
RENDER_LOCK_SECONDS = 10
# A request that finds another rendering its page waits this long for it, then renders too.
WAIT_FOR_RENDER_SECONDS = 3.0
WAIT_STEP_SECONDS = 0.02

# Pages that list articles: they change with any article, translation or category.
LISTING_PAGE = (CONTENT_GENERATION_KEY, LISTINGS_GENERATION_KEY)

# Answers kept for one stored page (SharedPageMiddleware): the same page may be asked
# for under several query strings or host ports, and each is kept on its own.
ANSWERS_PER_PAGE = 8

# Sent after a page was rendered to be shared (the benchmark counts them).
page_rendered = Signal()

# Headers the shared answer decides per response, never stored with the page.
_PER_ANSWER_HEADERS = {"cache-control", "vary", "x-cache-tags", "set-cookie"}

SLOT_START = "<!--reader-slot:{name}:{argument}-->"
SLOT_END = "<!--/reader-slot-->"
_SLOT = re.compile(rb"<!--reader-slot:([a-z-]+):([0-9A-Za-z_-]*)-->(.*?)<!--/reader-slot-->", re.S)

# {slot name: function(request, argument) -> HTML of this reader, or None for the default}
_slot_fillers = {}
# {slot name: function(request, argument) -> cache generation keys the filler will read}
_slot_keys = {}


def fill_slot(name, filler, keys=None):
    """
    Fill the reader slot ``name`` with ``filler(request, argument)`` for readers with
    a session or reader state. ``keys(request, argument)`` names the cache generations
    the filler reads: they are read with the page's own (one query, or none).
    """
    _slot_fillers[name] = filler
    if keys is not None:
        _slot_keys[name] = keys


def slot_markup(name, argument, default_html):
    """``default_html`` marked as the reader slot ``name`` (``{% reader_slot %}`` calls it)."""
    start = SLOT_START.format(name=name, argument=argument)
    return mark_safe(f"{start}{default_html}{SLOT_END}")


@dataclass
class Entry:
    """One shared page as stored in the cache."""

    content: bytes
    headers: list
    # {generation key: the token it had when the page was rendered}
    generations: dict
    day: str
    expires_at: datetime | None = None
    # (start, end, name, argument) of each reader slot in ``content``.
    slots: tuple = ()
    built_at: datetime | None = None


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
            self.generations[key] = generations.token(key)

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


def is_anonymous(request):
    """
    True when nothing of this reader's own can be on the page (no session, no reader
    state, no message).
    """
    cookies = request.COOKIES
    return (
        settings.SESSION_COOKIE_NAME not in cookies
        and settings.READER_STATE_COOKIE_NAME not in cookies
        and CookieStorage.cookie_name not in cookies
    )


def _entry_key(request, variant):
    # The request's address is part of the page (canonical link, JSON-LD, hreflang)
    # when SITE_URL is empty; the scheme too (healthinfo.site_address).
    where = "\n".join(
        (
            f"{request.scheme}://{request.get_host()}",
            request.path,
            translation.get_language() or "",
            variant,
        )
    )
    return ENTRY_KEY.format(digest=hashlib.blake2b(where.encode(), digest_size=16).hexdigest())


@dataclass(frozen=True)
class _Answer:
    """
    The whole answer the site gave a reader without a session for one of this
    process's pages: every header as the middleware stack left it (see ``replay``).
    """

    key: str
    entry: Entry
    headers: dict


class _LocalPages:
    """
    The shared pages this process served last, up to ``SHARED_PAGE_LOCAL_BYTES``,
    and the answers given with them (``replay``): an answer goes with its page.
    """

    def __init__(self):
        self._entries = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        # {request path: {(query string, scheme, host): _Answer}}
        self._answers = {}
        # {entry key: {(request path, (query string, scheme, host)), ...}}
        self._answered = {}

    def get(self, key):
        if not settings.SHARED_PAGE_LOCAL_BYTES:
            return None
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
            return entry

    def put(self, key, entry):
        limit = settings.SHARED_PAGE_LOCAL_BYTES
        size = len(entry.content)
        with self._lock:
            self._drop(key)
            if size > limit // 8:
                return
            self._entries[key] = entry
            self._bytes += size
            while self._bytes > limit:
                self._drop(next(iter(self._entries)))

    def _drop(self, key):
        old = self._entries.pop(key, None)
        if old is not None:
            self._bytes -= len(old.content)
        for path, where in self._answered.pop(key, ()):
            answers = self._answers.get(path, {})
            answers.pop(where, None)
            if not answers:
                self._answers.pop(path, None)

    def keep_answer(self, path, where, answer):
        """Keep ``answer`` for requests to ``path`` from ``where``, while its page is kept."""
        with self._lock:
            if self._entries.get(answer.key) is not answer.entry:
                return  # replaced or dropped meanwhile
            answered = self._answered.get(answer.key, ())
            if len(answered) >= ANSWERS_PER_PAGE and (path, where) not in answered:
                return  # one page under many spellings (?untranslated=1, =2…): bounded
            self._answers.setdefault(path, {})[where] = answer
            self._answered.setdefault(answer.key, set()).add((path, where))

    def answers_for(self, path):
        """``{(query string, scheme, host): _Answer}`` kept for ``path`` (None when none)."""
        return self._answers.get(path)

    def answer(self, answers, where):
        """The answer for ``where`` among ``answers`` while its page is still the one kept."""
        with self._lock:
            answer = answers.get(where)
            if answer is None or self._entries.get(answer.key) is not answer.entry:
                return None
            self._entries.move_to_end(answer.key)
            return answer

    def clear(self):
        with self._lock:
            self._entries.clear()
            self._bytes = 0
            self._answers.clear()
            self._answered.clear()


local_pages = _LocalPages()


@dataclass
class _Verdict:
    fresh: bool
    # When the change that made the entry stale was committed (None: not a change, or unknown).
    changed_at: datetime | None = None


def _judge(entry, depends_on, now, recent=False, request=None):
    if entry.day != timezone.localdate(now).isoformat():
        return _Verdict(False)
    if entry.expires_at is not None and entry.expires_at <= now:
        return _Verdict(False)
    # The reader's own slots' generations come along (remembered for the request).
    own = _reader_keys(request, entry) if request is not None else []
    current = generations.current([*depends_on, *entry.generations, *own], recent=recent)
    if any(key not in entry.generations for key in depends_on):
        return _Verdict(False)
    changed = [
        current[key] for key, token in entry.generations.items() if current[key].token != token
    ]
    if not changed:
        return _Verdict(True)
    moments = [generation.changed_at for generation in changed]
    return _Verdict(False, None if None in moments else max(moments))


def _reader_keys(request, entry):
    keys = []
    for _start, _end, name, argument in entry.slots:
        slot_keys = _slot_keys.get(name)
        if slot_keys is not None:
            keys.extend(slot_keys(request, argument))
    return keys


def _find(key, depends_on, now, recent, request=None):
    """
    (entry or None, verdict or None): this process's copy when current, else the cache's.
    With ``request`` (a reader with her own parts) her slots' generations are read too.
    """
    entry = local_pages.get(key)
    verdict = _judge(entry, depends_on, now, recent, request) if entry is not None else None
    if verdict is not None and verdict.fresh:
        return entry, verdict
    stored = cache.get(key)
    if stored is not None and (entry is None or stored.built_at != entry.built_at):
        stored_verdict = _judge(stored, depends_on, now, recent, request)
        if stored_verdict.fresh or entry is None or stored.built_at > entry.built_at:
            local_pages.put(key, stored)
            return stored, stored_verdict
    return entry, verdict


def _within_grace(verdict, now):
    grace = settings.SHARED_PAGE_GRACE_SECONDS
    return (
        verdict is not None
        and verdict.changed_at is not None
        and grace > 0
        and now - verdict.changed_at <= timedelta(seconds=grace)
    )


def _wait_for_render(key, depends_on):
    """The entry another request is rendering, once stored and current; None after a while."""
    deadline = time.monotonic() + WAIT_FOR_RENDER_SECONDS
    while time.monotonic() < deadline:
        time.sleep(WAIT_STEP_SECONDS)
        stored = cache.get(key)
        if stored is not None and _judge(stored, depends_on, timezone.now()).fresh:
            local_pages.put(key, stored)
            return stored
        if not cache.get(f"{key}:rendering"):
            return None  # the renderer gave up (an error, a page it kept private)
    return None


def serve(request, render, *, variant="", depends_on=LISTING_PAGE, tokens_in_view=False):
    """
    The response of ``render()`` for ``request``: a shared copy when there is a current one.

    ``render`` is the view itself (it returns an ``HttpResponse``). ``variant``
    names what in the query string changes the page (already validated by the
    caller); ``depends_on`` are the generation keys every variant depends on.
    With ``tokens_in_view`` the view reads their tokens with its first query
    (``generations.token_subquery``) and calls ``depend_on`` for each; otherwise
    they are read before the view runs.
    """
    if request.method not in ("GET", "HEAD"):
        return render()
    anonymous = is_anonymous(request)
    key = _entry_key(request, variant)
    now = timezone.now()
    lock = None
    try:
        entry, verdict = _find(key, depends_on, now, True, None if anonymous else request)
        if entry is not None and verdict.fresh:
            return _answer(request, key, entry, anonymous, now)
        if not anonymous:
            # Her own rendering; the next reader without a session stores the shared one.
            return private_answer(render())
        lock = f"{key}:rendering"
        if not cache.add(lock, uuid.uuid4().hex, RENDER_LOCK_SECONDS):
            lock = None
            if entry is not None and _within_grace(verdict, now):
                return _answer(request, key, entry, anonymous, now)
            rendered = _wait_for_render(key, depends_on)
            if rendered is not None:
                return _answer(request, key, rendered, anonymous, timezone.now())
        else:
            # Another request may have stored it between our look and the lock.
            stored = cache.get(key)
            if stored is not None and _judge(stored, depends_on, now).fresh:
                _release(lock)
                lock = None
                local_pages.put(key, stored)
                return _answer(request, key, stored, anonymous, now)
        shared = SharedRender(
            {}
            if tokens_in_view
            else {name: found.token for name, found in generations.current(depends_on).items()}
        )
    except Exception:
        logger.warning("Shared page not cached: the cache is unavailable.", exc_info=True)
        if lock:
            _release(lock)
        return render()
    request.shared_page = shared
    try:
        response = render()
        if response.streaming:
            return response
        # A dependency the view did not read before its data cannot be vouched for.
        complete = all(name in shared.generations for name in depends_on)
        if complete and not shared.private and _shareable(request, response):
            # Stored before the lock goes: a request waiting for it finds the page.
            entry = _store(key, response, shared, now)
            page_rendered.send(sender=serve, path=request.path, stored=entry is not None)
            if entry is not None:
                return _answer(request, key, entry, anonymous, now)
        return private_answer(response)
    finally:
        del request.shared_page
        if lock:
            _release(lock)


def _release(lock):
    try:
        cache.delete(lock)
    except Exception:
        logger.warning("Shared page lock not released (it expires by itself).", exc_info=True)


def _answer(request, key, entry, anonymous, now):
    content = entry.content if anonymous else _fill_slots(request, entry)
    response = HttpResponse(content)
    for name, value in entry.headers:
        response[name] = value
    if anonymous:
        # SharedPageMiddleware keeps the answer as the stack finishes it (``remember``).
        response.shared_page_entry = (key, entry)
        return shared_answer(response, keys=entry.generations, expires_at=entry.expires_at, now=now)
    return private_answer(response)


def _where(request):
    """
    What the answer to a reader without a session depends on besides the path: the
    query string, the scheme and the host (``get_host`` refuses one not allowed).
    """
    return (request.META.get("QUERY_STRING", ""), request.scheme, request.get_host())


def replay(request):
    """
    The answer the whole stack gave last for this page, when it is still current; else None.

    For a reader without a session, the site's answer to a shared page depends
    only on the address (``Vary: Cookie``, the same contract that lets an HTTP
    cache keep it): every middleware's part of it (security headers, CSP,
    language) was decided by the same path, query string, scheme and host. So
    the headers the stack gave are kept with the page (``remember``) and given
    again, with ``Cache-Control`` worked out for now; the page is judged
    current exactly as ``serve`` judges it (same tokens, same day, same
    ``expires_at``). Anything else (a page not kept, a stale one, an error)
    goes through the whole stack.
    """
    answers = local_pages.answers_for(request.path)
    if not answers or request.method not in ("GET", "HEAD") or not is_anonymous(request):
        return None
    try:
        answer = local_pages.answer(answers, _where(request))
        if answer is None:
            return None
        now = timezone.now()
        # Its dependencies were checked when the answer was kept: the page's own tokens cover them.
        if not _judge(answer.entry, (), now, True).fresh:
            return None
    except Exception:
        return None  # a host not allowed, no database nor cache copy: the stack answers
    response = HttpResponse(answer.entry.content, headers=answer.headers)
    response["Cache-Control"] = shared_cache_control(answer.entry.expires_at, now)
    return response


def remember(request, response):
    """Keep ``response`` for ``replay``: a shared page's answer, as the whole stack finished it."""
    kept = getattr(response, "shared_page_entry", None)
    if (
        kept is None
        or request.method not in ("GET", "HEAD")
        or response.status_code != 200
        or response.streaming
        or response.cookies
        or not is_anonymous(request)
        # Nothing after serve() made it another reader's own or uncacheable.
        or not response.get("Cache-Control", "").startswith("public, ")
        # The language is the address's (not a header's or a cookie's).
        or response.get("Content-Language") != translation.get_language_from_path(request.path_info)
    ):
        return
    key, entry = kept
    try:
        where = _where(request)
    except Exception:
        return
    local_pages.keep_answer(request.path, where, _Answer(key, entry, dict(response.items())))


class SharedPageMiddleware:
    """
    Answer readers without a session from the process's copy of a shared page
    before the rest of the stack runs (``replay``), with the headers the stack
    gave that page (``remember``). Near the top of ``MIDDLEWARE``: only what
    must see every request (the malformed-request check, the bench's counter)
    comes before it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = replay(request)
        if response is None:
            response = self.get_response(request)
            remember(request, response)
        return response


def _fill_slots(request, entry):
    content = entry.content
    for start, end, name, argument in reversed(entry.slots):
        filler = _slot_fillers.get(name)
        html = filler(request, argument) if filler else None
        if html is not None:
            content = b"".join((content[:start], str(html).encode(), content[end:]))
    return content


def _shareable(request, response):
    session = getattr(request, "session", None)
    state = getattr(request, "_reader_state", None)
    return (
        response.status_code == 200
        and not response.cookies
        and not (session is not None and session.modified)
        and not (state is not None and state.modified)
    )


def _slots_in(content):
    return tuple(
        (match.start(3), match.end(3), match[1].decode(), match[2].decode())
        for match in _SLOT.finditer(content)
    )


def _store(key, response, shared, now):
    timeout = ENTRY_SECONDS
    if shared.expires_at is not None:
        timeout = int((shared.expires_at - now) / timedelta(seconds=1))
        if timeout < 1:
            return None
        timeout = min(timeout, ENTRY_SECONDS)
    entry = Entry(
        content=response.content,
        headers=[
            (name, value)
            for name, value in response.items()
            if name.lower() not in _PER_ANSWER_HEADERS
        ],
        generations=dict(shared.generations),
        day=shared.day,
        expires_at=shared.expires_at,
        slots=_slots_in(response.content),
        built_at=now,
    )
    local_pages.put(key, entry)
    try:
        cache.set(key, entry, timeout)
    except Exception:
        logger.warning("Shared page not cached: the cache is unavailable.", exc_info=True)
    else:
        generations.keep_copies(entry.generations)
    return entry


def shared_page(variant=None, depends_on=LISTING_PAGE, tokens_in_view=False):
    """
    Decorate a reader view so that readers share one rendering of it.

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
                tokens_in_view=tokens_in_view,
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
