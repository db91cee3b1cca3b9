"""
The two page checkers of the browser suite.

- ``axe_violations(page)``: axe-core (bundled by the axe-playwright-python
  package) run inside the page as the browser rendered it.
- ``html_errors(html)``: the Nu HTML Checker (the vnu-jar npm package, run with
  Java) on the HTML exactly as the server sent it.

Both write what they found, serious or not, to ``test-results/`` so that a run
leaves a per-page record (the README's figures come from it).
"""

import json
import subprocess
import tempfile
from pathlib import Path

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
    if not VNU_JAR.exists():
        raise RuntimeError(f"{VNU_JAR} is missing: run `make e2e` (it runs `npm ci`).")
    with tempfile.TemporaryDirectory() as folder:
        document = Path(folder) / f"{name}.html"
        document.write_text(html, encoding="utf-8")
        checked = subprocess.run(
            [
                "java",
                "-jar",
                str(VNU_JAR),
                "--format",
                "json",
                "--stdout",
                "--exit-zero-always",
                str(document),
            ],
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        )
    messages = json.loads(checked.stdout)["messages"]
    _record(name, "vnu", messages)
    return [
        f"line {message.get('lastLine', '?')}: {message['message']} "
        f"[{message.get('extract', '').strip()}]"
        for message in messages
        if message["type"] == "error" or message.get("subType") == "fatal"
    ]
