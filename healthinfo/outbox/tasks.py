"""
The job that sends the outbox (Django's tasks framework, on ``django_tasks_db`` in production).

Jobs that write emails (an urgent alert, an answer, a digest, a reminder)
call ``send_outbox_now`` at their end; ``deliver_outbox`` is also enqueued
after a pause, to run when the mail server is to be tried again, and by the
worker when it starts. Every run sends whatever is waiting, most urgent first,
so a job that runs twice, or late, sends nothing twice.
"""

import logging

from django.db import transaction
from django.tasks import TaskResultStatus, default_task_backend, task

from healthinfo.outbox import delivery

logger = logging.getLogger(__name__)

PRIORITY = 90


def enqueue_with_transaction(job, *args):
    """
    Enqueue ``job`` so that it exists exactly when the current transaction commits.

    On the database queue the job is a row written in the transaction itself:
    a question and its urgent alert commit together or not at all, and no
    crash or outage between the two can lose the alert. A backend outside the
    database (Django's immediate one in tests) is asked on commit instead, so
    a job never sees a change that was rolled back.
    """
    from django_tasks_db.backend import DatabaseBackend

    if isinstance(job.get_backend(), DatabaseBackend):
        job.enqueue(*args)
    else:
        transaction.on_commit(lambda: job.enqueue(*args))


def send_outbox_now():
    """Send what is waiting; when paused or not finished, enqueue the job that goes on."""
    outcome = delivery.deliver()
    if outcome.paused_until:
        if default_task_backend.supports_defer:
            if not _retry_scheduled(outcome.paused_until):
                deliver_outbox.using(run_after=outcome.paused_until).enqueue()
        else:  # Django's immediate backend (tests): the next email's job tries again
            logger.warning("The task backend cannot run jobs later: no retry is scheduled.")
    elif outcome.more:
        deliver_outbox.enqueue()
    else:
        delivery.forget_old()  # readers' addresses do not stay in the outbox
    return {"sent": outcome.sent, "gave_up": outcome.gave_up}


def _retry_scheduled(at):
    """True when a job that sends the outbox already waits to run at ``at`` or later."""
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(
        status=TaskResultStatus.READY, task_path=deliver_outbox.module_path, run_after__gte=at
    ).exists()


@task(priority=PRIORITY)
def deliver_outbox():
    """Send the outbox's waiting emails, most urgent first (see ``healthinfo.outbox.delivery``)."""
    return send_outbox_now()
