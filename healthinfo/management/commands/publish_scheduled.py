"""
Carry out scheduled publications and unpublications (cron: every minute).

Pending changes whose "publish at" has come are published through
``services.publish`` with every rule checked at that moment; pages whose
"unpublish at" has passed (readers stopped seeing them then) are recorded as
unpublished. Exits 1 and names the articles when a scheduled publication was
refused, so that cron mails the editors. ``--every N`` keeps running,
checking every N seconds (``make run`` does this for development).
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, close_old_connections

from healthinfo.services import run_schedule


class Command(BaseCommand):
    help = "Publish and unpublish what is scheduled; exit 1 if a scheduled publication failed."

    def add_arguments(self, parser):
        parser.add_argument(
            "--every",
            type=int,
            default=0,
            metavar="SECONDS",
            help="Keep running, checking every SECONDS seconds (0: run once).",
        )

    def handle(self, *args, every=0, **options):
        if every < 0:
            raise CommandError("--every must be a number of seconds, 0 or more.")
        while True:
            if not every:
                failed = self.run_once()
                break
            try:
                close_old_connections()
                self.run_once()
            except DatabaseError as error:  # the database restarting: try again next time
                self.stderr.write(f"Scheduler skipped a run: {error}")
            time.sleep(every)
        if failed:
            raise CommandError(f"{failed} scheduled publication(s) failed; see above.")

    def run_once(self):
        published, unpublished, failed = run_schedule()
        for article in published:
            self.stdout.write(f"Published as scheduled: {article.slug}")
        for article in unpublished:
            self.stdout.write(f"Unpublished as scheduled: {article.slug}")
        for article, reasons in failed:
            self.stderr.write(
                f"Scheduled publication of {article.slug} failed: {' '.join(reasons)}"
            )
        return len(failed)
