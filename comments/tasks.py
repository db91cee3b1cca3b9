"""
Background jobs for questions (Django's tasks framework).

Services enqueue them once their transaction has committed, so a job never
sees a question that was rolled back. Failures are logged here: a task
backend may only record them on the task result, where nobody looks.
"""

import logging

from django.tasks import task

from comments import notifications

logger = logging.getLogger(__name__)


@task(priority=50)
def alert_midwives_about_urgent_question(question_id):
    """Email the midwives at once about an urgent question."""
    try:
        return notifications.send_urgent_alert(question_id)
    except Exception:
        logger.exception("Could not send the urgent alert for question %s.", question_id)
        raise


@task
def notify_asker_of_answer(question_id):
    """Email the asker, once, that their question has been answered."""
    try:
        return notifications.send_answer_notification(question_id)
    except Exception:
        logger.exception("Could not tell the asker of question %s about the answer.", question_id)
        raise
