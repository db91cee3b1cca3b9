"""
``manage.py train_self_harm_model``: retrain the self-harm model from the labelled sets.

Reads every ``comments/data/triage_*.jsonl`` (never the held-out folder), chooses the
threshold by leave-one-set-out cross-validation, trains on all the sets and writes
``comments/data/self_harm_model.json`` (the same bytes for the same data; commit it).
Run it after changing a labelled set: ``test_self_harm_model_staleness`` fails until then.
``--check`` only says whether the committed file is up to date (exit status 1 when not).
"""

from django.core.management.base import BaseCommand, CommandError

from comments import self_harm_model
from comments.self_harm_training import train


class Command(BaseCommand):
    help = "Retrain the self-harm model from the labelled triage sets and write its file."

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="Do not write: fail when the committed model is not the one the data gives.",
        )

    def handle(self, *args, check=False, **options):
        text = train().to_json()
        path = self_harm_model.MODEL_PATH
        if check:
            current = path.read_text(encoding="utf-8") if path.exists() else ""
            if current != text:
                raise CommandError(
                    f"{path.name} is stale: run manage.py train_self_harm_model and commit it."
                )
            self.stdout.write(f"{path.name} is up to date.")
            return
        path.write_text(text, encoding="utf-8")
        model = self_harm_model.SelfHarmModel.from_json(text)
        self.stdout.write(
            f"Wrote {path.name}: {len(model.weights)} features, threshold {model.threshold}."
        )
