"""The background worker: django_tasks_db's ``db_worker``, after recovering a dead worker's jobs."""

from datetime import timedelta

from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from healthinfo.outbox.models import OutgoingEmail
from healthinfo.outbox.tasks import deliver_outbox

# No job of ours runs this long (a delivery job sends at most one batch);
# one still marked running after it belonged to a worker that died.
STALE_AFTER = timedelta(minutes=15)


def recover_interrupted_jobs(worker_id, now=None):
    """
    Put back in the queue the jobs a dead worker left "running"; returns how many.

    Those are the jobs last claimed under this worker's own id (a worker with
    a stable ``--worker-id`` that is starting again cannot still be running
    them) and any running for longer than ``STALE_AFTER``. Every job of this
    site is safe to run twice: emails are queued once per key and sent once.
    """
    now = now or timezone.now()
    recovered = 0
    for job in DBTaskResult.objects.running().only("pk", "worker_ids", "started_at"):
        own = bool(job.worker_ids) and job.worker_ids[-1] == worker_id
        if own or (job.started_at and job.started_at < now - STALE_AFTER):
            recovered += DBTaskResult.objects.filter(
                pk=job.pk, status=TaskResultStatus.RUNNING
            ).update(status=TaskResultStatus.READY)
    return recovered


class Command(db_worker.Command):
    help = (
        "Run the background worker (emails): django_tasks_db's db_worker, after putting back "
        "the jobs a worker that died left running and sending what waits in the outbox. "
        "Give each worker a stable --worker-id (the host name, say)."
    )

    def handle(self, *args, **options):
        recovered = recover_interrupted_jobs(options["worker_id"])
        if recovered:
            self.stdout.write(f"Put back {recovered} jobs left running by a worker that stopped.")
        if OutgoingEmail.objects.waiting().exists():
            deliver_outbox.enqueue()
        return super().handle(*args, **options)
