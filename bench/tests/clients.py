"""HTTP clients of the fault and scale-out tests: an admin login and a recording load."""

import re
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings

from bench.servers import fetch

DEMO_ADMIN = ("admin", "admin-demo-pass")  # created by load_demo, documented in the README


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


def cookies_from(headers):
    cookies = {}
    for header in headers.get_all("Set-Cookie") or []:
        name, _, rest = header.partition("=")
        cookies[name.strip()] = rest.split(";", 1)[0]
    return cookies


@dataclass
class Answer:
    started: float
    url: str
    status: int
    retry_after: str | None
    body: str


class LoadRecorder:
    """
    Client threads sending requests in turn and recording every answer, until stopped.

    ``requests`` is a list of URLs to GET in turn, or a function
    ``(client, turn) -> keyword arguments of fetch()`` for anything else
    (posting a question, another address). With ``per_client`` each client
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
            turn += 1
            started = time.monotonic()
            try:
                status, headers, body = fetch(**request)
            except OSError as error:
                answer = Answer(started, request["url"], 0, None, repr(error))
            else:
                answer = Answer(
                    started,
                    request["url"],
                    status,
                    headers.get("Retry-After"),
                    body.decode(errors="replace"),
                )
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
