"""
Background jobs for questions (Django's tasks framework; a durable database queue in production).

Services enqueue them once their transaction has committed, so a job never
sees a question that was rolled back. A job writes its emails to the outbox
and sends what waits there, most urgent first; when the mail server is down
the emails wait and are tried again (``healthinfo.outbox``). Jobs may run
twice (a worker that died is recovered): each email is queued once.

``site_url`` is the address of the request that enqueued the job
(``healthinfo.site_address.current()``): a job has no request of its own, and
its links must lead to the site the reader or midwife was using.
"""

from django.tasks import task

from comments import notifications
from healthinfo.outbox.models import OutgoingEmail
from healthinfo.outbox.tasks import send_outbox_now


@task(priority=OutgoingEmail.Priority.URGENT)
def alert_midwives_about_urgent_question(question_id, site_url=None):
    """Email the midwives at once about an urgent question (before any other job)."""
    queued = notifications.queue_urgent_alert(question_id, site_url)
    return {"queued": queued, **send_outbox_now()}


@task(priority=OutgoingEmail.Priority.ANSWER)
def notify_asker_of_answer(question_id, site_url=None):
    """Email the asker, once, that their question has been answered."""
    queued = notifications.queue_answer_notification(question_id, site_url)
    return {"queued": int(queued), **send_outbox_now()}
