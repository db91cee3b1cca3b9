"""
The two page checkers of the browser suite.

- ``axe_violations(page)``: axe-core (bundled by the axe-playwright-python
  package) run inside the page as the browser rendered it.
- ``html_errors(html)``: the Nu HTML Checker (the vnu-jar npm package, run with
  Java) on the HTML exactly as the server sent it; ``html_errors_of_pages`` does
  many pages in one run of the checker.
- ``PageAudit``: both checkers on every reader page a test's browsers loaded
  (see conftest.py's ``new_context``).

Both write what they found, serious or not, to ``test-results/`` so that a run
leaves a per-page record (the README's figures come from it).
"""

import json
import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings

RESULTS_DIR = Path(settings.BASE_DIR) / "test-results" / "e2e"
VNU_JAR = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
BLOCKING_IMPACTS = {"serious", "critical"}


def _record(name, kind, data):
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    (RESULTS_DIR / f"{name}.{kind}.json").write_text(
        json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8"
    )


def axe_violations(page, name):
    """
    axe-core's WCAG 2.2 A/AA and best-practice violations on ``page``, as short lines.

    Returns only serious and critical ones; all of them are recorded.
    """
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page,
        options={
            "resultTypes": ["violations"],
            "runOnly": {
                "type": "tag",
                "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
            },
        },
    )
    violations = results.response["violations"]
    _record(
        name,
        "axe",
        [
            {
                "id": violation["id"],
                "impact": violation["impact"],
                "help": violation["help"],
                "targets": [node["target"] for node in violation["nodes"]],
            }
            for violation in violations
        ],
    )
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} "
        f"at {[node['target'] for node in violation['nodes']][:5]}"
        for violation in violations
        if violation["impact"] in BLOCKING_IMPACTS
    ]


def html_errors(html, name):
    """The Nu HTML Checker's errors in ``html``, as "line N: message" strings."""
    return html_errors_of_pages({name: html})[name]


def html_errors_of_pages(pages):
    """``{name: errors}`` for ``{name: html}``: one run of the Nu HTML Checker for all."""
    if not VNU_JAR.exists():
        raise RuntimeError(f"{VNU_JAR} is missing: run `make e2e` (it runs `npm ci`).")
    if not pages:
        return {}
    with tempfile.TemporaryDirectory() as folder:
        files = {}
        for name, html in pages.items():
            document = Path(folder) / f"{name}.html"
            document.write_text(html, encoding="utf-8")
            files[str(document.resolve())] = name
        checked = subprocess.run(
            ["java", "-jar", str(VNU_JAR), "--format", "json", "--stdout", "--exit-zero-always"]
            + list(files),
            capture_output=True,
            text=True,
            check=True,
            timeout=120 + 5 * len(pages),
        )
    found = {name: [] for name in pages}
    for message in json.loads(checked.stdout)["messages"]:
        # The checker names each file by a file: URL ("file:/tmp/…" or "file:///tmp/…").
        path = unquote(re.sub(r"^file:/+", "/", message.get("url", "")))
        found[files.get(path, next(iter(pages)))].append(message)
    for name, messages in found.items():
        _record(name, "vnu", messages)
    return {
        name: [
            f"line {message.get('lastLine', '?')}: {message['message']} "
            f"[{message.get('extract', '').strip()}]"
            for message in messages
            if message["type"] == "error" or message.get("subType") == "fatal"
        ]
        for name, messages in found.items()
    }


@dataclass
class Document:
    """A page as the server sent it to a test's browser."""

    method: str
    url: str
    status: int
    html: str

    @property
    def name(self):
        parts = urlsplit(self.url)
        slug = re.sub(r"[^A-Za-z0-9]+", "-", f"{parts.path}?{parts.query}").strip("-") or "root"
        return f"visited-{self.method.lower()}-{self.status}-{slug}"[:150]


class PageAudit:
    """
    Every reader page the browsers of one test loaded, checked when the test ends:
    the Nu HTML Checker on the HTML exactly as the server sent it, and axe-core on
    that same HTML rendered again in a fresh page (the test has moved on by then;
    the replay serves the recorded response, so a page that answered a POST is
    checked as well). The admin's pages are Django's own and not checked here.
    """

    def __init__(self):
        self.documents = {}

    def watch(self, context):
        context.on("response", self.record)

    def record(self, response):
        request = response.request
        if request.resource_type != "document" or request.frame.parent_frame is not None:
            return
        if urlsplit(response.url).path.startswith("/admin/") or 300 <= response.status < 400:
            return
        if not response.headers.get("content-type", "").startswith("text/html"):
            return
        document = Document(request.method, response.url, response.status, response.text())
        self.documents.setdefault((document.method, document.url, document.status), document)

    def problems(self, browser):
        """``{page name: [problem, …]}`` for every recorded page that has any."""
        documents = {document.name: document for document in self.documents.values()}
        found = {
            name: [f"HTML: {error}" for error in errors]
            for name, errors in html_errors_of_pages(
                {name: document.html for name, document in documents.items()}
            ).items()
        }
        if documents:
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            try:
                for name, document in documents.items():
                    found[name] += [f"axe: {item}" for item in self._axe(context, document)]
            finally:
                context.close()
        return {name: items for name, items in found.items() if items}

    @staticmethod
    def _axe(context, document):
        page = context.new_page()
        try:
            page.route(
                document.url,
                lambda route: route.fulfill(
                    status=document.status,
                    content_type="text/html; charset=utf-8",
                    body=document.html,
                ),
            )
            page.goto(document.url)
            return axe_violations(page, document.name)
        finally:
            page.close()
