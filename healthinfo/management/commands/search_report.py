"""
Top-1 and top-3 hit rates of search on a labelled set of reader queries.

It searches the database it runs on and expects the demo content there
(``manage.py load_demo``, or ``--load-demo`` to load it first); every expected
article must be published, or the command stops and names the missing ones.
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from healthinfo.models import Article
from healthinfo.search.report import DEFAULT_DATASET, DatasetError, judge, rates, read_dataset


class Command(BaseCommand):
    help = "Print search's top-1 and top-3 hit rates per language on a labelled query set."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dataset",
            default=str(DEFAULT_DATASET),
            help="JSON Lines of {query, language, expected, kind} (default: the built-in set)",
        )
        parser.add_argument(
            "--load-demo", action="store_true", help="load (or update) the demo content first"
        )
        parser.add_argument(
            "--misses", action="store_true", help="list the queries that missed the top 3"
        )

    def handle(self, *args, dataset, load_demo=False, misses=False, **options):
        try:
            items = read_dataset(dataset)
        except (OSError, DatasetError) as error:
            raise CommandError(f"Cannot read {dataset}: {error}") from error
        if not items:
            raise CommandError(f"{dataset} has no queries.")
        if load_demo:
            call_command("load_demo", allow_production=True, no_accounts=True, verbosity=0)
        expected = {item.expected for item in items}
        published = set(
            Article.objects.published().filter(slug__in=expected).values_list("slug", flat=True)
        )
        if missing := sorted(expected - published):
            raise CommandError(
                "These expected articles are not published here: "
                f"{', '.join(missing)}. Load the demo content (--load-demo)."
            )
        judged = judge(items)
        self.stdout.write(
            f"Search hit rates on {connection.vendor} ({connection.settings_dict['NAME']}), "
            f"{len(items)} queries from {dataset}"
        )
        self._table("language", rates(judged))
        self._table("kind", rates(judged, key=lambda j: j.item.kind))
        overall = rates(judged, key=lambda j: "all")["all"]
        self.stdout.write(
            f"all: top-1 {overall.top1:.1%}, top-3 {overall.top3:.1%} ({overall.queries} queries)"
        )
        if misses:
            self.stdout.write("\nMissed in the top 3 (expected → shown):")
            for judgement in judged:
                if not judgement.hit(3):
                    item = judgement.item
                    shown = ", ".join(judgement.shown[:3]) or "nothing"
                    self.stdout.write(
                        f"  [{item.language}] {item.query!r}: {item.expected} → {shown}"
                    )

    def _table(self, label, by_name):
        self.stdout.write(f"\n| {label} | queries | top-1 | top-3 |\n|---|---|---|---|")
        for name, rate in by_name.items():
            self.stdout.write(f"| {name} | {rate.queries} | {rate.top1:.1%} | {rate.top3:.1%} |")
        self.stdout.write("")
