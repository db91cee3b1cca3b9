"""Email the midwives the day's digest of questions waiting for moderation (cron: daily)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from comments.notifications import queue_moderator_digest
from healthinfo.outbox.tasks import deliver_outbox


class Command(BaseCommand):
    help = (
        "Queue for the Midwives group a digest of the questions waiting for moderation, urgent "
        "first. Runs at most once a day: a second run the same day sends nothing."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            outcome = queue_moderator_digest()
            if outcome.status == "queued":
                # The job commits with the digest (the queue is in the database): the
                # worker sends it, and tries again while the mail server is down.
                deliver_outbox.enqueue()
        if outcome.status == "queued":
            digest = outcome.digest
            self.stdout.write(
                self.style.SUCCESS(
                    f"Digest queued for {digest.recipient_count} midwives: "
                    f"{digest.pending_count} questions waiting, {digest.urgent_count} urgent."
                )
            )
        elif outcome.status == "already_sent":
            self.stdout.write("Today's digest was already sent; nothing to do.")
        elif outcome.status == "nothing_pending":
            self.stdout.write("No questions are waiting; no digest sent.")
        else:
            self.stderr.write(
                self.style.WARNING(
                    "Questions are waiting but no active midwife has an email address."
                )
            )
