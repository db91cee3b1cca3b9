"""Email the midwives the day's digest of questions waiting for moderation (cron: daily)."""

from django.core.management.base import BaseCommand

from comments.notifications import send_moderator_digest


class Command(BaseCommand):
    help = (
        "Send the Midwives group a digest of the questions waiting for moderation, urgent "
        "first. Runs at most once a day: a second run the same day sends nothing."
    )

    def handle(self, *args, **options):
        outcome = send_moderator_digest()
        if outcome.status == "sent":
            digest = outcome.digest
            self.stdout.write(
                self.style.SUCCESS(
                    f"Digest sent to {digest.recipient_count} midwives: "
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
