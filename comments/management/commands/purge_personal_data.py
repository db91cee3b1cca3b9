"""Apply the retention rules for readers' personal data (cron: daily)."""

from django.core.management.base import BaseCommand

from comments.services import purge_personal_data


class Command(BaseCommand):
    help = (
        "Drop old IP hashes, email addresses no longer needed and old rejected or spam "
        "questions, as set by the QUESTIONS_*_RETENTION_DAYS settings."
    )

    def handle(self, *args, **options):
        done = purge_personal_data()
        self.stdout.write(
            self.style.SUCCESS(
                f"Removed {done['ip_hashes']} IP hashes and {done['emails']} email addresses; "
                f"deleted {done['refused_questions']} rejected or spam questions; "
                f"blanked {done['audit_texts']} old audit texts."
            )
        )
