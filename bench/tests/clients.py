"""
HTTP clients of the fault and scale-out tests (an admin login, readers asking
questions, a recording load) and what they find in the site's database.
"""

import re
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlencode

import psycopg
from django.conf import settings

from bench.servers import cookies_from, fetch

DEMO_ADMIN = ("admin", "admin-demo-pass")  # created by load_demo, documented in the README
DEMO_MIDWIFE = ("midwife", "midwife-demo-pass")
# The app servers' QUESTIONS_MIN_FILL_SECONDS: readers wait this long after opening the form.
MIN_FILL_SECONDS = 1


def admin_login(server, username, password):
    """Log in through the admin's login form over HTTP; the ``Cookie`` header of the session."""
    status, headers, body = fetch(f"{server.url}/admin/login/")
    assert status == 200, body[:500]
    csrf_cookie = cookies_from(headers)["csrftoken"]
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
    status, headers, body = fetch(
        f"{server.url}/admin/login/?next=/admin/",
        method="POST",
        headers={
            "Cookie": f"csrftoken={csrf_cookie}",
            "Content-Type": "application/x-www-form-urlencoded",
        },
        body=urlencode({"csrfmiddlewaretoken": token, "username": username, "password": password}),
    )
    assert status == 302, body[:2000]
    return f"{settings.SESSION_COOKIE_NAME}={cookies_from(headers)[settings.SESSION_COOKIE_NAME]}"


@dataclass
class Answer:
    started: float
    url: str
    status: int
    retry_after: str | None
    body: str
    label: str | None = None
    finished: float = 0.0


class LoadRecorder:
    """
    Client threads sending requests in turn and recording every answer, until stopped.

    ``requests`` is a list of URLs to GET in turn, or a function
    ``(client, turn) -> keyword arguments of fetch()`` for anything else
    (posting a question, another address); an extra ``label`` keyword is kept
    on the answer (the question posted, say). With ``per_client`` each client
    stops after that many requests; ``wait_until_done()`` waits for them all.
    """

    def __init__(self, requests, clients=4, per_client=None):
        if callable(requests):
            self.request = requests
        else:
            urls = list(requests)
            self.request = lambda client, turn: {"url": urls[(client + turn) % len(urls)]}
        self.per_client = per_client
        self.answers = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=self._run, args=(n,)) for n in range(clients)]

    def __enter__(self):
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc_info):
        self._stop.set()
        for thread in self._threads:
            thread.join(60)

    def _run(self, client):
        turn = 0
        while not self._stop.is_set() and (self.per_client is None or turn < self.per_client):
            request = {"timeout": 30, **self.request(client, turn)}
            label = request.pop("label", None)
            turn += 1
            started = time.monotonic()
            try:
                status, headers, body = fetch(**request)
            except OSError as error:
                answer = Answer(started, request["url"], 0, None, repr(error), label)
            else:
                answer = Answer(
                    started,
                    request["url"],
                    status,
                    headers.get("Retry-After"),
                    body.decode(errors="replace"),
                    label,
                )
            answer.finished = time.monotonic()
            with self._lock:
                self.answers.append(answer)

    def wait_until_done(self, timeout=120):
        """Wait for clients with a ``per_client`` bound to send all their requests."""
        deadline = time.monotonic() + timeout
        for thread in self._threads:
            thread.join(max(0.0, deadline - time.monotonic()))
        if any(thread.is_alive() for thread in self._threads):
            raise AssertionError(f"Clients still running after {timeout} s")

    def wait_for(self, predicate, count, timeout=60):
        """Wait until ``count`` answers satisfy ``predicate``."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                if sum(1 for answer in self.answers if predicate(answer)) >= count:
                    return
            time.sleep(0.02)
        with self._lock:
            statuses = sorted({answer.status for answer in self.answers})
        raise AssertionError(f"Timed out waiting for {count} answers; statuses seen: {statuses}")


def admin_logout(server, cookie):
    """Log out through the admin's logout form (a POST with a CSRF token)."""
    status, headers, body = fetch(f"{server.url}/admin/", headers={"Cookie": cookie})
    assert status == 200, body[:500]
    csrf_cookie = cookies_from(headers)["csrftoken"]
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
    status, _, body = fetch(
        f"{server.url}/admin/logout/",
        method="POST",
        headers={
            "Cookie": f"{cookie}; csrftoken={csrf_cookie}",
            "Content-Type": "application/x-www-form-urlencoded",
        },
        body=urlencode({"csrfmiddlewaretoken": token}),
    )
    assert status in {200, 302}, body[:2000]


