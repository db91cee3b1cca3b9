"""
``manage.py triage_report``: recall on urgent questions and false alarms on routine ones.

Reads ``comments/data/triage_questions.jsonl`` or ``--dataset PATH`` (the same
JSON Lines format) and prints, per red-flag category and language, the share
of urgent questions the triage flagged, then the share of routine questions it
flagged by mistake, then each miss and false alarm.
"""

from django.core.management.base import BaseCommand, CommandError

from comments import red_flags, self_harm_model, self_harm_training
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
            "--cross-validate",
            action="store_true",
            help=(
                "The self-harm model's honest figures: every set scored by a model trained "
                "on the other sets (rules, model and both, per language, and the threshold "
                "curve). Ignores --dataset; takes about a minute."
            ),
        )
        parser.add_argument(
            "--quiet", action="store_true", help="Only the tables, not each miss and false alarm."
        )

    def handle(self, *args, dataset, quiet, all_sets=False, cross_validate=False, **options):
        if cross_validate:
            self.write_cross_validation()
            return
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

    def write_cross_validation(self):
        scored = self_harm_training.cross_validate(self_harm_training.labelled_sets())
        threshold = self_harm_training.choose_threshold(scored)
        committed = self_harm_model.load()
        write = self.stdout.write
        write(
            "Self-harm, leave-one-set-out: each set scored by a model trained on the others.\n"
            f"Threshold chosen: {threshold} (false alarms on routine questions, rules or "
            f"model, at most {self_harm_training.MAX_FALSE_ALARMS:.0%}); committed model: "
            f"{committed.threshold if committed else 'none'}.\n"
            "The rules were tuned on these sets, so their figures here are in-sample.\n"
        )
        write(
            f"{'language':<10}{'self-harm':>10}{'rules':>18}{'model':>18}{'either':>18}"
            f"{'routine':>10}{'rules FA':>18}{'model FA':>18}{'either FA':>18}"
        )
        for language in (*LANGUAGES, None):
            here = self_harm_training.point(scored, threshold, language)
            write(
                f"{language or 'all':<10}{here.self_harm_total:>10}"
                f"{_share(here.rules_found, here.self_harm_total):>18}"
                f"{_share(here.model_found, here.self_harm_total):>18}"
                f"{_share(here.self_harm_found, here.self_harm_total):>18}"
                f"{here.routine_total:>10}"
                f"{_share(here.rules_false_alarms, here.routine_total):>18}"
                f"{_share(here.model_false_alarms, here.routine_total):>18}"
                f"{_share(here.false_alarms, here.routine_total):>18}"
            )
        write("\nBy set (rules / model / either on self-harm; false alarms, either):")
        for name, here in self_harm_training.by_set(scored, threshold):
            write(
                f"  {name:<26} {here.rules_found}/{here.model_found}/{here.self_harm_found}"
                f" of {here.self_harm_total}   {here.false_alarms}/{here.routine_total}"
            )
        write(
            "\nThe curve (all sets): threshold, self-harm found by the model / either, "
            "routine flagged by the model / either"
        )
        for here in self_harm_training.curve(scored, (*self_harm_training.CURVE, threshold)):
            write(
                f"  {here.threshold:<8} {_share(here.model_found, here.self_harm_total):>18}"
                f"{_share(here.self_harm_found, here.self_harm_total):>18}"
                f"{_share(here.model_false_alarms, here.routine_total):>18}"
                f"{_share(here.false_alarms, here.routine_total):>18}"
            )


def _share(part, whole):
    return f"{part / whole:.1%} ({part}/{whole})" if whole else "–"
