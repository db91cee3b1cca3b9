"""
``manage.py triage_report``: recall on urgent questions and false alarms on routine ones.

Reads ``comments/data/triage_questions.jsonl`` or ``--dataset PATH`` (the same
JSON Lines format) and prints, per red-flag category and language, the share
of urgent questions the triage flagged, then the share of routine questions it
flagged by mistake, then each miss and false alarm.
"""

from django.core.management.base import BaseCommand, CommandError

from comments import red_flags
from comments.evaluation import (
    LANGUAGES,
    TRIAGE_DATASET,
    DatasetError,
    false_alarm_rate,
    load_triage_dataset,
    measure_triage,
    triage_datasets,
)

COLUMNS = (*LANGUAGES, "all")


def _percent(value):
    return "–" if value is None else f"{value:.1%}"


class Command(BaseCommand):
    help = "Print the red-flag triage's recall and false alarms on a labelled set of questions."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dataset",
            default=str(TRIAGE_DATASET),
            help="A JSON Lines file of labelled questions (default: the repository's set).",
        )
        parser.add_argument(
            "--all-sets",
            action="store_true",
            help="Every labelled set in comments/data/ together (overrides --dataset).",
        )
        parser.add_argument(
            "--quiet", action="store_true", help="Only the tables, not each miss and false alarm."
        )

    def handle(self, *args, dataset, quiet, all_sets=False, **options):
        paths = triage_datasets() if all_sets else [dataset]
        try:
            rows = [row for path in paths for row in load_triage_dataset(path)]
        except (OSError, DatasetError) as error:
            raise CommandError(str(error)) from error
        if all_sets:
            dataset = ", ".join(path.name for path in paths)
        if not rows:
            raise CommandError(f"{dataset} holds no questions.")
        figures = measure_triage(rows)
        urgent = sum(row["urgent"] for row in rows)
        write = self.stdout.write
        write(
            f"Triage on {dataset}: {len(rows)} questions, {urgent} urgent, "
            f"{len(rows) - urgent} routine.\n"
        )
        write("Recall on urgent questions (flagged urgent / labelled urgent)")
        write(f"{'category':<16}" + "".join(f"{column:>18}" for column in COLUMNS))
        for category in (*red_flags.CATEGORIES, "all"):
            cells = [figures.recall.get((category, column)) for column in COLUMNS]
            if not any(cells):
                continue
            write(f"{category:<16}" + "".join(f"{str(cell or '–'):>18}" for cell in cells))
        write("")
        write("False alarms on routine questions (flagged urgent / routine)")
        line = ""
        for column in COLUMNS:
            rate = figures.false_alarms.get(column)
            if rate:
                flagged = rate.total - rate.hits
                line += (
                    f"{column:>4}: {_percent(false_alarm_rate(rate))} ({flagged}/{rate.total})   "
                )
        write(line)
        if figures.false_alarm_categories:
            write(
                "  flagged as: "
                + ", ".join(
                    f"{slug} {count}"
                    for slug, count in sorted(figures.false_alarm_categories.items())
                )
            )
        write("")
        right = figures.category_right.get("all")
        if right:
            write(f"Urgent questions flagged with the labelled category: {right}")
            write("  (when several apply the triage names the most serious; recall counts any)")
        if quiet:
            return
        misses = figures.recall.get(("all", "all"))
        if misses and misses.wrong:
            write("\nMissed urgent questions:")
            for text, label in misses.wrong:
                write(f"  [{label}] {text}")
        alarms = figures.false_alarms.get("all")
        if alarms and alarms.wrong:
            write("\nFalse alarms:")
            for text, label in alarms.wrong:
                write(f"  [{label}] {text}")
