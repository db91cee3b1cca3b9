"""
``manage.py personal_data_report``: how well personal details are found, by kind and language.

Reads ``comments/data/personal_data.jsonl`` or ``--dataset PATH`` (the same
JSON Lines format). Recall: labelled details that a finding covers (any kind,
since any finding blocks approval), and how many got the labelled kind. False
alarms: texts without personal details in which something was found.
"""

from django.core.management.base import BaseCommand, CommandError

from comments.evaluation import (
    LANGUAGES,
    PERSONAL_DATA_DATASET,
    DatasetError,
    false_alarm_rate,
    load_personal_data_dataset,
    measure_personal_data,
    personal_data_datasets,
)
from comments.personal_data import KINDS

COLUMNS = (*LANGUAGES, "all")


class Command(BaseCommand):
    help = "Print the personal-data detection's recall and false alarms on a labelled set."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dataset",
            default=str(PERSONAL_DATA_DATASET),
            help="A JSON Lines file of labelled texts (default: the repository's set).",
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
        paths = personal_data_datasets() if all_sets else [dataset]
        try:
            rows = [row for path in paths for row in load_personal_data_dataset(path)]
        except (OSError, DatasetError) as error:
            raise CommandError(str(error)) from error
        if all_sets:
            dataset = ", ".join(path.name for path in paths)
        if not rows:
            raise CommandError(f"{dataset} holds no texts.")
        figures = measure_personal_data(rows)
        labelled = sum(len(row["findings"]) for row in rows)
        clean = sum(not row["findings"] for row in rows)
        write = self.stdout.write
        write(
            f"Personal data on {dataset}: {len(rows)} texts, {labelled} labelled details, "
            f"{clean} texts without any.\n"
        )
        write("Recall (labelled details found / labelled)")
        write(f"{'kind':<16}" + "".join(f"{column:>18}" for column in COLUMNS))
        for kind in (*KINDS, "all"):
            cells = [figures.recall.get((kind, column)) for column in COLUMNS]
            if not any(cells):
                continue
            write(f"{kind:<16}" + "".join(f"{str(cell or '–'):>18}" for cell in cells))
        write("")
        write("False alarms (texts without personal details in which something was found)")
        line = ""
        for column in COLUMNS:
            rate = figures.clean_flagged.get(column)
            if rate:
                flagged = rate.total - rate.hits
                line += f"{column:>4}: {false_alarm_rate(rate):.1%} ({flagged}/{rate.total})   "
        write(line)
        right = figures.kind_right.get("all")
        if right:
            write(f"\nFound details with the labelled kind: {right}")
        extra = sum(len(found) for found in figures.extra_findings.values())
        write(f"Findings where nothing is labelled (in any text): {extra}")
        if quiet:
            return
        missed = figures.recall.get(("all", "all"))
        if missed and missed.wrong:
            write("\nMissed details:")
            for text, label in missed.wrong:
                write(f"  [{label}] {text}")
        for language, found in sorted(figures.extra_findings.items()):
            for text, label in found:
                write(f"  extra ({language}) [{label}] {text}")
