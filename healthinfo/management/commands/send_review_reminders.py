"""Email reviewers and editors about reviews due within 30 days or overdue (cron: hourly)."""

from django.core.management.base import BaseCommand

from healthinfo.reminders import send_review_reminders


class Command(BaseCommand):
    help = (
        "Email each assigned reviewer and the editors about reviews due within 30 days and "
        "overdue ones. Safe to run every hour: a reminder goes out once a day."
    )

    def handle(self, *args, **options):
        sent = send_review_reminders()
        if sent:
            self.stdout.write(self.style.SUCCESS(f"Review reminders sent to {sent} people."))
        else:
            self.stdout.write("No new review reminders today.")
