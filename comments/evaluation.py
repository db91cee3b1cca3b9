"""
Measuring the screening on labelled data: recall of urgent questions, false alarms on
routine ones, and the same for personal details.

The labelled sets live in ``comments/data/`` as JSON Lines (one object a line):

- ``triage_*.jsonl``: {"text", "language", "urgent", "category"}
- ``personal_data*.jsonl``: {"text", "language", "findings": [{"kind", "text"}]}

``triage_questions.jsonl`` and ``personal_data.jsonl`` were written with the first
rules; ``*_checks.jsonl`` after them; ``*_fresh*.jsonl`` later still, by someone who
had not seen the others, each before the rule changes it was then used to measure
(``triage_fresh2`` and ``triage_fresh3`` were each written after a round of changes
and reported as they came out before any further change).

``manage.py triage_report`` and ``manage.py personal_data_report`` print these
figures for the sets in the repository or for another file in the same format
(``--dataset``); ``comments/tests/test_screening_figures.py`` holds them.
"""

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from comments import red_flags
from comments.personal_data import KINDS, find_personal_data
from comments.triage import triage

DATA_DIR = Path(__file__).resolve().parent / "data"
TRIAGE_DATASET = DATA_DIR / "triage_questions.jsonl"
PERSONAL_DATA_DATASET = DATA_DIR / "personal_data.jsonl"


def triage_datasets():
    """Every labelled triage set in the repository."""
    return sorted(DATA_DIR.glob("triage_*.jsonl"))


def personal_data_datasets():
    """Every labelled personal-data set in the repository."""
    return sorted(DATA_DIR.glob("personal_data*.jsonl"))


LANGUAGES = ("en", "es")


class DatasetError(ValueError):
    """A labelled file that does not follow the format (says which line and why)."""


def read_jsonl(path):
    """The objects of a JSON Lines file, with their line numbers."""
    rows = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as error:
                raise DatasetError(f"{path}, line {number}: not JSON ({error.msg})") from error
            if not isinstance(row, dict):
                raise DatasetError(f"{path}, line {number}: expected an object")
            rows.append((number, row))
    return rows


def _check_common(path, number, row):
    if not isinstance(row.get("text"), str) or not row["text"].strip():
        raise DatasetError(f'{path}, line {number}: "text" must be a non-empty string')
    if row.get("language") not in LANGUAGES:
        raise DatasetError(f'{path}, line {number}: "language" must be "en" or "es"')


def load_triage_dataset(path=TRIAGE_DATASET):
    rows = []
    for number, row in read_jsonl(path):
        _check_common(path, number, row)
        if not isinstance(row.get("urgent"), bool):
            raise DatasetError(f'{path}, line {number}: "urgent" must be true or false')
        category = row.get("category")
        if row["urgent"] and category not in red_flags.CATEGORIES:
            raise DatasetError(f"{path}, line {number}: unknown category {category!r}")
        if not row["urgent"] and category is not None:
            raise DatasetError(f"{path}, line {number}: a routine question has no category")
        rows.append(row)
    return rows


def load_personal_data_dataset(path=PERSONAL_DATA_DATASET):
    rows = []
    for number, row in read_jsonl(path):
        _check_common(path, number, row)
        findings = row.get("findings")
        if not isinstance(findings, list):
            raise DatasetError(f'{path}, line {number}: "findings" must be a list')
        for finding in findings:
            if not isinstance(finding, dict) or finding.get("kind") not in KINDS:
                raise DatasetError(f"{path}, line {number}: unknown finding {finding!r}")
            if finding.get("text") not in row["text"]:
                raise DatasetError(
                    f"{path}, line {number}: {finding.get('text')!r} is not in the text"
                )
        rows.append(row)
    return rows