class Reader:
    """
    A reader's browser: a cookie jar, an address, and the question form.

    The app servers sit behind a load balancer that appends the reader's
    address to ``X-Forwarded-For`` (``DJANGO_TRUSTED_PROXY_COUNT=1``), which is
    how production tells readers apart; requests carry it the same way.
    """

    def __init__(self, address):
        self.address = address
        self.cookies = {}
        self.csrf_token = None
        self.form_token = None

    def headers(self, **extra):
        headers = {"X-Forwarded-For": self.address, **extra}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        return headers

    def get(self, url, **kwargs):
        status, headers, body = fetch(url, headers=self.headers(), **kwargs)
        self.cookies.update(cookies_from(headers))
        return status, headers, body

    def open_form(self, server, slug):
        """Load the question form: its CSRF token and its signed "form shown at" timestamp."""
        status, _, body = self.get(f"{server.url}/en/articles/{slug}/questions/")
        assert status == 200, body[:500]
        self.csrf_token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)[1]
        self.form_token = re.search(rb'name="started" value="([^"]+)"', body)[1]
        return self

    def ask_request(self, server, slug, body, timeout=30, email=""):
        """The keyword arguments of ``fetch()`` that post ``body`` with the form's tokens."""
        assert self.form_token, "open_form() first"
        return {
            "url": f"{server.url}/en/articles/{slug}/questions/",
            "method": "POST",
            "headers": self.headers(**{"Content-Type": "application/x-www-form-urlencoded"}),
            "body": urlencode(
                {
                    "csrfmiddlewaretoken": self.csrf_token.decode(),
                    "started": self.form_token.decode(),
                    "body": body,
                    "display_name": "",
                    "email": email,
                    "website": "",  # the honeypot, left empty as people do
                }
            ),
            "timeout": timeout,
        }

    def ask(self, server, slug, body, timeout=30, email=""):
        """Post a question; the status (302: accepted, 429: rate limited)."""
        status, headers, _ = fetch(**self.ask_request(server, slug, body, timeout, email))
        self.cookies.update(cookies_from(headers))
        return status


def open_forms(server, slug, addresses):
    """Readers at ``addresses`` who opened the question form long enough ago to post it."""
    readers = [Reader(address).open_form(server, slug) for address in addresses]
    time.sleep(MIN_FILL_SECONDS + 0.1)
    return readers


def stored_questions(env, marker):
    """The bodies of the questions in the site's database that contain ``marker``."""
    with psycopg.connect(env["DATABASE_URL"]) as connection:
        rows = connection.execute(
            "SELECT body FROM comments_question WHERE body LIKE %s", [f"%{marker}%"]
        ).fetchall()
    return [body for (body,) in rows]


def approve_and_reply(server, cookie, question_number, reply):
    """A midwife approves a question and replies on its moderation page in the admin."""
    url = f"{server.url}/admin/comments/question/{question_number}/change/"
    status, headers, body = fetch(url, headers={"Cookie": cookie})
    assert status == 200, body[:500]
    csrf_cookie = cookies_from(headers)["csrftoken"]
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
    status, _, body = fetch(
        url,
        method="POST",
        headers={
            "Cookie": f"{cookie}; csrftoken={csrf_cookie}",
            "Content-Type": "application/x-www-form-urlencoded",
        },
        body=urlencode({"csrfmiddlewaretoken": token, "reply": reply, "_approve_and_reply": "1"}),
    )
    assert status == 302, body[:2000]


def question_number(env, marker):
    """The number of the one question in the site's database whose text contains ``marker``."""
    with psycopg.connect(env["DATABASE_URL"]) as connection:
        (number,) = connection.execute(
            "SELECT id FROM comments_question WHERE body LIKE %s", [f"%{marker}%"]
        ).fetchone()
    return number
