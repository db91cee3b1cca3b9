"""
Delete images kept for editors after a form error once they are older than a
day (``healthinfo.figures.uploads``). Run daily from cron.
"""

from django.core.management.base import BaseCommand

from healthinfo.figures.uploads import KEPT_UPLOAD_MAX_AGE, purge_kept_uploads


class Command(BaseCommand):
    help = "Delete kept uploads (images kept after a form error) older than a day."

    def handle(self, *args, **options):
        removed = purge_kept_uploads()
        hours = int(KEPT_UPLOAD_MAX_AGE.total_seconds() // 3600)
        self.stdout.write(f"Removed {removed} kept upload(s) older than {hours} hours.")
