"""The Markdown results table of `make bench`."""

import os
import platform

COLUMNS = (
    "Scenario",
    "Cache",
    "Requests/s",
    "p50 ms",
    "p95 ms",
    "p99 ms",
    "SQL queries/request",
    "vs hello world",
    "Target",
    "Load",
)


def number(value, digits=1):
    return "–" if value is None else f"{value:,.{digits}f}"


def table(rows):
    """``rows``: (scenario, measurement or None, floor measurement, verdict or error text)."""
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    for scenario, measurement, floor, verdict in rows:
        if measurement is None:
            cells = [scenario.name, scenario.cache_label, *["–"] * 6, verdict, "–"]
        else:
            ratio = (
                f"{measurement.requests_per_second / floor.requests_per_second:.0%}"
                if floor and floor.requests_per_second
                else "–"
            )
            target = f"{scenario.target.text}: {verdict}" if scenario.target else ""
            if measurement.errors:
                target = f"{measurement.errors} failed requests. {target}".strip()
            cells = [
                scenario.name,
                scenario.cache_label,
                number(measurement.requests_per_second),
                number(measurement.p50),
                number(measurement.p95),
                number(measurement.p99),
                query_cell(measurement),
                ratio,
                target,
                number(measurement.load_average),
            ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def query_cell(measurement):
    """ "6", or "1 (8 on a miss)" when the first request after invalidation was counted too."""
    if measurement.queries is None:
        return "–"
    if measurement.queries_on_miss is None:
        return str(measurement.queries)
    return f"{measurement.queries} ({measurement.queries_on_miss} on a miss)"


def document(title, settings_lines, rows, notes):
    """One run's section: a heading, how it was measured, the table and the notes."""
    parts = [f"## {title}", "", *[f"- {line}" for line in settings_lines], "", table(rows)]
    if notes:
        parts += ["", *[f"- {note}" for note in notes]]
    return "\n".join(parts) + "\n"


def machine_description():
    return (
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPU cores, "
        f"Python {platform.python_version()}"
    )
