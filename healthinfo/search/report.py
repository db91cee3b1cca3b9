"""
Hit rates of search on a labelled set of reader queries.

A set is JSON Lines (``data/reader_queries.jsonl``, the format of the team's
labelled data): ``{"query", "language", "expected", "kind"}`` per line, where
``language`` is the site the reader is on and ``expected`` the slug of the
article that should come first. A query *hits at k* when the expected article
is among the first ``k`` results in the order the search page shows them:
both language groups, the other language's first when the page puts it first,
after a spelling correction when the page shows corrected results.
"""

import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from healthinfo.models import ArticleTranslation

from . import search

DEFAULT_DATASET = Path(__file__).resolve().parent / "data" / "reader_queries.jsonl"
FIELDS = ("query", "language", "expected", "kind")
KINDS = ("symptom", "lay_name", "misspelling", "cross_language", "name")


class DatasetError(ValueError):
    pass


@dataclass(frozen=True)
class Labelled:
    query: str
    language: str
    expected: str
    kind: str


@dataclass(frozen=True)
class Judged:
    item: Labelled
    shown: tuple  # article slugs in the order shown
    position: int | None  # 1-based place of the expected article, None when missing

    def hit(self, k):
        return self.position is not None and self.position <= k


def read_dataset(path=DEFAULT_DATASET):
    """The labelled queries of ``path``; a malformed line raises ``DatasetError`` naming it."""
    items = []
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
            except json.JSONDecodeError as error:
                raise DatasetError(f"line {number}: not JSON ({error.msg})") from error
            if not isinstance(data, dict) or any(
                not isinstance(data.get(name), str) for name in FIELDS
            ):
                raise DatasetError(f"line {number}: needs the text fields {', '.join(FIELDS)}")
            items.append(Labelled(*(data[name] for name in FIELDS)))
    return items


def judge(items):
    """Each item searched as a reader would, with where its expected article came."""
    judged = []
    for item in items:
        outcome = search(item.query, item.language)
        ids = outcome.shown_ids()
        slugs = dict(
            ArticleTranslation.objects.filter(pk__in=ids).values_list("pk", "article__slug")
        )
        shown = []
        for pk in ids:
            slug = slugs.get(pk)
            if slug and slug not in shown:
                shown.append(slug)
        position = shown.index(item.expected) + 1 if item.expected in shown else None
        judged.append(Judged(item, tuple(shown), position))
    return judged


@dataclass(frozen=True)
class Rates:
    queries: int
    top1: float
    top3: float


def rates(judged, key=lambda judgement: judgement.item.language):
    """Top-1 and top-3 hit rates per ``key`` (by default the site language)."""
    groups = defaultdict(list)
    for judgement in judged:
        groups[key(judgement)].append(judgement)
    return {
        name: Rates(
            len(group),
            sum(j.hit(1) for j in group) / len(group),
            sum(j.hit(3) for j in group) / len(group),
        )
        for name, group in sorted(groups.items())
    }