@dataclass
class Rate:
    """``hits`` out of ``total``, with the examples that went wrong."""

    hits: int = 0
    total: int = 0
    wrong: list = field(default_factory=list)

    def add(self, hit, example=None):
        self.total += 1
        if hit:
            self.hits += 1
        elif example is not None:
            self.wrong.append(example)

    @property
    def value(self):
        return self.hits / self.total if self.total else None

    def __str__(self):
        if not self.total:
            return "–"
        return f"{self.value:6.1%} ({self.hits}/{self.total})"


@dataclass
class TriageFigures:
    """Recall on urgent questions and false alarms on routine ones, by category and language."""

    recall: dict  # (category or "all", language or "all") -> Rate
    category_right: dict  # language or "all" -> Rate (urgent found with the labelled category)
    false_alarms: dict  # language or "all" -> Rate (routine questions flagged)
    false_alarm_categories: dict  # category -> count


def measure_triage(rows):
    recall = defaultdict(Rate)
    category_right = defaultdict(Rate)
    false_alarms = defaultdict(Rate)
    false_alarm_categories = defaultdict(int)
    for row in rows:
        result = triage(row["text"])
        language = row["language"]
        if row["urgent"]:
            example = (row["text"], row["category"])
            for key in (
                (row["category"], language),
                (row["category"], "all"),
                ("all", language),
                ("all", "all"),
            ):
                recall[key].add(result.is_urgent, example)
            if result.is_urgent:
                right = result.category == row["category"]
                wrong = (row["text"], f"{row['category']} → {result.category}")
                category_right[language].add(right, wrong)
                category_right["all"].add(right, wrong)
        else:
            example = (row["text"], f"{result.category}: {', '.join(result.evidence)}")
            for key in (language, "all"):
                false_alarms[key].add(not result.is_urgent, example)
            if result.is_urgent:
                false_alarm_categories[result.category] += 1
    return TriageFigures(
        dict(recall), dict(category_right), dict(false_alarms), dict(false_alarm_categories)
    )


def false_alarm_rate(rate):
    """The share of routine questions flagged (``Rate`` counts those left alone as hits)."""
    return None if not rate.total else 1 - rate.value


@dataclass
class PersonalDataFigures:
    recall: dict  # (kind or "all", language or "all") -> Rate
    kind_right: dict  # language or "all" -> Rate (found with the labelled kind)
    clean_flagged: dict  # language or "all" -> Rate (texts without personal data left alone)
    extra_findings: dict  # language -> list of (text, finding) found where none is labelled


def _overlaps(finding, start, end):
    return finding.start < end and start < finding.end


def measure_personal_data(rows):
    recall = defaultdict(Rate)
    kind_right = defaultdict(Rate)
    clean_flagged = defaultdict(Rate)
    extra_findings = defaultdict(list)
    for row in rows:
        text, language = row["text"], row["language"]
        found = find_personal_data(text)
        labelled_spans = []
        for labelled in row["findings"]:
            start = text.index(labelled["text"])
            end = start + len(labelled["text"])
            labelled_spans.append((start, end))
            hits = [finding for finding in found if _overlaps(finding, start, end)]
            example = (text, f"{labelled['kind']}: {labelled['text']}")
            for key in (
                (labelled["kind"], language),
                (labelled["kind"], "all"),
                ("all", language),
                ("all", "all"),
            ):
                recall[key].add(bool(hits), example)
            if hits:
                right = any(finding.kind == labelled["kind"] for finding in hits)
                wrong = (text, f"{labelled['kind']} → {', '.join(f.kind for f in hits)}")
                kind_right[language].add(right, wrong)
                kind_right["all"].add(right, wrong)
        for finding in found:
            if not any(_overlaps(finding, start, end) for start, end in labelled_spans):
                extra_findings[language].append((text, f"{finding.kind}: {finding.text}"))
        if not row["findings"]:
            example = (text, ", ".join(f"{f.kind}: {f.text}" for f in found))
            for key in (language, "all"):
                clean_flagged[key].add(not found, example)
    return PersonalDataFigures(
        dict(recall), dict(kind_right), dict(clean_flagged), dict(extra_findings)
    )
