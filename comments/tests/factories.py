"""Small factory functions for question tests."""

import time

from django.utils import timezone

from comments import services
from comments.models import CannedReply, Question
from comments.tokens import form_token
from healthinfo.tests.factories import make_article, make_user


def make_question(article=None, *, body="When should I call the maternity unit?", **fields):
    """A question as a reader left it (pending unless ``status`` says otherwise), screened."""
    fields.setdefault("language", "en")
    screening = services.screen(body, fields.get("display_name", ""))
    for name, value in screening.items():
        fields.setdefault(name, value)
    return Question.objects.create(article=article or make_article(), body=body, **fields)


def make_midwife(username=None, *, public_name="Midwife @HealthInfo", **kwargs):
    return make_user(username, groups=["Midwives"], public_name=public_name, **kwargs)


def answered_question(
    article=None, *, midwife=None, reply="Please call your maternity unit.", **fields
):
    """An approved question with one published reply."""
    question = make_question(article, status=Question.Status.APPROVED, **fields)
    services.reply(question, midwife or make_midwife(), reply)
    question.refresh_from_db()
    return question


def make_canned_reply(title="Helpline", body="Call our helpline on 0800 014 7800.", **fields):
    return CannedReply.objects.create(title=title, body=body, **fields)


def form_data(body="Is it normal to feel pulling with a stitch at 19 weeks?", **fields):
    """What the question form posts, filled in a minute ago (past the minimum fill time)."""
    return {
        "body": body,
        "display_name": "",
        "email": "",
        "website": "",
        "started": form_token(time.time() - 60),
        **fields,
    }


def hours_ago(hours):
    return timezone.now() - timezone.timedelta(hours=hours)
