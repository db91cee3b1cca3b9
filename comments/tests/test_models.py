"""Question and reply rules on the models."""

from datetime import timedelta

import pytest
from django.utils import timezone

from comments.models import Question
from healthinfo.tests.factories import make_article

pytestmark = pytest.mark.django_db


def ask(article, body="When should I worry?", **fields):
    return Question.objects.create(article=article, language="en", body=body, **fields)


def test_question_without_a_name_is_shown_as_anonymous_not_verified():
    question = ask(make_article())
    assert str(question.public_name) == "Anonymous (not verified)"
    question.display_name = "Sam"
    assert question.public_name == "Sam"


def test_moderation_queue_puts_urgent_first_then_oldest():
    article = make_article()
    now = timezone.now()
    old = ask(article, created_at=now - timedelta(hours=5))
    newer = ask(article, created_at=now - timedelta(hours=1))
    urgent = ask(article, is_urgent=True, created_at=now)
    ask(article, status=Question.Status.APPROVED)
    assert list(Question.objects.moderation_queue()) == [urgent, old, newer]
