"""
End-to-end fixtures: Debian's Chromium driven by Playwright against pytest-django's live server.

One browser for the whole session, a fresh browser context (cookies, storage)
for every test and for every "other reader" a test needs. The live server
runs in a thread of this process, so the tests share its database (hence
transactional tests), its settings and its in-memory email outbox.

Run with ``make e2e``; ``make test`` leaves these tests out (marker ``e2e``).
"""

import io
import os
import shutil

import pytest
from django.core.management import call_command

from healthinfo.tests.e2e.checks import PageAudit

CHROMIUM = os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    """Chromium, started once: never a downloaded browser (no ``playwright install``)."""
    if not shutil.which(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs its own event loop in this thread; Django would
    # take the tests' ORM calls (factories, assertions) for calls from async code.
    # Only while the browser suite runs: unit tests keep Django's check.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def site(live_server, transactional_db, django_db_serialized_rollback, settings):
    """
    The live server with the demo content and accounts, set up for people in a hurry.

    The question form refuses posts made faster than a person could type; a
    test "types" in milliseconds, so the time trap is set to zero here (its own
    unit tests keep it). The rate limit and duplicate checks stay as they are.

    The live server answers from another thread, so the database is shared for
    real (transactional) and emptied after each test; the serialized rollback
    puts back what the migrations created, such as the staff roles.
    """
    settings.QUESTIONS_MIN_FILL_SECONDS = 0
    # As in development: no SITE_URL, so links (in emails too) follow the address
    # the browser used, the live server's (healthinfo.site_address).
    settings.SITE_URL = ""
    # The demo loader guards against production (DEBUG is off under pytest).
    call_command("load_demo", allow_production=True, stdout=io.StringIO())
    return live_server


class BrowserErrors:
    """JavaScript errors and console errors (CSP violations among them) seen by a page."""

    def __init__(self):
        self.messages = []

    def watch(self, page):
        page.on("pageerror", lambda error: self.messages.append(f"{page.url}: {error}"))
        page.on("console", lambda message: self.console(page, message))

    def console(self, page, message):
        if message.type != "error":
            return
        source = message.location.get("url", "")
        # Chromium asks every site for /favicon.ico (the admin's pages name none), and
        # logs the status of a page that is an error page on purpose (a 404 test).
        if source.endswith("/favicon.ico") or source == page.url:
            return
        self.messages.append(f"{page.url}: console: {message.text} {message.location}")


@pytest.fixture
def browser_errors():
    """Fails the test afterwards if any page of it raised a JavaScript or console error."""
    errors = BrowserErrors()
    yield errors
    assert errors.messages == [], "\n".join(errors.messages)


@pytest.fixture
def page_audit():
    """The reader pages a test loaded; see ``checks.PageAudit``."""
    return PageAudit()


@pytest.fixture
def new_context(browser, site, browser_errors, page_audit):
    """
    A factory of fresh browser contexts: each one a different reader, or a midwife.

    When the test is over, every reader page its browsers loaded goes through the
    Nu HTML Checker (the HTML as served) and axe-core; any error fails the test.
    """
    contexts = []

    def make(**options):
        options.setdefault("base_url", site.url)
        options.setdefault("locale", "en-GB")
        options.setdefault("viewport", {"width": 1280, "height": 900})
        context = browser.new_context(**options)
        context.set_default_timeout(10_000)
        context.on("page", browser_errors.watch)
        page_audit.watch(context)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()
    problems = page_audit.problems(browser)
    assert problems == {}, "\n".join(
        f"{name}: {item}" for name, items in problems.items() for item in items
    )


@pytest.fixture
def page(new_context):
    """A page in a fresh context: a reader who has never visited the site."""
    return new_context().new_page()


@pytest.fixture
def log_in(new_context):
    """Log ``username`` (a demo account) into the admin in a context of their own."""
    from healthinfo.management.commands.load_demo import demo_password

    def log_in(username):
        staff_page = new_context().new_page()
        staff_page.goto("/admin/login/?next=/admin/")
        staff_page.get_by_label("Username").fill(username)
        staff_page.get_by_label("Password").fill(demo_password(username))
        staff_page.get_by_role("button", name="Log in").click()
        staff_page.wait_for_url("**/admin/")
        return staff_page

    return log_in
